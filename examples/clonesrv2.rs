//! Clone server, model two: publishes random updates (kvsimple) on
//! tcp://*:5557 and passes each to a state manager thread, which answers
//! snapshot requests ("ICANHAZ?") on tcp://*:5556 with its whole map and
//! a closing "KTHXBAI" carrying the snapshot's sequence number. Publishes
//! forever or `ZGUIDE_ITERS` updates.
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvsimple.rs"]
mod kvsimple;
#[path = "zhelpers/mod.rs"]
mod zhelpers;
#[path = "zpipe/mod.rs"]
mod zpipe;

use kv::KeyValue;
use kvsimple::{KvMap, KvMsg};
use zmq::{PollEvents, PollSet};

fn main() -> zmq::Result<()> {
    // Prepare our context and publisher socket
    let context = zmq::Context::new();
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.bind("tcp://*:5557")?;

    let [updates, peer] = zpipe::zpipe(&context)?;
    let manager_context = context.clone();
    std::thread::spawn(move || state_manager(&manager_context, &peer));
    updates.recv()?; // "READY"

    let mut sequence = 0;
    for _ in zhelpers::forever() {
        // Distribute as key-value message
        sequence += 1;
        let key = zhelpers::randrange(1, 10_001).to_string();
        let body = zhelpers::randrange(1, 1_000_001).to_string();
        let kvmsg = KvMsg::with(sequence, key, body);
        kvmsg.send(&publisher)?;
        kvmsg.send(&updates)?;
    }
    println!(" Interrupted\n{sequence} messages out");
    Ok(())
}

/// Maintains the state and answers snapshot requests.
fn state_manager(context: &zmq::Context, pipe: &zmq::Socket<zmq::Pair>) -> zmq::Result<()> {
    let mut kvmap = KvMap::new();
    let snapshot = context.socket::<zmq::Router>()?;
    // No high-water mark: a ROUTER drops what does not fit, and a
    // snapshot cut short would leave its client waiting for "KTHXBAI"
    snapshot.set_sndhwm(0)?;
    snapshot.bind("tcp://*:5556")?;
    pipe.send("READY")?;

    let mut items = PollSet::new();
    let from_pipe = items.add(pipe, PollEvents::IN);
    let from_clients = items.add(&snapshot, PollEvents::IN);
    let mut sequence = 0; // Current snapshot version number
    loop {
        items.poll(None)?;
        // Apply state update from main thread
        if items.is_readable(from_pipe) {
            let kvmsg = KvMsg::recv(pipe)?;
            sequence = kvmsg.sequence;
            kvmsg.store(&mut kvmap);
        }
        // Execute state snapshot request
        if items.is_readable(from_clients) {
            let request = snapshot.recv_multipart()?;
            if request.len() != 2 || request[1] != "ICANHAZ?" {
                println!("E: bad request, aborting");
                return Ok(());
            }
            // Send state snapshot to client, then the end with the sequence
            println!("Sending state shapshot={sequence}");
            kv::send_snapshot(&snapshot, &request[0], &kvmap, b"", sequence)?;
        }
    }
}
