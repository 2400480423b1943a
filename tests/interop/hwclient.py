"""pyzmq peer: the guide's Hello World client (REQ to tcp://localhost:5555).

Usage: hwclient.py [REQUESTS]   (default 10)
"""
import sys

import zmq

requests = int(sys.argv[1]) if len(sys.argv) > 1 else 10
context = zmq.Context()
socket = context.socket(zmq.REQ)
socket.rcvtimeo = 30_000  # a hang fails instead of blocking forever
socket.connect("tcp://localhost:5555")
for request in range(requests):
    socket.send(b"Hello")
    reply = socket.recv()
    print(f"Received reply {request} [ {reply.decode()} ]", flush=True)
socket.close()
context.term()
