//! Socket monitoring: [`Socket::monitor`] returns a [`Monitor`] that yields
//! typed [`MonitorEvent`]s (`zmq_socket_monitor`); with the `draft` feature,
//! [`Socket::monitor_versioned`] gives the version 2 protocol with 64-bit
//! event ids and both endpoints (`zmq_socket_monitor_versioned`).

mod endpoint;

pub use endpoint::MonitorAbort;

use crate::error::{Error, Result, check};
use crate::message::Message;
use crate::poll::{PollEvents, Pollable, sealed::PollTarget};
use crate::socket::{Pair, RecvFlags, Socket, SocketType};
use std::any::Any;
use std::cell::Cell;
use std::ffi::{CString, c_int, c_void};
use std::fmt;
use std::ops::BitOr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// A set of monitor events to subscribe to, combined with `|`
/// (`ZMQ_EVENT_*`).
///
/// ```
/// use zmq::MonitorEvents;
/// let wanted = MonitorEvents::CONNECTED | MonitorEvents::DISCONNECTED;
/// assert!(wanted.contains(MonitorEvents::CONNECTED));
/// assert!(MonitorEvents::ALL.contains(wanted));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct MonitorEvents(u64);

/// libzmq's name of each event bit (`ZMQ_EVENT_` left off), for `Debug`
/// and [`MonitorEvent::name`].
const EVENT_NAMES: &[(i32, &str)] = &[
    (zmq_sys::ZMQ_EVENT_CONNECTED, "CONNECTED"),
    (zmq_sys::ZMQ_EVENT_CONNECT_DELAYED, "CONNECT_DELAYED"),
    (zmq_sys::ZMQ_EVENT_CONNECT_RETRIED, "CONNECT_RETRIED"),
    (zmq_sys::ZMQ_EVENT_LISTENING, "LISTENING"),
    (zmq_sys::ZMQ_EVENT_BIND_FAILED, "BIND_FAILED"),
    (zmq_sys::ZMQ_EVENT_ACCEPTED, "ACCEPTED"),
    (zmq_sys::ZMQ_EVENT_ACCEPT_FAILED, "ACCEPT_FAILED"),
    (zmq_sys::ZMQ_EVENT_CLOSED, "CLOSED"),
    (zmq_sys::ZMQ_EVENT_CLOSE_FAILED, "CLOSE_FAILED"),
    (zmq_sys::ZMQ_EVENT_DISCONNECTED, "DISCONNECTED"),
    (zmq_sys::ZMQ_EVENT_MONITOR_STOPPED, "MONITOR_STOPPED"),
    (
        zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL,
        "HANDSHAKE_FAILED_NO_DETAIL",
    ),
    (
        zmq_sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED,
        "HANDSHAKE_SUCCEEDED",
    ),
    (
        zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL,
        "HANDSHAKE_FAILED_PROTOCOL",
    ),
    (
        zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_AUTH,
        "HANDSHAKE_FAILED_AUTH",
    ),
    #[cfg(feature = "draft")]
    (zmq_sys::ZMQ_EVENT_PIPES_STATS, "PIPES_STATS"),
];

impl fmt::Debug for MonitorEvents {
    /// The flag names: `MonitorEvents(CONNECTED | DISCONNECTED)`, with any
    /// bits this crate does not name in hex.
    ///
    /// ```
    /// use zmq::MonitorEvents;
    /// let set = MonitorEvents::CONNECTED | MonitorEvents::DISCONNECTED;
    /// assert_eq!(format!("{set:?}"), "MonitorEvents(CONNECTED | DISCONNECTED)");
    /// assert_eq!(format!("{:?}", MonitorEvents::from_bits(0)), "MonitorEvents(empty)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<String> = Vec::new();
        let mut rest = self.0;
        for &(bit, name) in EVENT_NAMES {
            let bit = bit as u64;
            if rest & bit != 0 {
                names.push(name.to_owned());
                rest &= !bit;
            }
        }
        if rest != 0 {
            names.push(format!("{rest:#x}"));
        }
        if names.is_empty() {
            f.write_str("MonitorEvents(empty)")
        } else {
            write!(f, "MonitorEvents({})", names.join(" | "))
        }
    }
}

