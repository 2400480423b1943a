//! The server of Clone models three and four, which differ only in the
//! subtree of snapshot requests: collects updates from clients on a PULL
//! socket (tcp://*:5558), numbers them and republishes them on
//! tcp://*:5557, and answers snapshot requests on tcp://*:5556. Runs
//! forever or until it has handled `ZGUIDE_ITERS` messages (updates and
//! snapshot requests).
#![allow(dead_code)]

use crate::kv::{self, KeyValue};
use crate::kvsimple::{KvMap, KvMsg};
use crate::zhelpers;
use std::time::Duration;
use zmq::{PollEvents, PollSet};

/// Runs the server; `subtrees`: snapshot requests name a subtree (model
/// four), else they are "ICANHAZ?" alone (model three).
pub fn run(subtrees: bool) -> zmq::Result<()> {
    // Context and sockets
    let context = zmq::Context::new();
    let snapshot = context.socket::<zmq::Router>()?;
    // No high-water mark: a ROUTER drops what does not fit, and a
    // snapshot cut short would leave its client waiting for "KTHXBAI"
    snapshot.set_sndhwm(0)?;
    snapshot.bind("tcp://*:5556")?;
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.bind("tcp://*:5557")?;
    let collector = context.socket::<zmq::Pull>()?;
    collector.bind("tcp://*:5558")?;

    let mut sequence = 0;
    let mut kvmap = KvMap::new();
    let mut items = PollSet::new();
    let from_clients = items.add(&collector, PollEvents::IN);
    let requests = items.add(&snapshot, PollEvents::IN);
    let mut handled = 0;
    let limit = zhelpers::iterations().unwrap_or(u64::MAX);
    while handled < limit {
        items.poll(Some(Duration::from_secs(1)))?;

        // Apply state update sent from client
        if items.is_readable(from_clients) {
            let mut kvmsg = KvMsg::recv(&collector)?;
            sequence += 1;
            kvmsg.sequence = sequence;
            kvmsg.send(&publisher)?;
            kvmsg.store(&mut kvmap);
            println!("I: publishing update {sequence:5}");
            handled += 1;
        }
        // Execute state snapshot request
        if items.is_readable(requests) {
            let request = snapshot.recv_multipart()?;
            if request.len() != 2 + usize::from(subtrees) || request[1] != "ICANHAZ?" {
                println!("E: bad request, aborting");
                break;
            }
            println!("Sending state shapshot={sequence}");
            let subtree = if subtrees { &request[2][..] } else { b"" };
            kv::send_snapshot(&snapshot, &request[0], &kvmap, subtree, sequence)?;
            handled += 1;
        }
    }
    println!(" Interrupted\n{sequence} messages handled");
    Ok(())
}
