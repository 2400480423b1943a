//! [`SocketDefaults`]: the socket options a context hands to every socket
//! created from it (plain data, beneath `context`; applied by
//! `context_defaults`).

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Options that new sockets of a context start with. `None` leaves
/// libzmq's own default; for the times, `Some(None)` means infinite (`-1`).
///
/// Defaults apply when a socket is created: changing them does not touch
/// sockets that exist already, as in pyzmq. A default libzmq refuses makes
/// socket creation fail with that error.
///
/// (IPv6 is a libzmq context option of its own:
/// [`Context::set_ipv6`](crate::Context::set_ipv6).)
///
/// ```
/// use std::time::Duration;
/// let ctx = zmq::Context::new();
/// ctx.set_default_linger(Some(Duration::ZERO));   // pyzmq: ctx.linger = 0
/// ctx.set_default_hwm(100);                       // both directions
/// ctx.update_socket_defaults(|d| d.immediate = Some(true));
/// let push = ctx.socket::<zmq::Push>()?;
/// assert_eq!(push.linger()?, Some(Duration::ZERO));
/// assert_eq!(push.sndhwm()?, 100);
/// assert!(push.immediate()?);
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SocketDefaults {
    /// `ZMQ_LINGER`.
    pub linger: Option<Option<Duration>>,
    /// `ZMQ_SNDHWM`.
    pub sndhwm: Option<i32>,
    /// `ZMQ_RCVHWM`.
    pub rcvhwm: Option<i32>,
    /// `ZMQ_SNDTIMEO`.
    pub sndtimeo: Option<Option<Duration>>,
    /// `ZMQ_RCVTIMEO`.
    pub rcvtimeo: Option<Option<Duration>>,
    /// `ZMQ_IMMEDIATE`.
    pub immediate: Option<bool>,
    /// `ZMQ_RECONNECT_IVL` (`Some(None)`: no reconnection).
    pub reconnect_ivl: Option<Option<Duration>>,
    /// `ZMQ_RECONNECT_IVL_MAX`.
    pub reconnect_ivl_max: Option<Duration>,
    /// `ZMQ_CONNECT_TIMEOUT`.
    pub connect_timeout: Option<Duration>,
    /// `ZMQ_HEARTBEAT_IVL`.
    pub heartbeat_ivl: Option<Duration>,
    /// `ZMQ_HEARTBEAT_TIMEOUT`.
    pub heartbeat_timeout: Option<Duration>,
    /// `ZMQ_HEARTBEAT_TTL`.
    pub heartbeat_ttl: Option<Duration>,
    /// `ZMQ_MAXMSGSIZE` (`Some(None)`: no limit).
    pub maxmsgsize: Option<Option<u64>>,
    /// `ZMQ_TCP_KEEPALIVE` (`Some(None)`: the OS default).
    pub tcp_keepalive: Option<Option<bool>>,
}

/// Where a context keeps its [`SocketDefaults`] (one per libzmq context,
/// shared by every handle).
#[derive(Debug, Default)]
pub(crate) struct DefaultsCell {
    defaults: Mutex<Option<SocketDefaults>>,
}

impl DefaultsCell {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Option<SocketDefaults>> {
        // Updates are whole assignments: a poisoned lock holds a valid value.
        self.defaults.lock().unwrap_or_else(|e| e.into_inner())
    }
}
