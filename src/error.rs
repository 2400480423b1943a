//! The crate's one error type, [`Error`], and [`Result`].

use std::ffi::CStr;
use std::fmt;
use std::io;

/// A `Result` whose error is [`zmq::Error`](Error) (another error type
/// may be named as the second parameter).
///
/// ```
/// fn serve(ctx: &zmq::Context) -> zmq::Result<()> {
///     let rep = ctx.socket::<zmq::Rep>()?;
///     rep.bind("inproc://doc-result")?;
///     Ok(())
/// }
///
/// fn main() -> zmq::Result<()> {
///     serve(&zmq::Context::new())
/// }
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error from libzmq or from this crate's checks.
///
/// The variants name what callers commonly handle; every other errno lands in
/// [`Error::Other`], so no errno value can panic. [`Error::errno`] always gives
/// the raw value back, and `Display` uses libzmq's own `zmq_strerror` text.
///
/// Errors of `bind`, `connect`, `unbind` and `disconnect` name the endpoint:
/// they arrive as [`Error::Endpoint`] wrapping the cause; [`Error::cause`]
/// peels that layer off for matching:
///
/// ```
/// let ctx = zmq::Context::new();
/// let s = ctx.socket::<zmq::Pull>().unwrap();
/// let err = s.bind("foo://x").unwrap_err();
/// assert_eq!(err.cause(), &zmq::Error::ProtocolNotSupported);
/// assert!(err.to_string().contains("foo://x"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// `EAGAIN`: a non-blocking call could not proceed now, or a send/receive
    /// timeout (`SNDTIMEO`/`RCVTIMEO`) expired.
    #[doc(alias = "EAGAIN")]
    #[error(
        "{} (nothing could be done without blocking, or the send/receive timeout expired)",
        strerror(libc::EAGAIN)
    )]
    WouldBlock,
    /// `ETERM`: the context was shut down or terminated.
    #[doc(alias = "ETERM")]
    #[error("{}", strerror(zmq_sys::ETERM))]
    ContextTerminated,
    /// `EINTR`: a signal interrupted a blocking call. Retry, or react to the
    /// signal (the guide's `interrupt` sample stops here on Ctrl-C).
    #[doc(alias = "EINTR")]
    #[error("{}", strerror(libc::EINTR))]
    Interrupted,
    /// `EINVAL`: an invalid argument (option value, endpoint syntax, ...).
    #[doc(alias = "EINVAL")]
    #[error("{}", strerror(libc::EINVAL))]
    InvalidArgument,
    /// `EPROTONOSUPPORT`: the endpoint's transport is not supported.
    #[doc(alias = "EPROTONOSUPPORT")]
    #[error("{}", strerror(libc::EPROTONOSUPPORT))]
    ProtocolNotSupported,
    /// `ENOTSUP`: the operation is not supported by this socket type.
    #[doc(alias = "ENOTSUP")]
    #[error("{}", strerror(libc::ENOTSUP))]
    NotSupported,
    /// `ENOCOMPATPROTO`: the transport does not fit the socket type.
    #[doc(alias = "ENOCOMPATPROTO")]
    #[error("{}", strerror(zmq_sys::ENOCOMPATPROTO))]
    IncompatibleProtocol,
    /// `EADDRINUSE`: the address is already in use.
    #[doc(alias = "EADDRINUSE")]
    #[error("{}", strerror(libc::EADDRINUSE))]
    AddressInUse,
    /// `EADDRNOTAVAIL`: the address is not local.
    #[doc(alias = "EADDRNOTAVAIL")]
    #[error("{}", strerror(libc::EADDRNOTAVAIL))]
    AddressNotAvailable,
    /// `ENODEV`: the address names a nonexistent interface.
    #[doc(alias = "ENODEV")]
    #[error("{}", strerror(libc::ENODEV))]
    NoSuchDevice,
    /// `ENOENT`: no such endpoint (e.g. `unbind` of an endpoint never bound),
    /// or a missing file.
    #[doc(alias = "ENOENT")]
    #[error("{}", strerror(libc::ENOENT))]
    NotFound,
    /// `EHOSTUNREACH`: the message cannot be routed (e.g. `ROUTER_MANDATORY`).
    #[doc(alias = "EHOSTUNREACH")]
    #[error("{}", strerror(libc::EHOSTUNREACH))]
    HostUnreachable,
    /// `ECONNREFUSED`: the peer refused the connection.
    #[doc(alias = "ECONNREFUSED")]
    #[error("{}", strerror(libc::ECONNREFUSED))]
    ConnectionRefused,
    /// `EMFILE`: too many open sockets or files.
    #[doc(alias = "EMFILE")]
    #[error("{}", strerror(libc::EMFILE))]
    TooManyOpenFiles,
    /// `EMTHREAD`: no I/O thread is available.
    #[doc(alias = "EMTHREAD")]
    #[error("{}", strerror(zmq_sys::EMTHREAD))]
    NoIoThread,
    /// `EFSM`: the operation is not valid in the socket's current state
    /// (e.g. two sends in a row on a REQ socket).
    #[doc(alias = "EFSM")]
    #[error("{}", strerror(zmq_sys::EFSM))]
    WrongState,
    /// `ENOTSOCK`: the socket is invalid.
    #[doc(alias = "ENOTSOCK")]
    #[error("{}", strerror(libc::ENOTSOCK))]
    NotSocket,
    /// `EMSGSIZE`: the message is too large.
    #[doc(alias = "EMSGSIZE")]
    #[error("{}", strerror(libc::EMSGSIZE))]
    MessageTooLarge,
    /// `EFAULT`: an invalid message or pointer was given to libzmq.
    #[doc(alias = "EFAULT")]
    #[error("{}", strerror(libc::EFAULT))]
    Fault,
    /// `ENOMEM`: out of memory.
    #[doc(alias = "ENOMEM")]
    #[error("{}", strerror(libc::ENOMEM))]
    OutOfMemory,
    /// A received frame was not valid UTF-8 (from `recv_string`); the bytes
    /// are kept so nothing is lost.
    #[error("received frame is not valid UTF-8 (valid up to byte {valid_up_to})")]
    InvalidUtf8 {
        /// The frame's bytes.
        bytes: Vec<u8>,
        /// Length of the longest valid UTF-8 prefix.
        valid_up_to: usize,
    },
    /// A string argument contained an interior NUL byte, which C cannot see.
    #[error("argument contains an interior NUL byte")]
    InteriorNul,
    /// A [`Monitor`](crate::Monitor)'s event stream has ended (its
    /// `MonitorStopped` event was read, or the context was shut down):
    /// nothing more will come.
    #[error("the monitor's event stream has ended")]
    Ended,
    /// An error about an endpoint of `bind`/`connect`/`unbind`/`disconnect`.
    #[error("{source} (endpoint {endpoint:?})")]
    Endpoint {
        /// The endpoint as given.
        endpoint: String,
        /// What went wrong.
        source: Box<Error>,
    },
    /// Any other errno value.
    #[error("{}", strerror(*.0))]
    Other(i32),
}

