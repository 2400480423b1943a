//! MMI echo query: asks the broker at tcp://localhost:5555, through its
//! `mmi.service` service (spec 8), whether the `echo` service has workers,
//! and prints the answer: 200 if it does, 404 if not.
#[path = "mdp/mod.rs"]
mod mdp;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use mdp::mdcliapi::MajorDomoClient;

fn main() -> mdp::Result<()> {
    let mut client = MajorDomoClient::new("tcp://localhost:5555", mdp::verbose())?;
    match client.send(b"mmi.service", ["echo"])? {
        Some(reply) => {
            let code = reply.front().map(ToString::to_string).unwrap_or_default();
            println!("Lookup echo service: {code}");
        }
        None => println!("E: no response from broker, make sure it's running"),
    }
    Ok(())
}
