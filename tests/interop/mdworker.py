"""pyzmq peer: a Majordomo (MDP/0.1) worker for SERVICE, written from the
protocol (spec 7), not from the guide's mdwrkapi: a DEALER to the broker
at tcp://localhost:5555 that sends READY, heartbeats every second,
answers REQUESTS requests by sending their body back, then exits. It
checks every frame the broker sends and prints "request: BODY" per
request.

Usage: mdworker.py REQUESTS [SERVICE]   (default service: echo)
"""
import sys
import time

import zmq

W_WORKER = b"MDPW01"
READY, REQUEST, REPLY, HEARTBEAT, DISCONNECT = b"\1", b"\2", b"\3", b"\4", b"\5"

requests = int(sys.argv[1])
service = sys.argv[2].encode() if len(sys.argv) > 2 else b"echo"

context = zmq.Context()
worker = context.socket(zmq.DEALER)
worker.connect("tcp://localhost:5555")
worker.send_multipart([b"", W_WORKER, READY, service])
heartbeat_at = time.monotonic() + 1.0
deadline = time.monotonic() + 30

served = 0
while served < requests:
    assert time.monotonic() < deadline, "no requests within 30 s"
    if worker.poll(100):
        frames = worker.recv_multipart()
        assert frames[0] == b"" and frames[1] == W_WORKER, frames
        command = frames[2]
        if command == REQUEST:
            client, empty, body = frames[3], frames[4], frames[5:]
            assert empty == b"", frames
            print("request: " + " ".join(f.decode() for f in body), flush=True)
            worker.send_multipart([b"", W_WORKER, REPLY, client, b""] + body)
            served += 1
        elif command == HEARTBEAT:
            pass
        else:
            raise AssertionError(f"unexpected command {frames}")
    if time.monotonic() > heartbeat_at:
        worker.send_multipart([b"", W_WORKER, HEARTBEAT])
        heartbeat_at = time.monotonic() + 1.0

worker.close()  # the default linger delivers the last reply
context.term()
