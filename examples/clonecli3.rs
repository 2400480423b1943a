//! Clone client, model three: gets a snapshot from tcp://localhost:5556,
//! applies the updates published on tcp://localhost:5557, and pushes a
//! random update of its own to tcp://localhost:5558 every second.
//! `ZGUIDE_ITERS=N`: sends N updates, applies updates until all is quiet,
//! then prints its final state (`S: key=value` lines).
#[path = "clone/bounded.rs"]
mod bounded;
#[path = "clone/kvsimple.rs"]
mod kvsimple;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use kvsimple::{KvMap, KvMsg};
use std::time::Duration;
use zmq::PollEvents;

fn main() -> zmq::Result<()> {
    // Prepare our context and subscriber
    let context = zmq::Context::new();
    let snapshot = context.socket::<zmq::Dealer>()?;
    snapshot.set_linger(Some(Duration::ZERO))?;
    snapshot.connect("tcp://localhost:5556")?;
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.set_linger(Some(Duration::ZERO))?;
    subscriber.subscribe("")?;
    subscriber.connect("tcp://localhost:5557")?;
    let publisher = context.socket::<zmq::Push>()?;
    publisher.set_linger(Some(Duration::ZERO))?;
    publisher.connect("tcp://localhost:5558")?;

    // Get state snapshot
    let mut kvmap = KvMap::new();
    snapshot.send("ICANHAZ?")?;
    let mut sequence = kvsimple::recv_snapshot(&snapshot, &mut kvmap)?;
    println!("I: Received snapshot={sequence}");

    let mut pacer = bounded::Pacer::new(
        zhelpers::scaled(Duration::from_secs(1)),
        zhelpers::iterations(),
    );
    while !pacer.done() {
        if subscriber
            .poll(PollEvents::IN, Some(pacer.timeout()))?
            .is_readable()
        {
            let kvmsg = KvMsg::recv(&subscriber)?;
            pacer.activity();
            // Discard out-of-sequence kvmsgs, incl. heartbeats
            if kvmsg.sequence > sequence {
                sequence = kvmsg.sequence;
                kvmsg.store(&mut kvmap);
                println!("I: received update={sequence}");
            }
        }
        // If we timed out, generate a random kvmsg
        if pacer.due() {
            let key = zhelpers::randrange(1, 10_001).to_string();
            let body = zhelpers::randrange(1, 1_000_001).to_string();
            let kvmsg = KvMsg::with(0, key, body);
            kvmsg.send(&publisher)?;
            kvmsg.store(&mut kvmap);
        }
    }
    println!(" Interrupted\n{sequence} messages in");
    bounded::print_state(kvmap.values().map(|m| {
        (
            m.key.as_deref().unwrap_or_default(),
            m.body.as_deref().unwrap_or_default(),
        )
    }));
    Ok(())
}
