//! Freelance server, model two: a REP socket bound to the endpoint given,
//! `flserver2 tcp://*:5555`, that answers each [sequence, body] request
//! with [sequence, "OK"]. Under `ZGUIDE_ITERS=N` it stops after N
//! requests.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::Duration;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(endpoint) = std::env::args().nth(1) else {
        println!("I: Syntax: flserver2 <endpoint>");
        return Ok(());
    };
    let context = zmq::Context::new();
    let server = context.socket::<zmq::Rep>()?;
    server.bind(&endpoint)?;

    println!("I: Service is ready at {endpoint}");
    for _ in zhelpers::forever() {
        let mut request = server.recv_multipart()?;
        // Fail nastily if run against wrong client
        if request.len() != 2 {
            return Err(format!("E: expected [sequence, body], got {request:?}").into());
        }
        let sequence = request.pop_front().unwrap_or_default();
        server.send_multipart([sequence, zmq::Message::from("OK")])?;
    }
    // Let the last reply go out, but do not wait for long.
    server.set_linger(Some(Duration::from_secs(1)))?;
    Ok(())
}
