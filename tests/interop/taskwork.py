"""pyzmq peer: the guide's task worker (PULL from tcp://localhost:5557,
PUSH results to tcp://localhost:5558), printing a dot per task. It runs
until its standard input is closed.
"""
import sys
import time

import zmq

context = zmq.Context()
receiver = context.socket(zmq.PULL)
receiver.connect("tcp://localhost:5557")
sender = context.socket(zmq.PUSH)
sender.connect("tcp://localhost:5558")

poller = zmq.Poller()
poller.register(receiver, zmq.POLLIN)
poller.register(sys.stdin.fileno(), zmq.POLLIN)
while True:
    ready = dict(poller.poll())
    if receiver in ready:
        workload = int(receiver.recv())
        time.sleep(workload / 1000)
        sender.send(b"")
        print(".", end="", flush=True)
    if sys.stdin.fileno() in ready and not sys.stdin.buffer.read1(1024):
        break  # end of file: the test is done with us
print(flush=True)
receiver.close()
sender.close()
context.term()
