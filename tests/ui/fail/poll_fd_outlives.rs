// A descriptor cannot be closed while a poll set borrows it.
use std::os::fd::AsFd;
use zmq::{PollEvents, PollSet};

fn main() {
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let mut set = PollSet::new();
    set.add_fd(udp.as_fd(), PollEvents::IN);
    drop(udp);
    set.poll(None).unwrap();
}
