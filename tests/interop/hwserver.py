"""pyzmq peer: the guide's Hello World server (REP on tcp://*:5555),
answering REQUESTS requests with "World", then exiting.

Usage: hwserver.py [REQUESTS]   (default 10)
"""
import sys

import zmq

requests = int(sys.argv[1]) if len(sys.argv) > 1 else 10
context = zmq.Context()
socket = context.socket(zmq.REP)
socket.rcvtimeo = 30_000
socket.bind("tcp://*:5555")
for _ in range(requests):
    message = socket.recv()
    print(f"Received request: {message.decode()}", flush=True)
    socket.send(b"World")
socket.close()  # the default linger delivers the last reply
context.term()
