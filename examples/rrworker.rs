//! Request-reply worker: connects a REP socket to the broker's backend,
//! tcp://localhost:5560, and answers "World" to every request.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    // Socket to talk to the broker
    let responder = context.socket::<zmq::Rep>()?;
    responder.connect("tcp://localhost:5560")?;

    for _ in zhelpers::forever() {
        // Wait for the next request from a client
        let request = responder.recv()?;
        println!("Received request: [{request}]");

        // Do some 'work'
        thread::sleep(zhelpers::scaled(Duration::from_secs(1)));

        // Send the reply back to the client
        responder.send("World")?;
    }
    Ok(())
}