impl MonitorEvents {
    /// `ZMQ_EVENT_CONNECTED`.
    pub const CONNECTED: Self = Self::of(zmq_sys::ZMQ_EVENT_CONNECTED);
    /// `ZMQ_EVENT_CONNECT_DELAYED`.
    pub const CONNECT_DELAYED: Self = Self::of(zmq_sys::ZMQ_EVENT_CONNECT_DELAYED);
    /// `ZMQ_EVENT_CONNECT_RETRIED`.
    pub const CONNECT_RETRIED: Self = Self::of(zmq_sys::ZMQ_EVENT_CONNECT_RETRIED);
    /// `ZMQ_EVENT_LISTENING`.
    pub const LISTENING: Self = Self::of(zmq_sys::ZMQ_EVENT_LISTENING);
    /// `ZMQ_EVENT_BIND_FAILED`.
    pub const BIND_FAILED: Self = Self::of(zmq_sys::ZMQ_EVENT_BIND_FAILED);
    /// `ZMQ_EVENT_ACCEPTED`.
    pub const ACCEPTED: Self = Self::of(zmq_sys::ZMQ_EVENT_ACCEPTED);
    /// `ZMQ_EVENT_ACCEPT_FAILED`.
    pub const ACCEPT_FAILED: Self = Self::of(zmq_sys::ZMQ_EVENT_ACCEPT_FAILED);
    /// `ZMQ_EVENT_CLOSED`.
    pub const CLOSED: Self = Self::of(zmq_sys::ZMQ_EVENT_CLOSED);
    /// `ZMQ_EVENT_CLOSE_FAILED`.
    pub const CLOSE_FAILED: Self = Self::of(zmq_sys::ZMQ_EVENT_CLOSE_FAILED);
    /// `ZMQ_EVENT_DISCONNECTED`.
    pub const DISCONNECTED: Self = Self::of(zmq_sys::ZMQ_EVENT_DISCONNECTED);
    /// `ZMQ_EVENT_MONITOR_STOPPED` (always delivered: it ends the stream).
    pub const MONITOR_STOPPED: Self = Self::of(zmq_sys::ZMQ_EVENT_MONITOR_STOPPED);
    /// `ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL`.
    pub const HANDSHAKE_FAILED_NO_DETAIL: Self =
        Self::of(zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL);
    /// `ZMQ_EVENT_HANDSHAKE_SUCCEEDED`.
    pub const HANDSHAKE_SUCCEEDED: Self = Self::of(zmq_sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED);
    /// `ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL`.
    pub const HANDSHAKE_FAILED_PROTOCOL: Self =
        Self::of(zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL);
    /// `ZMQ_EVENT_HANDSHAKE_FAILED_AUTH`.
    pub const HANDSHAKE_FAILED_AUTH: Self = Self::of(zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_AUTH);
    /// `ZMQ_EVENT_ALL`: every event of the version 1 protocol.
    pub const ALL: Self = Self::of(zmq_sys::ZMQ_EVENT_ALL);
    /// `ZMQ_EVENT_PIPES_STATS` (draft, versioned monitor only).
    #[cfg(feature = "draft")]
    pub const PIPES_STATS: Self = Self::of(zmq_sys::ZMQ_EVENT_PIPES_STATS);
    /// `ZMQ_EVENT_ALL_V2`: every event of the version 2 protocol (draft).
    #[cfg(feature = "draft")]
    pub const ALL_V2: Self = Self::of(zmq_sys::ZMQ_EVENT_ALL_V2);

    const fn of(raw: i32) -> Self {
        MonitorEvents(raw as u64)
    }

    /// The raw bits.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// From raw bits.
    pub const fn from_bits(bits: u64) -> Self {
        MonitorEvents(bits)
    }

    /// Whether every event of `other` is in `self`.
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }
}

impl BitOr for MonitorEvents {
    type Output = MonitorEvents;
    fn bitor(self, rhs: MonitorEvents) -> MonitorEvents {
        MonitorEvents(self.0 | rhs.0)
    }
}

