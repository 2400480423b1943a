//! Weather proxy: subscribes to the weather server and republishes its
//! updates to subscribers on another network.
//!
//! Usage: `wuproxy [FRONTEND [BACKEND]]`, by default
//! `wuproxy tcp://localhost:5556 tcp://*:8100` (the guide's LAN addresses
//! stand for: the weather server's endpoint, and our public endpoint).
#[path = "zhelpers/mod.rs"]
mod zhelpers;

fn main() -> zmq::Result<()> {
    let mut args = std::env::args().skip(1);
    let frontend_endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5556".into());
    let backend_endpoint = args.next().unwrap_or_else(|| "tcp://*:8100".into());

    let context = zmq::Context::new();

    // This is where the weather server sits
    let frontend = context.socket::<zmq::XSub>()?;
    frontend.connect(&frontend_endpoint)?;

    // This is our public endpoint for subscribers
    let backend = context.socket::<zmq::XPub>()?;
    backend.bind(&backend_endpoint)?;

    // Run the proxy until the user interrupts us (or, under test, for
    // ZGUIDE_ITERS messages)
    zhelpers::proxy(&frontend, &backend)
}
