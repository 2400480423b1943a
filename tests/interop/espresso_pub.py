"""pyzmq peer: an espresso-style publisher for the Rust espresso
(`espresso --no-publisher`): binds a PUB socket on tcp://*:6000 and sends
random "X-NNNNN" messages (X from A to K) every 10 ms, printing each, until
it is killed or a minute has passed.
"""
import random
import string
import time

import zmq

context = zmq.Context()
publisher = context.socket(zmq.PUB)
publisher.bind("tcp://*:6000")
deadline = time.time() + 60
while time.time() < deadline:
    message = "%s-%05d" % (string.ascii_uppercase[random.randint(0, 10)], random.randint(0, 100000))
    publisher.send_string(message)
    print(message, flush=True)
    time.sleep(0.01)