macro_rules! protocol_errors {
    ($( $(#[$doc:meta])* $name:ident = $raw:ident ),* $(,)?) => {
        /// Why a handshake failed on the protocol level
        /// (`ZMQ_PROTOCOL_ERROR_*`), from
        /// [`MonitorEvent::HandshakeFailedProtocol`].
        ///
        /// ```
        /// use zmq::ProtocolError;
        /// let e = ProtocolError::from_code(ProtocolError::ZapBadVersion.code());
        /// assert_eq!(e, ProtocolError::ZapBadVersion);
        /// assert!(e.is_zap());
        /// assert_eq!(ProtocolError::from_code(7), ProtocolError::Other(7));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ProtocolError {
            $( $(#[$doc])* #[doc = concat!("`", stringify!($raw), "`.")] $name, )*
            /// A code this crate does not know.
            Other(u32),
        }

        impl ProtocolError {
            /// The error for a `ZMQ_PROTOCOL_ERROR_*` code.
            pub fn from_code(code: u32) -> ProtocolError {
                $( if code == zmq_sys::$raw as u32 { return ProtocolError::$name; } )*
                ProtocolError::Other(code)
            }

            /// The `ZMQ_PROTOCOL_ERROR_*` code.
            pub fn code(self) -> u32 {
                match self {
                    $( ProtocolError::$name => zmq_sys::$raw as u32, )*
                    ProtocolError::Other(code) => code,
                }
            }

            /// Whether the ZAP handler (not the peer) broke the protocol.
            pub fn is_zap(self) -> bool {
                self.code() & 0xF000_0000 == zmq_sys::ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED as u32
            }
        }
    };
}

protocol_errors! {
    ZmtpUnspecified = ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED,
    ZmtpUnexpectedCommand = ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND,
    ZmtpInvalidSequence = ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE,
    ZmtpKeyExchange = ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE,
    ZmtpMalformedCommandUnspecified = ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED,
    ZmtpMalformedCommandMessage = ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE,
    ZmtpMalformedCommandHello = ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO,
    ZmtpMalformedCommandInitiate = ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE,
    ZmtpMalformedCommandError = ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR,
    ZmtpMalformedCommandReady = ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY,
    ZmtpMalformedCommandWelcome = ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME,
    ZmtpInvalidMetadata = ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA,
    /// A CURVE box did not open: typically the client used the wrong server key.
    ZmtpCryptographic = ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC,
    ZmtpMechanismMismatch = ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH,
    ZapUnspecified = ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED,
    ZapMalformedReply = ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY,
    ZapBadRequestId = ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID,
    ZapBadVersion = ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION,
    ZapInvalidStatusCode = ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE,
    ZapInvalidMetadata = ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA,
    WsUnspecified = ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED,
}

/// The platform's socket descriptor type, as monitor events report it
/// (`int` on Unix, `SOCKET` on Windows).
///
/// ```
/// use zmq::{MonitorEvent, RawSocketFd};
///
/// fn connection_fd(event: &MonitorEvent) -> Option<RawSocketFd> {
///     match event {
///         MonitorEvent::Connected { fd, .. } | MonitorEvent::Accepted { fd, .. } => Some(*fd),
///         _ => None,
///     }
/// }
/// let event = MonitorEvent::Connected { endpoint: "tcp://127.0.0.1:1".into(), fd: 7 };
/// assert_eq!(connection_fd(&event), Some(7));
/// ```
pub type RawSocketFd = zmq_sys::zmq_fd_t;

/// One event of a monitored socket, with the endpoint it is about and its
/// value (see `zmq_socket_monitor(3)`).
///
/// Descriptors are reported for information only: libzmq may have closed
/// them by the time the event is read.
///
/// ```
/// use zmq::{MonitorEvent, ProtocolError};
/// fn describe(event: &MonitorEvent) -> String {
///     match event {
///         MonitorEvent::HandshakeFailedAuth { status, endpoint } => {
///             format!("{endpoint}: refused by ZAP ({status})")
///         }
///         MonitorEvent::HandshakeFailedProtocol { error: ProtocolError::ZmtpCryptographic, .. } => {
///             "wrong CURVE server key?".into()
///         }
///         other => format!("{other:?}"),
///     }
/// }
/// let e = MonitorEvent::HandshakeFailedAuth { endpoint: "tcp://127.0.0.1:1".into(), status: 400 };
/// assert_eq!(describe(&e), "tcp://127.0.0.1:1: refused by ZAP (400)");
/// assert_eq!(e.endpoint(), "tcp://127.0.0.1:1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MonitorEvent {
    /// Connected to a peer.
    Connected {
        /// The endpoint connected to.
        endpoint: String,
        /// The connection's descriptor.
        fd: RawSocketFd,
    },
    /// A connect is pending.
    ConnectDelayed {
        /// The endpoint being connected to.
        endpoint: String,
    },
    /// A connect failed and will be retried.
    ConnectRetried {
        /// The endpoint being connected to.
        endpoint: String,
        /// When the next attempt happens.
        interval: Duration,
    },
    /// Bound and listening.
    Listening {
        /// The bound endpoint.
        endpoint: String,
        /// The listening descriptor.
        fd: RawSocketFd,
    },
    /// A bind failed.
    BindFailed {
        /// The endpoint.
        endpoint: String,
        /// The system's error.
        error: Error,
    },
    /// Accepted a connection.
    Accepted {
        /// The bound endpoint.
        endpoint: String,
        /// The new connection's descriptor.
        fd: RawSocketFd,
    },
    /// Accepting a connection failed.
    AcceptFailed {
        /// The bound endpoint.
        endpoint: String,
        /// The system's error.
        error: Error,
    },
    /// A connection or listener was closed.
    Closed {
        /// The endpoint.
        endpoint: String,
        /// The closed descriptor.
        fd: RawSocketFd,
    },
    /// Closing failed (IPC only).
    CloseFailed {
        /// The endpoint.
        endpoint: String,
        /// The system's error.
        error: Error,
    },
    /// A connection broke unexpectedly.
    Disconnected {
        /// The endpoint.
        endpoint: String,
        /// The connection's descriptor.
        fd: RawSocketFd,
    },
    /// Monitoring ended (the monitor was replaced or the socket closed):
    /// the last event of a stream.
    MonitorStopped {
        /// Usually empty.
        endpoint: String,
    },
    /// A security handshake failed for an unspecified reason.
    HandshakeFailedNoDetail {
        /// The endpoint.
        endpoint: String,
        /// The error libzmq reports.
        error: Error,
    },
    /// A security handshake failed on the protocol level (for example a
    /// CURVE client with the wrong server key gives
    /// [`ProtocolError::ZmtpCryptographic`]).
    HandshakeFailedProtocol {
        /// The endpoint.
        endpoint: String,
        /// What went wrong.
        error: ProtocolError,
    },
    /// Authentication failed: the ZAP handler said no.
    HandshakeFailedAuth {
        /// The endpoint.
        endpoint: String,
        /// The ZAP status code (300: temporary, 400: denied, 500: internal).
        status: u32,
    },
    /// The security handshake succeeded.
    HandshakeSucceeded {
        /// The endpoint.
        endpoint: String,
    },
    /// Queue sizes of a connection (draft, versioned monitor, after
    /// [`Socket::monitor_pipes_stats`]).
    #[cfg(feature = "draft")]
    PipesStats {
        /// The endpoint.
        endpoint: String,
        /// Messages queued to be sent.
        outbound: u64,
        /// Messages queued to be received.
        inbound: u64,
    },
    /// An event this crate does not know.
    Unknown {
        /// The endpoint.
        endpoint: String,
        /// The event number.
        event: u64,
        /// Its values.
        values: Vec<u64>,
    },
}

impl MonitorEvent {
    /// libzmq's name of the event, without `ZMQ_EVENT_`: a stable short
    /// name for logs (`"CONNECTED"`, `"HANDSHAKE_FAILED_AUTH"`; `"UNKNOWN"`
    /// for events this crate does not know).
    ///
    /// ```
    /// let e = zmq::MonitorEvent::Listening { endpoint: "tcp://127.0.0.1:1".into(), fd: 3 };
    /// assert_eq!(e.name(), "LISTENING");
    /// ```
    pub fn name(&self) -> &'static str {
        let bit = match self {
            MonitorEvent::Unknown { .. } => return "UNKNOWN",
            other => other.event_bit(),
        };
        EVENT_NAMES
            .iter()
            .find(|&&(b, _)| b == bit)
            .map_or("UNKNOWN", |&(_, name)| name)
    }

    /// The `ZMQ_EVENT_*` bit of a known event.
    fn event_bit(&self) -> i32 {
        use MonitorEvent::*;
        match self {
            Connected { .. } => zmq_sys::ZMQ_EVENT_CONNECTED,
            ConnectDelayed { .. } => zmq_sys::ZMQ_EVENT_CONNECT_DELAYED,
            ConnectRetried { .. } => zmq_sys::ZMQ_EVENT_CONNECT_RETRIED,
            Listening { .. } => zmq_sys::ZMQ_EVENT_LISTENING,
            BindFailed { .. } => zmq_sys::ZMQ_EVENT_BIND_FAILED,
            Accepted { .. } => zmq_sys::ZMQ_EVENT_ACCEPTED,
            AcceptFailed { .. } => zmq_sys::ZMQ_EVENT_ACCEPT_FAILED,
            Closed { .. } => zmq_sys::ZMQ_EVENT_CLOSED,
            CloseFailed { .. } => zmq_sys::ZMQ_EVENT_CLOSE_FAILED,
            Disconnected { .. } => zmq_sys::ZMQ_EVENT_DISCONNECTED,
            MonitorStopped { .. } => zmq_sys::ZMQ_EVENT_MONITOR_STOPPED,
            HandshakeFailedNoDetail { .. } => zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL,
            HandshakeSucceeded { .. } => zmq_sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED,
            HandshakeFailedProtocol { .. } => zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL,
            HandshakeFailedAuth { .. } => zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_AUTH,
            #[cfg(feature = "draft")]
            PipesStats { .. } => zmq_sys::ZMQ_EVENT_PIPES_STATS,
            Unknown { .. } => 0,
        }
    }

    /// The endpoint the event is about.
    pub fn endpoint(&self) -> &str {
        use MonitorEvent::*;
        match self {
            Connected { endpoint, .. }
            | ConnectDelayed { endpoint }
            | ConnectRetried { endpoint, .. }
            | Listening { endpoint, .. }
            | BindFailed { endpoint, .. }
            | Accepted { endpoint, .. }
            | AcceptFailed { endpoint, .. }
            | Closed { endpoint, .. }
            | CloseFailed { endpoint, .. }
            | Disconnected { endpoint, .. }
            | MonitorStopped { endpoint }
            | HandshakeFailedNoDetail { endpoint, .. }
            | HandshakeFailedProtocol { endpoint, .. }
            | HandshakeFailedAuth { endpoint, .. }
            | HandshakeSucceeded { endpoint }
            | Unknown { endpoint, .. } => endpoint,
            #[cfg(feature = "draft")]
            PipesStats { endpoint, .. } => endpoint,
        }
    }

    /// Whether this is a failed handshake of any kind.
    pub fn is_handshake_failure(&self) -> bool {
        matches!(
            self,
            MonitorEvent::HandshakeFailedNoDetail { .. }
                | MonitorEvent::HandshakeFailedProtocol { .. }
                | MonitorEvent::HandshakeFailedAuth { .. }
        )
    }

    fn from_raw(event: u64, values: Vec<u64>, endpoint: String) -> MonitorEvent {
        use MonitorEvent::*;
        let value = values.first().copied().unwrap_or(0);
        let fd = value as RawSocketFd;
        let error = Error::from_errno(value as i32);
        match event as i32 {
            zmq_sys::ZMQ_EVENT_CONNECTED => Connected { endpoint, fd },
            zmq_sys::ZMQ_EVENT_CONNECT_DELAYED => ConnectDelayed { endpoint },
            zmq_sys::ZMQ_EVENT_CONNECT_RETRIED => ConnectRetried {
                endpoint,
                interval: Duration::from_millis(value),
            },
            zmq_sys::ZMQ_EVENT_LISTENING => Listening { endpoint, fd },
            zmq_sys::ZMQ_EVENT_BIND_FAILED => BindFailed { endpoint, error },
            zmq_sys::ZMQ_EVENT_ACCEPTED => Accepted { endpoint, fd },
            zmq_sys::ZMQ_EVENT_ACCEPT_FAILED => AcceptFailed { endpoint, error },
            zmq_sys::ZMQ_EVENT_CLOSED => Closed { endpoint, fd },
            zmq_sys::ZMQ_EVENT_CLOSE_FAILED => CloseFailed { endpoint, error },
            zmq_sys::ZMQ_EVENT_DISCONNECTED => Disconnected { endpoint, fd },
            zmq_sys::ZMQ_EVENT_MONITOR_STOPPED => MonitorStopped { endpoint },
            zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL => {
                HandshakeFailedNoDetail { endpoint, error }
            }
            zmq_sys::ZMQ_EVENT_HANDSHAKE_SUCCEEDED => HandshakeSucceeded { endpoint },
            zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL => HandshakeFailedProtocol {
                endpoint,
                error: ProtocolError::from_code(value as u32),
            },
            zmq_sys::ZMQ_EVENT_HANDSHAKE_FAILED_AUTH => HandshakeFailedAuth {
                endpoint,
                status: value as u32,
            },
            #[cfg(feature = "draft")]
            zmq_sys::ZMQ_EVENT_PIPES_STATS if values.len() == 2 => PipesStats {
                endpoint,
                outbound: values[0],
                inbound: values[1],
            },
            _ => Unknown {
                endpoint,
                event,
                values,
            },
        }
    }
}

// ---------------------------------------------------------------------------
// Which monitors are attached to which open sockets
// ---------------------------------------------------------------------------

/// Open sockets with a live `Monitor`: (socket pointer, monitor id). A
/// `Monitor` may only call `zmq_socket_monitor(socket, NULL)` while its
/// entry is here, under the lock; [`socket_closing`] removes the entry
/// (under the same lock) before the socket is closed.
static ATTACHED: Mutex<Vec<(usize, u64)>> = Mutex::new(Vec::new());
/// Number of entries in `ATTACHED`, so closing sockets skip the lock when
/// nothing is monitored.
static ATTACHED_COUNT: AtomicUsize = AtomicUsize::new(0);
static NEXT_MONITOR: AtomicU64 = AtomicU64::new(1);

fn attached() -> std::sync::MutexGuard<'static, Vec<(usize, u64)>> {
    // A panic while holding the lock cannot leave the list inconsistent
    // (every update is a single push/retain), so poisoning is ignored.
    ATTACHED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Called by `Socket` right before it closes (or gives away) its raw socket:
/// monitors of that socket must no longer touch it.
pub(crate) fn socket_closing(socket: *mut c_void) {
    if ATTACHED_COUNT.load(Ordering::Acquire) == 0 {
        return;
    }
    let mut list = attached();
    list.retain(|&(s, _)| s != socket as usize);
    ATTACHED_COUNT.store(list.len(), Ordering::Release);
}

// ---------------------------------------------------------------------------
// Monitor
// ---------------------------------------------------------------------------

/// The receiving end of a socket monitor: an owned PAIR socket connected to
/// the monitored socket's event stream (cppzmq's `monitor_t`, pyzmq's
/// `get_monitor_socket` + `recv_monitor_message`).
///
/// - [`next`](Iterator::next) (it is an iterator; [`recv`](Monitor::recv)
///   through `&self`) blocks for the next event,
///   [`try_next`](Monitor::try_next) does not,
///   [`next_timeout`](Monitor::next_timeout) waits at most a while;
/// - it can sit in a [`PollSet`](crate::PollSet) next to data sockets;
/// - dropping it stops the monitoring (`zmq_socket_monitor(socket, NULL)`)
///   if the socket is still open;
/// - when the monitored socket is closed, the stream ends cleanly: a last
///   [`MonitorEvent::MonitorStopped`], then `None`.
///
/// Read the events: libzmq queues them (up to the PAIR's high-water mark)
/// and the monitored socket's I/O thread waits when that queue is full.
///
/// ```
/// use std::time::Duration;
/// use zmq::{Context, MonitorEvent, MonitorEvents, Pull, Push};
///
/// let ctx = Context::new();
/// let server = ctx.socket::<Pull>()?;
/// let monitor = server.monitor(MonitorEvents::LISTENING | MonitorEvents::ACCEPTED)?;
/// server.bind("tcp://127.0.0.1:*")?;
/// let endpoint = server.last_endpoint()?;
/// let event = monitor.next_timeout(Duration::from_secs(5))?.unwrap();
/// assert!(matches!(event, MonitorEvent::Listening { .. }));
/// assert_eq!(event.endpoint(), endpoint);
///
/// let client = ctx.socket::<Push>()?;
/// client.connect(&endpoint)?;
/// let event = monitor.next_timeout(Duration::from_secs(5))?.unwrap();
/// assert!(matches!(event, MonitorEvent::Accepted { .. }));
/// # Ok::<(), zmq::Error>(())
/// ```
pub struct Monitor {
    pair: Socket<Pair>,
    socket: usize,
    id: u64,
    version: u8,
    ended: Cell<bool>,
}

impl fmt::Debug for Monitor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Monitor")
            .field("version", &self.version)
            .field("ended", &self.ended.get())
            .finish_non_exhaustive()
    }
}

