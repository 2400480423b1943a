fn main() {
    let ctx = zmq::Context::new();
    let dealer = ctx.socket::<zmq::Dealer>().unwrap();
    let _ = dealer.set_router_mandatory(true);
}
