"""pyzmq peer: a Majordomo (MDP/0.1) client, written from the protocol
(spec 7), not from the guide's mdcliapi: a REQ socket to the broker at
tcp://localhost:5555 that sends REQUESTS requests "Hello N" to SERVICE,
checks each reply's MDP/Client frames and prints "reply: BODY".

Usage: mdclient.py REQUESTS [SERVICE]   (default service: echo)
"""
import sys

import zmq

C_CLIENT = b"MDPC01"

requests = int(sys.argv[1])
service = sys.argv[2].encode() if len(sys.argv) > 2 else b"echo"

context = zmq.Context()
client = context.socket(zmq.REQ)
client.rcvtimeo = 30_000
client.linger = 0
client.connect("tcp://localhost:5555")
for n in range(requests):
    client.send_multipart([C_CLIENT, service, f"Hello {n}".encode()])
    reply = client.recv_multipart()
    assert reply[0] == C_CLIENT and reply[1] == service, reply
    print("reply: " + " ".join(f.decode() for f in reply[2:]), flush=True)
client.close()
context.term()
