//! udplib: a UDP socket for discovery beacons, like the guide's Python
//! `udplib`. It broadcasts to `ZGUIDE_BROADCAST` (an IPv4 address),
//! 127.255.255.255 by default: the loopback broadcast, which never leaves
//! the machine. On a real LAN set `ZGUIDE_BROADCAST=255.255.255.255`.
#![allow(dead_code)]

use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, UdpSocket};
use std::os::fd::{AsFd, BorrowedFd, FromRawFd, OwnedFd};

/// The UDP port of the discovery beacons.
pub const PING_PORT_NUMBER: u16 = 9999;

/// The broadcast address: `ZGUIDE_BROADCAST`, else 127.255.255.255.
pub fn broadcast_address() -> io::Result<Ipv4Addr> {
    match std::env::var("ZGUIDE_BROADCAST") {
        Ok(text) => text.trim().parse().map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("ZGUIDE_BROADCAST must be an IPv4 address, not {text:?}"),
            )
        }),
        Err(_) => Ok(Ipv4Addr::new(127, 255, 255, 255)),
    }
}

/// A UDP socket bound to a port on every interface, able to broadcast.
pub struct Udp {
    socket: UdpSocket,
    broadcast: SocketAddrV4,
}

impl Udp {
    /// Binds `port` (shared with other processes on this machine: each
    /// gets every broadcast) and prepares to broadcast to it.
    pub fn new(port: u16) -> io::Result<Udp> {
        let socket = bind_shared(port)?;
        // Ask the operating system to let us do broadcasts from the socket
        socket.set_broadcast(true)?;
        Ok(Udp {
            socket,
            broadcast: SocketAddrV4::new(broadcast_address()?, port),
        })
    }

    /// Broadcasts `buf`.
    pub fn send(&self, buf: &[u8]) -> io::Result<()> {
        self.socket.send_to(buf, self.broadcast)?;
        Ok(())
    }

    /// Receives a datagram of at most `n` bytes, and who sent it.
    pub fn recv(&self, n: usize) -> io::Result<(Vec<u8>, SocketAddr)> {
        let mut buf = vec![0; n];
        let (len, from) = self.socket.recv_from(&mut buf)?;
        buf.truncate(len);
        Ok((buf, from))
    }
}

impl AsFd for Udp {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.socket.as_fd()
    }
}

/// A UDP socket bound to `0.0.0.0:port` with `SO_REUSEADDR`, so that
/// several processes can listen for the same broadcasts (std binds before
/// one could set the option, hence libc).
fn bind_shared(port: u16) -> io::Result<UdpSocket> {
    // SAFETY: plain socket(2) call; the result is checked.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM, libc::IPPROTO_UDP) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` is a fresh descriptor that nothing else owns.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let on: libc::c_int = 1;
    // SAFETY: `on` outlives the call and its size is passed with it.
    let rc = unsafe {
        libc::setsockopt(
            std::os::fd::AsRawFd::as_raw_fd(&fd),
            libc::SOL_SOCKET,
            libc::SO_REUSEADDR,
            (&on as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    let address = libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: port.to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from(Ipv4Addr::UNSPECIFIED).to_be(),
        },
        sin_zero: [0; 8],
    };
    // SAFETY: `address` is a valid sockaddr_in that outlives the call.
    let rc = unsafe {
        libc::bind(
            std::os::fd::AsRawFd::as_raw_fd(&fd),
            (&address as *const libc::sockaddr_in).cast(),
            std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(UdpSocket::from(fd))
}
