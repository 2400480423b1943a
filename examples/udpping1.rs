//! UDP ping, model one: binds UDP port 9999, broadcasts a one-byte beacon
//! once a second, and reports every beacon it receives ("Found peer"),
//! polling the UDP socket with ZeroMQ's poll. The broadcast address is
//! `ZGUIDE_BROADCAST`, 127.255.255.255 (loopback only) by default: set
//! 255.255.255.255 on a LAN. `ZGUIDE_ITERS=N`: stops after N beacons.
#[path = "udplib/mod.rs"]
mod udplib;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::net::{SocketAddrV4, UdpSocket};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};
use zmq::{PollEvents, PollSet};

const PING_MSG_SIZE: usize = 1;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Create UDP socket and bind it to our port so we can receive pings
    let socket = UdpSocket::bind(("0.0.0.0", udplib::PING_PORT_NUMBER))?;
    // Ask operating system to let us do broadcasts from socket
    socket.set_broadcast(true)?;
    let broadcast = SocketAddrV4::new(udplib::broadcast_address()?, udplib::PING_PORT_NUMBER);

    // We use zmq's poll to wait for activity on the UDP socket, since it
    // works on file descriptors too. We send a beacon once a second, and
    // report the beacons that come in from other nodes
    let interval = zhelpers::scaled(Duration::from_secs(1));
    let mut items = PollSet::new();
    let beacon = items.add_fd(socket.as_fd(), PollEvents::IN);
    let mut ping_at = Instant::now(); // Send first ping right away
    let mut found = zhelpers::forever();
    while !found.is_empty() {
        items.poll(Some(ping_at.saturating_duration_since(Instant::now())))?;
        // Someone answered our ping
        if items.is_readable(beacon) {
            let mut buf = [0; PING_MSG_SIZE];
            let (_, from) = socket.recv_from(&mut buf)?;
            println!("Found peer {from}");
            found.next();
        }
        if Instant::now() >= ping_at {
            // Broadcast our beacon
            println!("Pinging peers...");
            socket.send_to(b"!", broadcast)?;
            ping_at = Instant::now() + interval;
        }
    }
    Ok(())
}