impl<T: SocketType> Socket<T> {
    /// Starts monitoring this socket for `events` (`zmq_socket_monitor`),
    /// replacing any earlier monitor (which then sees
    /// [`MonitorEvent::MonitorStopped`]). `MONITOR_STOPPED` is always
    /// included, to end the stream. Events come from connection-oriented
    /// transports (tcp, ipc, tipc), not from inproc.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::{MonitorEvent, MonitorEvents};
    ///
    /// let ctx = zmq::Context::new();
    /// let server = ctx.socket::<zmq::Rep>()?;
    /// server.bind("tcp://127.0.0.1:*")?;
    /// let client = ctx.socket::<zmq::Req>()?;
    /// let monitor = client.monitor(MonitorEvents::CONNECTED | MonitorEvents::DISCONNECTED)?;
    /// client.connect(&server.last_endpoint()?)?;
    /// match monitor.next_timeout(Duration::from_secs(5))? {
    ///     Some(MonitorEvent::Connected { endpoint, .. }) => println!("connected to {endpoint}"),
    ///     other => panic!("{other:?}"),
    /// }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn monitor(&self, events: MonitorEvents) -> Result<Monitor> {
        Monitor::start(self.as_raw(), self.context(), events, 1, None)
    }

    /// Starts a version 2 monitor (`zmq_socket_monitor_versioned`, draft):
    /// 64-bit event ids, several values per event, and both endpoints; read
    /// it with [`Monitor::next_versioned`]. Use [`MonitorEvents::ALL_V2`]
    /// for everything, including [`MonitorEvents::PIPES_STATS`].
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let server = ctx.socket::<zmq::Rep>()?;
    /// server.bind("tcp://127.0.0.1:*")?;
    /// let client = ctx.socket::<zmq::Req>()?;
    /// let monitor = client.monitor_versioned(zmq::MonitorEvents::CONNECTED)?;
    /// client.connect(&server.last_endpoint()?)?;
    /// let event = monitor.next_versioned_timeout(Duration::from_secs(5))?.expect("an event");
    /// assert_eq!(event.remote_endpoint, server.last_endpoint()?);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[cfg(feature = "draft")]
    pub fn monitor_versioned(&self, events: MonitorEvents) -> Result<Monitor> {
        Monitor::start(self.as_raw(), self.context(), events, 2, None)
    }

    /// Asks for a [`MonitorEvent::PipesStats`] event per connection on the
    /// versioned monitor (`zmq_socket_monitor_pipes_stats`, draft).
    #[cfg(feature = "draft")]
    pub fn monitor_pipes_stats(&self) -> Result<()> {
        // SAFETY: live socket.
        check(unsafe { zmq_sys::zmq_socket_monitor_pipes_stats(self.as_raw()) }).map(drop)
    }
}

