//! The Freelance client API (`examples/flcliapi/mod.rs`, the guide's
//! `flcliapi`) on its own: `flcliapi [ENDPOINT...]` (default
//! tcp://localhost:5555, a flserver3) connects to the servers, makes one
//! request and prints the reply, or says that no server answered.
#[path = "flcliapi/mod.rs"]
mod flcliapi;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use flcliapi::FreelanceClient;

fn main() -> zmq::Result<()> {
    let mut endpoints: Vec<String> = std::env::args().skip(1).collect();
    if endpoints.is_empty() {
        endpoints.push("tcp://localhost:5555".to_string());
    }
    let client = FreelanceClient::new()?;
    for endpoint in &endpoints {
        client.connect(endpoint)?;
    }
    match client.request(["random name"])? {
        Some(reply) => {
            for frame in &reply {
                println!("I: reply: {frame}");
            }
        }
        None => println!("E: name service not available"),
    }
    Ok(())
}