impl Error {
    /// The error for an errno value. Every value maps to something.
    pub fn from_errno(errno: i32) -> Error {
        match errno {
            libc::EAGAIN => Error::WouldBlock,
            zmq_sys::ETERM => Error::ContextTerminated,
            libc::EINTR => Error::Interrupted,
            libc::EINVAL => Error::InvalidArgument,
            libc::EPROTONOSUPPORT => Error::ProtocolNotSupported,
            libc::ENOTSUP => Error::NotSupported,
            zmq_sys::ENOCOMPATPROTO => Error::IncompatibleProtocol,
            libc::EADDRINUSE => Error::AddressInUse,
            libc::EADDRNOTAVAIL => Error::AddressNotAvailable,
            libc::ENODEV => Error::NoSuchDevice,
            libc::ENOENT => Error::NotFound,
            libc::EHOSTUNREACH => Error::HostUnreachable,
            libc::ECONNREFUSED => Error::ConnectionRefused,
            libc::EMFILE => Error::TooManyOpenFiles,
            zmq_sys::EMTHREAD => Error::NoIoThread,
            zmq_sys::EFSM => Error::WrongState,
            libc::ENOTSOCK => Error::NotSocket,
            libc::EMSGSIZE => Error::MessageTooLarge,
            libc::EFAULT => Error::Fault,
            libc::ENOMEM => Error::OutOfMemory,
            other => Error::Other(other),
        }
    }

    /// The error of the last failed libzmq call on this thread (`zmq_errno`).
    pub fn last() -> Error {
        // SAFETY: zmq_errno only reads the calling thread's errno.
        Error::from_errno(unsafe { zmq_sys::zmq_errno() })
    }