impl Monitor {
    fn start(
        socket: *mut c_void,
        ctx: &crate::Context,
        events: MonitorEvents,
        version: u8,
        endpoint: Option<&str>,
    ) -> Result<Monitor> {
        let id = NEXT_MONITOR.fetch_add(1, Ordering::Relaxed);
        let endpoint = endpoint.map_or_else(
            || format!("inproc://zmq-rs-monitor-{}-{id}", std::process::id()),
            str::to_owned,
        );
        let c_endpoint = CString::new(endpoint.as_str()).map_err(|_| Error::InteriorNul)?;
        let events = events | MonitorEvents::MONITOR_STOPPED;
        // SAFETY: `socket` is the live socket of the `&Socket` our caller
        // holds; the endpoint is NUL-terminated and outlives the call.
        let rc = unsafe {
            #[cfg(feature = "draft")]
            {
                zmq_sys::zmq_socket_monitor_versioned(
                    socket,
                    c_endpoint.as_ptr(),
                    events.bits(),
                    c_int::from(version),
                    zmq_sys::ZMQ_PAIR,
                )
            }
            #[cfg(not(feature = "draft"))]
            {
                let bits = c_int::try_from(events.bits()).map_err(|_| Error::InvalidArgument)?;
                zmq_sys::zmq_socket_monitor(socket, c_endpoint.as_ptr(), bits)
            }
        };
        check(rc)?;
        let stop = || {
            // SAFETY: as above; undoes the monitor just started.
            unsafe { zmq_sys::zmq_socket_monitor(socket, std::ptr::null(), 0) };
        };
        let pair = match ctx.socket::<Pair>().and_then(|pair| {
            pair.set_linger(Some(Duration::ZERO))?;
            pair.connect(&endpoint)?;
            Ok(pair)
        }) {
            Ok(pair) => pair,
            Err(e) => {
                stop();
                return Err(e);
            }
        };
        let mut list = attached();
        // A monitor replaced by this one must not stop this one on drop.
        list.retain(|&(s, _)| s != socket as usize);
        list.push((socket as usize, id));
        ATTACHED_COUNT.store(list.len(), Ordering::Release);
        Ok(Monitor {
            pair,
            socket: socket as usize,
            id,
            version,
            ended: Cell::new(false),
        })
    }

