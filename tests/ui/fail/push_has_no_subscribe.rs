fn main() {
    let ctx = zmq::Context::new();
    let push = ctx.socket::<zmq::Push>().unwrap();
    let _ = push.subscribe("topic");
}
