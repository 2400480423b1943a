"""pyzmq peer: a client of the guide's load-balancing broker (REQ with
identity Client-N on ipc://frontend.ipc in the current directory): sends
"HELLO", prints "Client-N: REPLY".

Usage: lbclient.py N
"""
import sys

import zmq

identity = "Client-%s" % sys.argv[1]
context = zmq.Context()
socket = context.socket(zmq.REQ)
socket.identity = identity.encode()
socket.rcvtimeo = 30_000
socket.connect("ipc://frontend.ipc")
socket.send(b"HELLO")
print("%s: %s" % (identity, socket.recv().decode()), flush=True)
socket.close()
context.term()
