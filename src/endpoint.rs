//! Endpoint syntax checks made before libzmq sees an endpoint.
//!
//! libzmq parses some endpoints leniently and then fails silently: it binds
//! `tcp://*:99999` on port 34463, `tcp://127.0.0.1:+5601` and `:5602x` on
//! 5601 and 5602, and it accepts `connect("tcp://[::1]]:5555")` or
//! `connect("tcp://:5555")` and then never connects. The checks here refuse
//! such spellings synchronously, with [`Error::InvalidArgument`] (wrapped
//! with the endpoint by the caller). They only refuse what libzmq would
//! misread; everything they let through is still checked by libzmq.
//!
//! - `tcp://`, `udp://`, `ws://`, `wss://`: `host:port`, where the port is
//!   decimal digits up to 65535 (or `*` to bind to any port), and the host is
//!   a name, an interface, `*`, an IPv4 address, or an IPv6 address (in
//!   brackets, or bare if it parses as one). A `source;` prefix (tcp and
//!   udp) follows the same rules. ws/wss may add a `/path`.
//! - `ipc://`: a path of 1 to 107 bytes (`sockaddr_un`), or `*` to bind.
//! - `inproc://`: a name of at least one byte.
//! - other transports (pgm, epgm, norm, tipc, vmci) are left to libzmq.

use crate::error::{Error, Result};

/// Whether the endpoint is for `bind`/`unbind` or `connect`/`disconnect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Bind,
    Connect,
}

/// Longest `ipc://` path: `sizeof(sockaddr_un.sun_path)` less the NUL.
const IPC_PATH_MAX: usize = 107;

/// Checks `endpoint`'s syntax for `role` (see the module docs).
pub(crate) fn validate(endpoint: &str, role: Role) -> Result<()> {
    let Some((scheme, rest)) = endpoint.split_once("://") else {
        return Err(Error::InvalidArgument);
    };
    match scheme {
        "tcp" | "udp" => {
            let (source, dest) = match rest.split_once(';') {
                Some((source, dest)) => (Some(source), dest),
                None => (None, rest),
            };
            match source {
                // tcp: a source address and port (`eth1:0;server:5555`).
                Some(source) if scheme == "tcp" => host_port(source, true)?,
                // udp: the interface to join a multicast group on.
                Some(interface) => host(interface)?,
                None => {}
            }
            host_port(dest, role == Role::Bind)
        }
        "ws" | "wss" => {
            let addr = match rest.find('/') {
                // A '/' inside brackets cannot occur in a valid address.
                Some(i) => &rest[..i],
                None => rest,
            };
            host_port(addr, role == Role::Bind)
        }
        "ipc" => match rest.len() {
            0 => Err(Error::InvalidArgument),
            _ if rest == "*" && role == Role::Bind => Ok(()),
            n if n > IPC_PATH_MAX => Err(Error::from_errno(libc::ENAMETOOLONG)),
            _ => Ok(()),
        },
        "inproc" if rest.is_empty() => Err(Error::InvalidArgument),
        _ => Ok(()),
    }
}

/// `host:port`, where the port may be `*` when `wildcard_port`.
fn host_port(addr: &str, wildcard_port: bool) -> Result<()> {
    let (name, port) = if addr.starts_with('[') {
        // `[v6]:port`: the port follows the closing bracket at once.
        let close = addr.find(']').ok_or(Error::InvalidArgument)?;
        let port = addr[close + 1..]
            .strip_prefix(':')
            .ok_or(Error::InvalidArgument)?;
        (&addr[..=close], port)
    } else {
        addr.rsplit_once(':').ok_or(Error::InvalidArgument)?
    };
    host(name)?;
    if port == "*" && wildcard_port {
        return Ok(());
    }
    if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::InvalidArgument);
    }
    port.parse::<u16>()
        .map(drop)
        .map_err(|_| Error::InvalidArgument)
}

/// A host: a name, an interface, `*`, an IPv4 address, an IPv6 address in
/// brackets (or bare, if it parses as one), with an optional `%zone`.
fn host(name: &str) -> Result<()> {
    let bracketed = name.strip_prefix('[').and_then(|n| n.strip_suffix(']'));
    let bare_v6 = bracketed.is_none() && name.contains(':');
    if let Some(inner) = bracketed.or(bare_v6.then_some(name)) {
        let address = inner.split_once('%').map_or(inner, |(a, _zone)| a);
        return address
            .parse::<std::net::Ipv6Addr>()
            .map(drop)
            .or_else(|_| address.parse::<std::net::Ipv4Addr>().map(drop))
            .map_err(|_| Error::InvalidArgument);
    }
    let valid = |b: u8| b.is_ascii_alphanumeric() || b"._-*%".contains(&b);
    if name.is_empty() || !name.bytes().all(valid) {
        return Err(Error::InvalidArgument);
    }
    Ok(())
}
