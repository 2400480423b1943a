//! Broker peering, part 1: the state flow. Each broker publishes its
//! address and a random number of free workers on ipc://NAME-state.ipc
//! whenever a second passes without news, and subscribes to the state of
//! its peers, printing what it hears.
//!
//! `cargo run --example peering1 -- ME [PEER...]`, e.g. three terminals
//! with `DC1 DC2 DC3`, `DC2 DC1 DC3`, `DC3 DC1 DC2`. Under `ZGUIDE_ITERS=N`
//! a broker ends after N rounds (a round: one status heard or one sent).
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;
use zmq::PollEvents;

fn main() -> zmq::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((myself, others)) = args.split_first() else {
        println!("Usage: peering1 <myself> <peer_1> ... <peer_N>");
        std::process::exit(1);
    };
    println!("Hello, I am {myself}");

    let context = zmq::Context::new();

    // State back-end
    let statebe = context.socket::<zmq::Pub>()?;
    let bind_address = format!("ipc://{myself}-state.ipc");
    statebe.bind(&bind_address)?;

    // State front-end
    let statefe = context.socket::<zmq::Sub>()?;
    statefe.subscribe("")?;
    for other in others {
        statefe.connect(&format!("ipc://{other}-state.ipc"))?;
        thread::sleep(zhelpers::scaled(Duration::from_secs(1)));
    }

    for _ in zhelpers::forever() {
        let timeout = zhelpers::scaled(Duration::from_secs(1));
        if statefe.poll(PollEvents::IN, Some(timeout))?.is_readable() {
            // Handle an incoming status message
            let msg = statefe.recv_multipart()?;
            let frames: Vec<String> = msg.iter().map(ToString::to_string).collect();
            println!("{myself} Received: {frames:?}");
        } else {
            // Send our address and a random value for worker availability
            let available = zhelpers::randrange(1, 10).to_string();
            statebe.send_multipart([bind_address.as_str(), available.as_str()])?;
        }
    }
    Ok(())
}
