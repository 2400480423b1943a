"""pyzmq peer: a weather server for wuclient (tcp://*:5556, updates
"zipcode temperature relhumidity").

It publishes through an XPUB socket so that it can wait for the client's
subscription instead of sleeping, then publishes COUNT updates for 10001
among updates for other zipcodes, prints the average temperature the
client must find (integer, truncated like Rust's division), and exits.

Usage: wuserver.py [COUNT]   (default 100)
"""
import random
import sys

import zmq

count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
context = zmq.Context()
publisher = context.socket(zmq.XPUB)
publisher.rcvtimeo = 30_000
publisher.bind("tcp://*:5556")

# Wait for a subscription to 10001: b"\x01" + prefix.
while True:
    event = publisher.recv()
    if event[:1] == b"\x01" and b"10001".startswith(event[1:]):
        break

total = 0
for _ in range(count):
    for zipcode in (random.randrange(1, 100000), 10001):
        temperature = random.randrange(-80, 135)
        relhumidity = random.randrange(10, 60)
        if zipcode == 10001:
            total += temperature
        publisher.send_string(f"{zipcode:05d} {temperature} {relhumidity}")
print(f"Average temperature for zipcode '10001' was {int(total / count)}F", flush=True)
publisher.close()
context.term()
