fn main() {
    let ctx = zmq::Context::new();
    let pull = ctx.socket::<zmq::Pull>().unwrap();
    let _ = pull.send("nope");
}
