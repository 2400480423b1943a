//! Freelance server, model three: a ROUTER whose routing id is the
//! endpoint clients connect to ("tcp://localhost:5555"), bound to
//! tcp://*:5555. It answers PING with PONG and [sequence, body...] with
//! [sequence, "OK"] (the Freelance protocol, spec 10). `-v` dumps every
//! reply. `flserver3 [-v] [tcp://localhost:PORT]` serves on another port
//! (the guide's server knows only 5555, but its client talks to three).
//! Under `ZGUIDE_ITERS=N` it stops after N requests (pings not counted).
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::Duration;
use zmq::{Message, Multipart};

fn main() -> zmq::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    // Prepare server socket with predictable identity
    let connect_endpoint = args
        .iter()
        .find(|a| *a != "-v")
        .map_or("tcp://localhost:5555", String::as_str);
    let port = connect_endpoint.rsplit(':').next().unwrap_or("5555");
    let bind_endpoint = format!("tcp://*:{port}");

    let context = zmq::Context::new();
    let server = context.socket::<zmq::Router>()?;
    server.set_routing_id(connect_endpoint)?;
    server.bind(&bind_endpoint)?;
    println!("I: service is ready at {bind_endpoint}");

    let mut requests = 0;
    let limit = zhelpers::iterations().unwrap_or(u64::MAX);
    while requests < limit {
        let mut request = server.recv_multipart()?;
        // Frame 0: identity of client
        // Frame 1: PING, or client control frame
        // Frame 2: request body
        let identity = request.pop_front().unwrap_or_default();
        let control = request.pop_front().unwrap_or_default();
        let reply = if control == "PING" {
            Multipart::from([identity, Message::from("PONG")])
        } else {
            requests += 1;
            Multipart::from([identity, control, Message::from("OK")])
        };
        if verbose {
            zhelpers::dump(&reply);
        }
        server.send_multipart(reply)?;
    }
    // Let the last reply go out, but do not wait for long.
    server.set_linger(Some(Duration::from_secs(1)))
}
