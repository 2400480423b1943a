fn main() {
    let ctx = zmq::Context::new();
    let publisher = ctx.socket::<zmq::Pub>().unwrap();
    let _ = publisher.recv();
}
