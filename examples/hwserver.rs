//! Hello World server: binds a REP socket to tcp://*:5555, expects "Hello"
//! from clients and replies with "World".
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let responder = context.socket::<zmq::Rep>()?;
    responder.bind("tcp://*:5555")?;

    for _ in zhelpers::forever() {
        // Wait for the next request from a client
        let message = responder.recv()?;
        println!("Received request: {message}");

        // Do some 'work'
        thread::sleep(zhelpers::scaled(Duration::from_secs(1)));

        // Send the reply back to the client
        responder.send("World")?;
    }
    Ok(())
}
