//! The client of Clone models three to five, which differ only in the
//! message class, the subtree and the TTL: gets a snapshot from
//! tcp://localhost:5556, applies the updates published on
//! tcp://localhost:5557, and pushes a random update of its own to
//! tcp://localhost:5558 every second. `ZGUIDE_ITERS=N`: sends N updates,
//! applies updates until all is quiet, then prints its final state
//! (`S: key=value` lines).
#![allow(dead_code)]

use crate::bounded;
use crate::kv::KeyValue;
use crate::zhelpers;
use std::collections::HashMap;
use std::time::Duration;
use zmq::PollEvents;

/// Runs a client: with `subtree`, it asks for and subscribes to that
/// subtree only (model four on); `decorate` adds to each update (model
/// five's TTL).
pub fn run<M: KeyValue>(subtree: Option<&str>, decorate: fn(&mut M)) -> zmq::Result<()> {
    // Prepare our context and subscriber
    let context = zmq::Context::new();
    let snapshot = context.socket::<zmq::Dealer>()?;
    snapshot.set_linger(Some(Duration::ZERO))?;
    snapshot.connect("tcp://localhost:5556")?;
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.set_linger(Some(Duration::ZERO))?;
    subscriber.subscribe(subtree.unwrap_or(""))?;
    subscriber.connect("tcp://localhost:5557")?;
    let publisher = context.socket::<zmq::Push>()?;
    publisher.set_linger(Some(Duration::ZERO))?;
    publisher.connect("tcp://localhost:5558")?;

    // Get state snapshot
    let mut kvmap: HashMap<Vec<u8>, M> = HashMap::new();
    match subtree {
        None => snapshot.send("ICANHAZ?")?,
        Some(subtree) => snapshot.send_multipart(["ICANHAZ?", subtree])?,
    }
    let mut sequence = crate::kv::recv_snapshot(&snapshot, &mut kvmap)?;
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
            let kvmsg = M::recv(&subscriber)?;
            pacer.activity();
            // Discard out-of-sequence kvmsgs, incl. heartbeats
            if kvmsg.sequence() > sequence {
                sequence = kvmsg.sequence();
                kvmsg.store(&mut kvmap);
                let action = if kvmsg.body().is_some() {
                    "update"
                } else {
                    "delete"
                };
                println!("I: received {action}={sequence}");
            }
        }
        // If we timed out, generate a random kvmsg
        if pacer.due() {
            let key = format!(
                "{}{}",
                subtree.unwrap_or(""),
                zhelpers::randrange(1, 10_001)
            );
            let body = zhelpers::randrange(1, 1_000_001).to_string();
            let mut kvmsg = M::with(0, key, body);
            decorate(&mut kvmsg);
            kvmsg.send(&publisher)?;
            kvmsg.store(&mut kvmap);
        }
    }
    println!(" Interrupted\n{sequence} messages in");
    bounded::print_state(
        kvmap
            .values()
            .map(|m| (m.key().unwrap_or_default(), m.body().unwrap_or_default())),
    );
    Ok(())
}