    /// The next event if one is waiting, without blocking; `Ok(None)` when
    /// none is, [`Error::Ended`] once the stream has ended
    /// ([`Monitor::is_ended`]).
    pub fn try_next(&self) -> Result<Option<MonitorEvent>> {
        Ok(self.read(true)?.map(Raw::into_event))
    }

    /// The next event, waiting at most `timeout`; `Ok(None)` on timeout,
    /// [`Error::Ended`] once the stream has ended (after
    /// [`MonitorEvent::MonitorStopped`] was returned), so a loop can tell
    /// the two apart:
    ///
    /// ```
    /// # use std::time::Duration;
    /// # let ctx = zmq::Context::new();
    /// # let socket = ctx.socket::<zmq::Pull>()?;
    /// let monitor = socket.monitor(zmq::MonitorEvents::ALL)?;
    /// drop(socket); // the stream ends with MonitorStopped
    /// loop {
    ///     match monitor.next_timeout(Duration::from_secs(5)) {
    ///         Ok(Some(event)) => println!("{}", event.name()),
    ///         Ok(None) => panic!("no event within 5 s"),
    ///         Err(zmq::Error::Ended) => break,
    ///         Err(e) => return Err(e),
    ///     }
    /// }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn next_timeout(&self, timeout: Duration) -> Result<Option<MonitorEvent>> {
        Ok(self.read_timeout(timeout)?.map(Raw::into_event))
    }

    /// Whether the stream has ended: [`MonitorEvent::MonitorStopped`] was
    /// returned, or the context was shut down.
    pub fn is_ended(&self) -> bool {
        self.ended.get()
    }

    /// The PAIR socket the events arrive on, e.g. to bound
    /// [`recv`](Monitor::recv) with a receive timeout.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let socket = zmq::Context::new().socket::<zmq::Pull>()?;
    /// let monitor = socket.monitor(zmq::MonitorEvents::ALL)?;
    /// monitor.socket().set_rcvtimeo(Some(Duration::from_millis(10)))?;
    /// assert_eq!(monitor.recv().unwrap().unwrap_err(), zmq::Error::WouldBlock); // no event yet
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn socket(&self) -> &Socket<Pair> {
        &self.pair
    }

    fn read_timeout(&self, timeout: Duration) -> Result<Option<Raw>> {
        if self.ended.get() {
            return Err(Error::Ended);
        }
        if self.pair.poll(PollEvents::IN, Some(timeout))?.is_empty() {
            return Ok(None);
        }
        self.read(true)
    }

    /// Reads one event (all its frames); `Ok(None)` on would-block (with
    /// `dontwait`), [`Error::Ended`] after the end.
    fn read(&self, dontwait: bool) -> Result<Option<Raw>> {
        if self.ended.get() {
            return Err(Error::Ended);
        }
        let mut first = Message::new();
        let flags = if dontwait {
            RecvFlags::DONTWAIT
        } else {
            RecvFlags::NONE
        };
        let got = match self.pair.recv_msg_with(&mut first, flags) {
            Err(Error::ContextTerminated) => {
                self.ended.set(true);
                return Err(Error::ContextTerminated);
            }
            other => other?,
        };
        if !got {
            return Ok(None);
        }
        let mut frames = vec![first];
        while frames.last().is_some_and(Message::more) {
            let mut next = Message::new();
            loop {
                match self.pair.recv_msg(&mut next) {
                    Err(Error::Interrupted) => continue,
                    other => break other?,
                }
            }
            frames.push(next);
        }
        let raw = Raw::parse(&frames, self.version).ok_or(Error::Other(libc::EPROTO))?;
        if raw.event == zmq_sys::ZMQ_EVENT_MONITOR_STOPPED as u64 {
            self.ended.set(true);
        }
        Ok(Some(raw))
    }

    /// Blocks for the next event, like [`Iterator::next`] but through a
    /// shared reference (for a monitor that a poll set borrows); `None`
    /// once the stream has ended.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::{MonitorEvent, MonitorEvents};
    ///
    /// let socket = zmq::Context::new().socket::<zmq::Pull>()?;
    /// let monitor = socket.monitor(MonitorEvents::LISTENING)?;
    /// monitor.socket().set_rcvtimeo(Some(Duration::from_secs(5)))?; // bound the wait
    /// socket.bind("tcp://127.0.0.1:*")?;
    /// let event = monitor.recv().expect("not ended")?;
    /// assert!(matches!(event, MonitorEvent::Listening { .. }));
    /// drop(socket);
    /// assert!(matches!(monitor.recv(), Some(Ok(MonitorEvent::MonitorStopped { .. }))));
    /// assert!(monitor.recv().is_none()); // the stream has ended
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn recv(&self) -> Option<Result<MonitorEvent>> {
        self.next_raw().map(|r| r.map(Raw::into_event))
    }

    /// Blocks for the next event in whichever protocol version; `None`
    /// after the end.
    fn next_raw(&self) -> Option<Result<Raw>> {
        match self.read(false) {
            Err(Error::Ended) => None,
            other => other.transpose(),
        }
    }
}

