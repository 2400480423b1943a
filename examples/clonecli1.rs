//! Clone client, model one: subscribes to the server's updates on
//! tcp://localhost:5556 and stores them, forever or `ZGUIDE_ITERS` of them.
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvsimple.rs"]
mod kvsimple;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use kv::KeyValue;
use kvsimple::{KvMap, KvMsg};

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let updates = context.socket::<zmq::Sub>()?;
    updates.set_linger(Some(std::time::Duration::ZERO))?;
    updates.subscribe("")?;
    updates.connect("tcp://localhost:5556")?;

    let mut kvmap = KvMap::new();
    let mut sequence = 0;
    for _ in zhelpers::forever() {
        let kvmsg = KvMsg::recv(&updates)?;
        kvmsg.store(&mut kvmap);
        sequence += 1;
    }
    println!("Interrupted\n{sequence} messages in");
    Ok(())
}
