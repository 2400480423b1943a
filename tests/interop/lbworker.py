"""pyzmq peer: a worker of the guide's load-balancing broker (REQ with
identity Worker-N on ipc://backend.ipc in the current directory): says
"READY", then answers each [client, "", request] with [client, "", "OK"],
printing "Worker-N: REQUEST". It runs until its standard input is closed.

Usage: lbworker.py N
"""
import sys

import zmq

identity = "Worker-%s" % sys.argv[1]
context = zmq.Context()
socket = context.socket(zmq.REQ)
socket.identity = identity.encode()
socket.connect("ipc://backend.ipc")
socket.send(b"READY")

poller = zmq.Poller()
poller.register(socket, zmq.POLLIN)
poller.register(sys.stdin.fileno(), zmq.POLLIN)
while True:
    ready = dict(poller.poll())
    if socket in ready:
        address, empty, request = socket.recv_multipart()
        print("%s: %s" % (identity, request.decode()), flush=True)
        socket.send_multipart([address, b"", b"OK"])
    if sys.stdin.fileno() in ready and not sys.stdin.buffer.read1(1024):
        break  # end of file: the test is done with us
socket.close(linger=0)
context.term()