    /// The errno value behind this error. Errors made by this crate's own
    /// checks report the closest errno (`EILSEQ` for invalid UTF-8, `EINVAL`
    /// for an interior NUL, `EPIPE` for an ended monitor stream).
    pub fn errno(&self) -> i32 {
        match self {
            Error::WouldBlock => libc::EAGAIN,
            Error::ContextTerminated => zmq_sys::ETERM,
            Error::Interrupted => libc::EINTR,
            Error::InvalidArgument | Error::InteriorNul => libc::EINVAL,
            Error::ProtocolNotSupported => libc::EPROTONOSUPPORT,
            Error::NotSupported => libc::ENOTSUP,
            Error::IncompatibleProtocol => zmq_sys::ENOCOMPATPROTO,
            Error::AddressInUse => libc::EADDRINUSE,
            Error::AddressNotAvailable => libc::EADDRNOTAVAIL,
            Error::NoSuchDevice => libc::ENODEV,
            Error::NotFound => libc::ENOENT,
            Error::HostUnreachable => libc::EHOSTUNREACH,
            Error::ConnectionRefused => libc::ECONNREFUSED,
            Error::TooManyOpenFiles => libc::EMFILE,
            Error::NoIoThread => zmq_sys::EMTHREAD,
            Error::WrongState => zmq_sys::EFSM,
            Error::NotSocket => libc::ENOTSOCK,
            Error::MessageTooLarge => libc::EMSGSIZE,
            Error::Fault => libc::EFAULT,
            Error::OutOfMemory => libc::ENOMEM,
            Error::InvalidUtf8 { .. } => libc::EILSEQ,
            Error::Ended => libc::EPIPE,
            Error::Endpoint { source, .. } => source.errno(),
            Error::Other(e) => *e,
        }
    }

    /// The underlying error, without the endpoint context that
    /// `bind`/`connect`/`unbind`/`disconnect` add. Use it to match.
    ///
    /// ```
    /// use zmq::Error;
    ///
    /// let ctx = zmq::Context::new();
    /// let first = ctx.socket::<zmq::Pull>()?;
    /// first.bind("tcp://127.0.0.1:*")?;
    /// let taken = first.last_endpoint()?;
    /// let second = ctx.socket::<zmq::Pull>()?;
    /// match second.bind(&taken) {
    ///     // `Err(Error::AddressInUse)` would not match: the error names the endpoint.
    ///     Err(e) if e.cause() == &Error::AddressInUse => second.bind("tcp://127.0.0.1:*")?,
    ///     other => other?,
    /// }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn cause(&self) -> &Error {
        match self {
            Error::Endpoint { source, .. } => source.cause(),
            other => other,
        }
    }

    /// The endpoint this error is about, if any.
    pub fn endpoint(&self) -> Option<&str> {
        match self {
            Error::Endpoint { endpoint, .. } => Some(endpoint),
            _ => None,
        }
    }

    pub(crate) fn with_endpoint(self, endpoint: &str) -> Error {
        Error::Endpoint {
            endpoint: endpoint.to_owned(),
            source: Box::new(self),
        }
    }
}

/// libzmq's message for an errno (`zmq_strerror`), which also knows the
/// ZeroMQ-specific values.
pub(crate) fn strerror(errno: i32) -> StrError {
    StrError(errno)
}

/// Formats as `zmq_strerror(errno)` without allocating.
pub(crate) struct StrError(i32);

impl fmt::Display for StrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: zmq_strerror returns a pointer to a static NUL-terminated
        // string (libzmq's table or the C library's strerror buffer), valid
        // at least until the next call on this thread; we copy it out at once.
        let text = unsafe { CStr::from_ptr(zmq_sys::zmq_strerror(self.0)) };
        f.write_str(&text.to_string_lossy())
    }
}

impl From<Error> for io::Error {
    fn from(e: Error) -> io::Error {
        use io::ErrorKind as K;
        let kind = match e.cause() {
            Error::WouldBlock => K::WouldBlock,
            Error::Interrupted => K::Interrupted,
            Error::InvalidArgument | Error::InteriorNul => K::InvalidInput,
            Error::InvalidUtf8 { .. } => K::InvalidData,
            Error::ProtocolNotSupported | Error::NotSupported | Error::IncompatibleProtocol => {
                K::Unsupported
            }
            Error::AddressInUse => K::AddrInUse,
            Error::AddressNotAvailable | Error::NoSuchDevice => K::AddrNotAvailable,
            Error::NotFound => K::NotFound,
            Error::HostUnreachable => K::HostUnreachable,
            Error::ConnectionRefused => K::ConnectionRefused,
            Error::OutOfMemory => K::OutOfMemory,
            Error::ContextTerminated => K::BrokenPipe,
            _ => K::Other,
        };
        io::Error::new(kind, e)
    }
}

/// Turns a libzmq return code into a `Result`: `-1` means "look at errno".
#[inline]
pub(crate) fn check(rc: i32) -> Result<i32> {
    if rc == -1 { Err(Error::last()) } else { Ok(rc) }
}
