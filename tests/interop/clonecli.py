"""pyzmq peer: a Clone client of model five (kvmsg frames: key, 8-byte
sequence, 16-byte uuid, properties, body), written for the interop tests
against the Rust clonesrv5.

It asks for a snapshot of the subtree /client/ on tcp://localhost:5556,
applies the updates published on tcp://localhost:5557, and pushes COUNT
random updates (each with a random ttl property) to tcp://localhost:5558,
one every INTERVAL seconds. Then it waits until it has heard nothing for
five intervals and prints " Interrupted", "<sequence> messages in" and its
state as "S: key=value" lines, like the Rust clients in bounded mode.

Usage: clonecli.py COUNT INTERVAL
"""
import random
import struct
import sys
import time
import uuid

import zmq

SUBTREE = b"/client/"


def recv(socket):
    key, sequence, _uuid, _properties, body = socket.recv_multipart()
    return key, struct.unpack("!q", sequence)[0], body


def main():
    count = int(sys.argv[1])
    interval = float(sys.argv[2])
    quiet = 5 * interval
    context = zmq.Context()
    snapshot = context.socket(zmq.DEALER)
    snapshot.linger = 0
    snapshot.rcvtimeo = 30_000
    snapshot.connect("tcp://localhost:5556")
    subscriber = context.socket(zmq.SUB)
    subscriber.linger = 0
    subscriber.setsockopt(zmq.SUBSCRIBE, SUBTREE)
    subscriber.connect("tcp://localhost:5557")
    publisher = context.socket(zmq.PUSH)
    publisher.linger = 0
    publisher.connect("tcp://localhost:5558")

    kvmap = {}
    snapshot.send_multipart([b"ICANHAZ?", SUBTREE])
    while True:
        key, sequence, body = recv(snapshot)
        if key == b"KTHXBAI":
            break
        if body:
            kvmap[key] = body
    print("I: Received snapshot=%d" % sequence)

    sent = 0
    alarm = last = time.time() + interval
    while True:
        now = time.time()
        deadline = alarm if sent < count else last + quiet
        if sent >= count and now >= deadline:
            break
        if subscriber.poll(max(0.0, deadline - now) * 1000):
            key, seq, body = recv(subscriber)
            last = time.time()
            if seq > sequence:
                sequence = seq
                if body:
                    kvmap[key] = body
                else:
                    kvmap.pop(key, None)
                print("I: received %s=%d" % ("update" if body else "delete", seq))
        if sent < count and time.time() >= alarm:
            key = SUBTREE + b"%d" % random.randint(1, 10000)
            body = b"%d" % random.randint(1, 1000000)
            properties = b"ttl=%d\n" % random.randint(0, 30)
            publisher.send_multipart(
                [key, struct.pack("!q", 0), uuid.uuid4().bytes, properties, body]
            )
            kvmap[key] = body
            sent += 1
            alarm = last = time.time() + interval
            last = time.time()

    print(" Interrupted")
    print("%d messages in" % sequence)
    for key in sorted(kvmap):
        print("S: %s=%s" % (key.decode(), kvmap[key].decode()))


if __name__ == "__main__":
    main()