#[cfg(feature = "draft")]
impl Monitor {
    /// The next event of a versioned monitor with both endpoints, blocking;
    /// `None` once the stream has ended.
    pub fn next_versioned(&self) -> Option<Result<VersionedEvent>> {
        self.next_raw().map(|r| r.map(Raw::into_versioned))
    }

    /// [`Monitor::next_versioned`] waiting at most `timeout` (`Ok(None)`
    /// on timeout, [`Error::Ended`] after the end).
    pub fn next_versioned_timeout(&self, timeout: Duration) -> Result<Option<VersionedEvent>> {
        Ok(self.read_timeout(timeout)?.map(Raw::into_versioned))
    }
}

/// An event of the version 2 protocol (draft): the typed event plus both
/// endpoints of the connection. Either may be empty, depending on the event
/// and on whether the local side bound or connected; the event's own
/// [`endpoint`](MonitorEvent::endpoint) is the local one when there is one,
/// else the remote one.
///
/// ```
/// use std::time::Duration;
/// use zmq::{MonitorEvent, MonitorEvents};
///
/// let ctx = zmq::Context::new();
/// let server = ctx.socket::<zmq::Rep>()?;
/// let monitor = server.monitor_versioned(MonitorEvents::ALL_V2)?;
/// server.bind("tcp://127.0.0.1:*")?;
/// let listening = monitor.next_versioned_timeout(Duration::from_secs(5))?.expect("an event");
/// assert!(matches!(listening.event, MonitorEvent::Listening { .. }));
/// assert_eq!(listening.local_endpoint, server.last_endpoint()?);
/// # Ok::<(), zmq::Error>(())
/// ```
#[cfg(feature = "draft")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionedEvent {
    /// The event.
    pub event: MonitorEvent,
    /// The 64-bit event id (`ZMQ_EVENT_*`).
    pub id: u64,
    /// The local endpoint.
    pub local_endpoint: String,
    /// The remote endpoint.
    pub remote_endpoint: String,
}

