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
    /// `ZMQ_SNDBUF`, the kernel's send buffer in bytes (`Some(None)`: the
    /// OS default).
    pub sndbuf: Option<Option<i32>>,
    /// `ZMQ_RCVBUF`, the kernel's receive buffer in bytes (`Some(None)`:
    /// the OS default).
    pub rcvbuf: Option<Option<i32>>,
    /// `ZMQ_IN_BATCH_SIZE`: how many bytes libzmq's I/O thread reads from
    /// the kernel at once (draft API).
    #[cfg(feature = "draft")]
    pub in_batch_size: Option<i32>,
    /// `ZMQ_OUT_BATCH_SIZE`: how many bytes libzmq's I/O thread collects
    /// before it writes to the kernel (draft API).
    #[cfg(feature = "draft")]
    pub out_batch_size: Option<i32>,
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

impl SocketDefaults {
    /// The throughput profile: options that let more messages through per
    /// second on a TCP stream, at the cost of memory per connection.
    /// Measured with the side-by-side runner (docs/performance.md,
    /// "Tuning", which gives each knob's effect and trade-off):
    ///
    /// - with the `draft` feature, `IN_BATCH_SIZE`/`OUT_BATCH_SIZE`
    ///   [`THROUGHPUT_BATCH`](Self::THROUGHPUT_BATCH) bytes (libzmq: 8192):
    ///   the I/O thread reads and writes in larger pieces, with fewer system
    ///   calls per message; this is the knob that moves small-message
    ///   throughput (about 2.5x at 1 KiB over loopback). The options are
    ///   draft API, so without the feature the profile cannot set them;
    /// - `SNDBUF`/`RCVBUF` [`THROUGHPUT_BUF`](Self::THROUGHPUT_BUF) bytes
    ///   (otherwise the kernel sizes them itself): more bytes in flight per
    ///   connection, for large messages; the kernel caps the value at
    ///   `net.core.wmem_max`/`rmem_max`.
    ///
    /// High-water marks stay at libzmq's 1000 messages: deeper queues made
    /// every size slower in the measurements (the queued messages no
    /// longer fit in the caches), and shallower ones starve small
    /// messages. Everything else stays libzmq's default too. Use it for a
    /// whole context, or for one socket that exists already:
    ///
    /// ```
    /// use zmq::SocketDefaults;
    /// let ctx = zmq::Context::new();
    /// ctx.set_socket_defaults(SocketDefaults::throughput());
    /// let push = ctx.socket::<zmq::Push>()?;
    /// assert_eq!(push.sndbuf()?, Some(SocketDefaults::THROUGHPUT_BUF));
    ///
    /// let pull = zmq::Context::new().socket::<zmq::Pull>()?;
    /// SocketDefaults::throughput().apply(&pull)?;
    /// assert_eq!(pull.rcvbuf()?, Some(SocketDefaults::THROUGHPUT_BUF));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn throughput() -> SocketDefaults {
        SocketDefaults {
            sndbuf: Some(Some(Self::THROUGHPUT_BUF)),
            rcvbuf: Some(Some(Self::THROUGHPUT_BUF)),
            #[cfg(feature = "draft")]
            in_batch_size: Some(Self::THROUGHPUT_BATCH),
            #[cfg(feature = "draft")]
            out_batch_size: Some(Self::THROUGHPUT_BATCH),
            ..SocketDefaults::default()
        }
    }

    /// The kernel buffer sizes of [`throughput`](Self::throughput), bytes.
    pub const THROUGHPUT_BUF: i32 = 4 << 20;
    /// The batch sizes of [`throughput`](Self::throughput), bytes (set
    /// only with the `draft` feature: the options are draft API).
    pub const THROUGHPUT_BATCH: i32 = 64 << 10;
}
