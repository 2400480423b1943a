//! UDP ping, model two: model one on udplib (`examples/udplib`), whose
//! socket several processes on the machine can share: each instance sees
//! every beacon. Broadcasts to `ZGUIDE_BROADCAST` (default
//! 127.255.255.255, loopback only). `ZGUIDE_ITERS=N`: stops after N
//! beacons.
#[path = "udplib/mod.rs"]
mod udplib;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::{Duration, Instant};
use zmq::{PollEvents, PollSet};

const PING_MSG_SIZE: usize = 1;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let udp = udplib::Udp::new(udplib::PING_PORT_NUMBER)?;
    let interval = zhelpers::scaled(Duration::from_secs(1));
    let mut items = PollSet::new();
    let beacon = items.add_fd(std::os::fd::AsFd::as_fd(&udp), PollEvents::IN);
    let mut ping_at = Instant::now(); // Send first ping right away
    let mut found = zhelpers::forever();
    while !found.is_empty() {
        items.poll(Some(ping_at.saturating_duration_since(Instant::now())))?;
        // Someone answered our ping
        if items.is_readable(beacon) {
            let (_, from) = udp.recv(PING_MSG_SIZE)?;
            println!("Found peer {from}");
            found.next();
        }
        if Instant::now() >= ping_at {
            // Broadcast our beacon
            println!("Pinging peers...");
            udp.send(b"!")?;
            ping_at = Instant::now() + interval;
        }
    }
    Ok(())
}
