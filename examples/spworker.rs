//! Simple Pirate worker: a REQ on tcp://localhost:5556 that says READY
//! ("\x01") and then echoes each request after a second of "work"; from
//! time to time it simulates a crash (exits) or a CPU overload.
//!
//! `ZGUIDE_SEED=N` makes the crashes and overloads (and its identity)
//! repeat: give each worker its own seed. `ZGUIDE_ITERS=N` ends it after N
//! replies.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;

const LRU_READY: &str = "\x01";

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let worker = context.socket::<zmq::Req>()?;

    // Set a random identity to make tracing easier
    let identity = zhelpers::random_id();
    worker.set_routing_id(&identity)?;
    worker.connect("tcp://localhost:5556")?;

    // Tell the broker we're ready for work
    println!("I: ({identity}) worker ready");
    worker.send(LRU_READY)?;

    for cycles in zhelpers::forever().map(|n| n + 1) {
        let msg = worker.recv_multipart()?;

        // Simulate various problems, after a few cycles
        if zhelpers::randrange(0, 6) == 0 {
            println!("I: ({identity}) simulating a crash");
            break;
        } else if cycles > 3 && zhelpers::randrange(0, 6) == 0 {
            println!("I: ({identity}) simulating CPU overload");
            thread::sleep(zhelpers::scaled(Duration::from_secs(3)));
        }
        println!("I: ({identity}) normal reply");
        thread::sleep(zhelpers::scaled(Duration::from_secs(1))); // Do some heavy work
        worker.send_multipart(msg)?;
    }
    Ok(())
}