/// An event as read off the wire.
pub(crate) struct Raw {
    event: u64,
    values: Vec<u64>,
    local: String,
    remote: String,
}

impl Raw {
    pub(crate) fn parse(frames: &[Message], version: u8) -> Option<Raw> {
        let text = |m: &Message| String::from_utf8_lossy(m).into_owned();
        if version == 1 {
            // [u16 event, u32 value] [endpoint]
            let [head, endpoint] = frames else {
                return None;
            };
            let head: &[u8; 6] = head[..].try_into().ok()?;
            let event = u16::from_ne_bytes([head[0], head[1]]);
            let value = u32::from_ne_bytes([head[2], head[3], head[4], head[5]]);
            return Some(Raw {
                event: u64::from(event),
                values: vec![u64::from(value)],
                local: text(endpoint),
                remote: String::new(),
            });
        }
        // [u64 event] [u64 n] n x [u64 value] [local] [remote]
        let u64_of = |m: &Message| m[..].try_into().ok().map(u64::from_ne_bytes);
        let event = u64_of(frames.first()?)?;
        let n = usize::try_from(u64_of(frames.get(1)?)?).ok()?;
        if frames.len() != n.checked_add(4)? {
            return None;
        }
        let values = frames[2..2 + n].iter().map(u64_of).collect::<Option<_>>()?;
        Some(Raw {
            event,
            values,
            local: text(&frames[2 + n]),
            remote: text(&frames[3 + n]),
        })
    }

    pub(crate) fn into_event(self) -> MonitorEvent {
        let endpoint = if self.local.is_empty() {
            self.remote
        } else {
            self.local
        };
        MonitorEvent::from_raw(self.event, self.values, endpoint)
    }

    #[cfg(feature = "draft")]
    pub(crate) fn into_versioned(self) -> VersionedEvent {
        let (id, local, remote) = (self.event, self.local.clone(), self.remote.clone());
        VersionedEvent {
            event: self.into_event(),
            id,
            local_endpoint: local,
            remote_endpoint: remote,
        }
    }
}

/// Blocks for the next event; `None` once the stream has ended (after
/// [`MonitorEvent::MonitorStopped`], or after the context was shut down).
/// With a versioned monitor the events lose their second endpoint; use
/// `Monitor::next_versioned` (feature `draft`) to keep it.
impl Iterator for Monitor {
    type Item = Result<MonitorEvent>;
    fn next(&mut self) -> Option<Result<MonitorEvent>> {
        self.recv()
    }
}

impl PollTarget for Monitor {
    fn poll_socket(&self) -> *mut c_void {
        self.pair.as_raw()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
impl Pollable for Monitor {}

impl Drop for Monitor {
    fn drop(&mut self) {
        if self.pair.context().is_forked() {
            // A forked child: the monitored socket is the parent's, and the
            // registry lock may have been held by a thread that is not here.
            return;
        }
        endpoint::detach(self.socket, self.id);
        // `pair` closes after this.
    }
}
