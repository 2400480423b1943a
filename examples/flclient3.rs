//! Freelance client, model three: the Freelance client API
//! (`flcliapi/mod.rs`) connected to three servers, tcp://localhost:5555,
//! 5556 and 5557; makes 10,000 (or `ZGUIDE_ITERS`) name resolution
//! requests and prints the average round trip.
#[path = "flcliapi/mod.rs"]
mod flcliapi;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use flcliapi::FreelanceClient;
use std::time::Instant;

fn main() -> zmq::Result<()> {
    // Create new freelance client object
    let client = FreelanceClient::new()?;

    // Connect to several endpoints
    client.connect("tcp://localhost:5555")?;
    client.connect("tcp://localhost:5556")?;
    client.connect("tcp://localhost:5557")?;

    // Send a bunch of name resolution 'requests', measure time
    let requests = zhelpers::iterations_or(10_000);
    let start = Instant::now();
    for _ in 0..requests {
        if client.request(["random name"])?.is_none() {
            println!("E: name service not available, aborting");
            return Ok(());
        }
    }
    let usec = start.elapsed().as_micros() / u128::from(requests.max(1));
    println!("Average round trip cost: {usec} usec");
    Ok(())
}
