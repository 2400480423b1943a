//! Clone server, model five: model four with ephemeral values. Snapshot
//! requests on tcp://*:5556, updates published on tcp://*:5557, client
//! updates collected on tcp://*:5558 (kvmsg, with properties); a value
//! with a `ttl` property is deleted (and the delete published) once it
//! expires. Runs forever or until it has handled `ZGUIDE_ITERS` messages
//! (updates and snapshot requests).
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvmsg.rs"]
mod kvmsg;
#[path = "clone/server.rs"]
mod server;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use kv::KeyValue;
use kvmsg::KvMsg;
use std::time::{Duration, Instant};
use zmq::{PollEvents, PollSet};

fn main() -> zmq::Result<()> {
    let port = 5556;
    let context = zmq::Context::new();
    let snapshot = context.socket::<zmq::Router>()?;
    // No high-water mark: a ROUTER drops what does not fit, and a
    // snapshot cut short would leave its client waiting for "KTHXBAI"
    snapshot.set_sndhwm(0)?;
    snapshot.bind(&format!("tcp://*:{port}"))?;
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.bind(&format!("tcp://*:{}", port + 1))?;
    let collector = context.socket::<zmq::Pull>()?;
    collector.bind(&format!("tcp://*:{}", port + 2))?;

    let mut state = server::State::default();
    let mut items = PollSet::new();
    let requests = items.add(&snapshot, PollEvents::IN);
    let updates = items.add(&collector, PollEvents::IN);
    // The reactor: the two sockets and a timer to flush expired values
    let flush_interval = zhelpers::scaled(Duration::from_secs(1));
    let mut flush_at = Instant::now() + flush_interval;
    let mut handled = 0;
    let limit = zhelpers::iterations().unwrap_or(u64::MAX);
    while handled < limit {
        items.poll(Some(flush_at.saturating_duration_since(Instant::now())))?;
        if items.is_readable(requests) {
            if !state.answer_snapshot(&snapshot, &snapshot.recv_multipart()?)? {
                break;
            }
            handled += 1;
        }
        if items.is_readable(updates) {
            state.publish(KvMsg::recv(&collector)?, &publisher)?;
            handled += 1;
        }
        if Instant::now() >= flush_at {
            state.flush_ttl(&publisher)?;
            flush_at = Instant::now() + flush_interval;
        }
    }
    println!(" Interrupted\n{} messages handled", state.sequence);
    Ok(())
}
