"""pyzmq peer: a Lazy Pirate server (REP on tcp://*:5555) that echoes
REQUESTS requests after a short pause, printing "Normal request (N)", then
"crashes": it receives one more request and exits without answering.
It prints "Ready" once bound.

Usage: lpserver.py REQUESTS
"""
import sys
import time

import zmq

requests = int(sys.argv[1])
context = zmq.Context()
server = context.socket(zmq.REP)
server.rcvtimeo = 30_000
server.bind("tcp://*:5555")
print("Ready", flush=True)
for _ in range(requests):
    request = server.recv()
    print("Normal request (%s)" % request.decode(), flush=True)
    time.sleep(0.05)  # some work
    server.send(request)
server.recv()
print("Simulating a crash", flush=True)
server.close(linger=0)
context.term()
