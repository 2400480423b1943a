//! Clone client, model five: model four with kvmsg, and a random TTL on
//! each update (0-30 seconds, scaled by `ZGUIDE_TIME_SCALE` on the server).
//! Works on the subtree "/client/" only. Gets a snapshot from tcp://localhost:5556,
//! applies the updates published on tcp://localhost:5557, and pushes a
//! random update of its own to tcp://localhost:5558 every second.
//! `ZGUIDE_ITERS=N`: sends N updates, applies updates until all is quiet,
//! then prints its final state (`S: key=value` lines).
#[path = "clone/bounded.rs"]
mod bounded;
#[path = "clone/kvmsg.rs"]
mod kvmsg;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use kvmsg::{KvMap, KvMsg};
use std::time::Duration;
use zmq::PollEvents;

const SUBTREE: &str = "/client/";

fn main() -> zmq::Result<()> {
    // Prepare our context and subscriber
    let context = zmq::Context::new();
    let snapshot = context.socket::<zmq::Dealer>()?;
    snapshot.set_linger(Some(Duration::ZERO))?;
    snapshot.connect("tcp://localhost:5556")?;
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.set_linger(Some(Duration::ZERO))?;
    subscriber.subscribe(SUBTREE)?;
    subscriber.connect("tcp://localhost:5557")?;
    let publisher = context.socket::<zmq::Push>()?;
    publisher.set_linger(Some(Duration::ZERO))?;
    publisher.connect("tcp://localhost:5558")?;

    // Get state snapshot
    let mut kvmap = KvMap::new();
    snapshot.send_multipart(["ICANHAZ?", SUBTREE])?;
    let mut sequence = kvmsg::recv_snapshot(&snapshot, &mut kvmap)?;
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
                let action = if kvmsg.body.is_some() {
                    "update"
                } else {
                    "delete"
                };
                println!("I: received {action}={sequence}");
            }
        }
        // If we timed out, generate a random kvmsg
        if pacer.due() {
            let key = format!("{SUBTREE}{}", zhelpers::randrange(1, 10_001));
            let body = zhelpers::randrange(1, 1_000_001).to_string();
            let mut kvmsg = KvMsg::with(0, key, body);
            kvmsg.set("ttl", zhelpers::randrange(0, 31).to_string());
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
