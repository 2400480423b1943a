//! Freelance server, model one: a trivial echo service on a REP socket
//! bound to the endpoint given, `flserver1 tcp://*:5555`. Under
//! `ZGUIDE_ITERS=N` it stops after N requests.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::Duration;

fn main() -> zmq::Result<()> {
    let Some(endpoint) = std::env::args().nth(1) else {
        println!("I: Syntax: flserver1 <endpoint>");
        return Ok(());
    };
    let context = zmq::Context::new();
    let server = context.socket::<zmq::Rep>()?;
    server.bind(&endpoint)?;

    println!("I: Echo service is ready at {endpoint}");
    for _ in zhelpers::forever() {
        let msg = server.recv_multipart()?;
        server.send_multipart(msg)?;
    }
    // Let the last reply go out, but do not wait for long.
    server.set_linger(Some(Duration::from_secs(1)))
}
