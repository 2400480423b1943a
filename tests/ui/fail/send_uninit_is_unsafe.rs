// Sending bytes nobody wrote is `unsafe`: safe code must not be able to put
// uninitialised memory into a message (issue 9, hole 1).
fn main() {
    let ctx = zmq::Context::new();
    let push = ctx.socket::<zmq::Push>().unwrap();
    let _ = push.send_uninit(zmq::UninitMessage::new(64), zmq::SendFlags::NONE);
}
