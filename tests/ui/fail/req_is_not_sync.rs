fn share<T: Sync>(_: &T) {}

fn main() {
    let ctx = zmq::Context::new();
    let req = ctx.socket::<zmq::Req>().unwrap();
    share(&req);
}
