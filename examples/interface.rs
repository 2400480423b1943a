//! The discovery interface (`examples/udplib/interface.rs`) shown in one
//! process: two interfaces beacon on UDP port 9999 (broadcast to
//! `ZGUIDE_BROADCAST`, default 127.255.255.255: loopback only); each
//! reports both as JOINED (itself and the other); then the second stops,
//! and the first reports it LEFT once its beacons have been missing for
//! five seconds.
#[path = "udplib/interface.rs"]
mod interface;
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvmsg.rs"]
mod kvmsg;
#[path = "udplib/mod.rs"]
mod udplib;
#[path = "zhelpers/mod.rs"]
mod zhelpers;
#[path = "zpipe/mod.rs"]
mod zpipe;

use std::collections::BTreeSet;

/// Prints `name`'s events until it has seen two peers join.
fn joined(name: &str, node: &interface::Interface) -> zmq::Result<BTreeSet<Vec<u8>>> {
    let mut peers = BTreeSet::new();
    while peers.len() < 2 {
        let event = node.recv()?;
        println!("{name}: {}", interface::event_text(&event));
        if event[0] == "JOINED" {
            peers.insert(event[1].to_vec());
        }
    }
    Ok(peers)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a = interface::Interface::new()?;
    let b = interface::Interface::new()?;
    let seen_by_a = joined("A", &a)?;
    let seen_by_b = joined("B", &b)?;
    assert_eq!(seen_by_a, seen_by_b, "both see the same two peers");
    drop(b);
    loop {
        let event = a.recv()?;
        println!("A: {}", interface::event_text(&event));
        if event[0] == "LEFT" {
            break;
        }
    }
    Ok(())
}
