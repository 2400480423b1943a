//! Clone client, model two: subscribes to updates on tcp://localhost:5557,
//! asks for a snapshot ("ICANHAZ?") on tcp://localhost:5556, then applies
//! the updates newer than the snapshot, forever or `ZGUIDE_ITERS` of them.
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvsimple.rs"]
mod kvsimple;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use kv::KeyValue;
use kvsimple::{KvMap, KvMsg};
use std::time::Duration;

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

    // Get state snapshot
    let mut kvmap = KvMap::new();
    snapshot.send("ICANHAZ?")?;
    let mut sequence = kv::recv_snapshot(&snapshot, &mut kvmap)?;
    println!("Received snapshot={sequence}");

    // Now apply pending updates, discard out-of-sequence messages
    let mut applied = 0;
    for _ in zhelpers::forever() {
        let kvmsg = loop {
            let kvmsg = KvMsg::recv(&subscriber)?;
            if kvmsg.sequence > sequence {
                break kvmsg;
            }
        };
        sequence = kvmsg.sequence;
        kvmsg.store(&mut kvmap);
        applied += 1;
    }
    println!("{applied} updates applied, last sequence {sequence}");
    Ok(())
}
