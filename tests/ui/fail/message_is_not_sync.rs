// Cloning a message updates libzmq's reference count inside the source
// message, so two threads must never clone one message at once.
fn share<T: Sync>(_: &T) {}

fn main() {
    let msg = zmq::Message::from("x");
    share(&msg);
}
