//! Simple message queuing broker: the same as rrbroker, with the built-in
//! proxy doing the work (clients on tcp://*:5559, services on tcp://*:5560).
#[path = "zhelpers/mod.rs"]
mod zhelpers;

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    // Socket facing clients
    let frontend = context.socket::<zmq::Router>()?;
    frontend.bind("tcp://*:5559")?;

    // Socket facing services
    let backend = context.socket::<zmq::Dealer>()?;
    backend.bind("tcp://*:5560")?;

    // Start the proxy: zmq::proxy, which runs forever (zhelpers stops it
    // after ZGUIDE_ITERS messages under test)
    zhelpers::proxy(&frontend, &backend)
}
