//! Clone server, model one: publishes random key-value updates (kvsimple)
//! on tcp://*:5556 and keeps them in its own map, forever or
//! `ZGUIDE_ITERS` of them.
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvsimple.rs"]
mod kvsimple;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use kv::KeyValue;
use kvsimple::{KvMap, KvMsg};

fn main() -> zmq::Result<()> {
    // Prepare our context and publisher socket
    let context = zmq::Context::new();
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.bind("tcp://*:5556")?;
    std::thread::sleep(std::time::Duration::from_millis(200));

    let mut kvmap = KvMap::new();
    let mut sequence = 0;
    for _ in zhelpers::forever() {
        // Distribute as key-value message
        sequence += 1;
        let key = zhelpers::randrange(1, 10_001).to_string();
        let body = zhelpers::randrange(1, 1_000_001).to_string();
        let kvmsg = KvMsg::with(sequence, key, body);
        kvmsg.send(&publisher)?;
        kvmsg.store(&mut kvmap);
    }
    println!(" Interrupted\n{sequence} messages out");
    Ok(())
}
