//! Every socket option of libzmq 4.3.5, typed, from one table.
//!
//! The table at the bottom lists each option once: its getter and setter
//! names, its Rust types, the codec that turns those into libzmq's C values,
//! and the socket types that may use it. One macro turns every row into
//! methods on `Socket<T>`; the codecs are the only code that calls
//! `zmq_getsockopt`/`zmq_setsockopt`.

use super::types::{SocketType, opt};
use super::{Direction, Socket};
use crate::error::{Error, Result, check};
use crate::z85;
use std::ffi::{c_int, c_void};
use std::fmt;
use std::time::Duration;

/// A CURVE key: 32 bytes. Options that take keys accept the 32 raw bytes or
/// the 40-character Z85 text; getters return a `CurveKey`.
///
/// ```
/// let pair = zmq::CurveKeyPair::new()?;
/// let text = pair.public.to_z85();
/// assert_eq!(text.len(), 40);
/// assert_eq!(zmq::CurveKey::from_z85(&text)?, pair.public);
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CurveKey(pub [u8; 32]);

impl CurveKey {
    /// The key from its 40-character Z85 text.
    ///
    /// ```
    /// let key = zmq::CurveKey::from_z85("rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7")?;
    /// assert_eq!(key.as_bytes().len(), 32);
    /// assert!(zmq::CurveKey::from_z85("too short").is_err());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn from_z85(text: &str) -> Result<CurveKey> {
        let bytes = z85::decode(text)?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| Error::InvalidArgument)?;
        Ok(CurveKey(key))
    }

    /// The key from what the CURVE options accept: exactly 32 binary bytes,
    /// or exactly 40 characters of valid Z85 (checked here, as
    /// [`z85::decode`] checks them; libzmq itself would stop at a NUL and
    /// keep the rest of an older key).
    ///
    /// ```
    /// let key = zmq::CurveKey::from_bytes_or_z85(b"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7")?;
    /// assert_eq!(zmq::CurveKey::from_bytes_or_z85(&key.0)?, key);
    /// assert!(zmq::CurveKey::from_bytes_or_z85(b"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf\0").is_err());
    /// assert!(zmq::CurveKey::from_bytes_or_z85(b"too short").is_err());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn from_bytes_or_z85(bytes: &[u8]) -> Result<CurveKey> {
        match bytes.len() {
            32 => Ok(CurveKey(
                bytes.try_into().map_err(|_| Error::InvalidArgument)?,
            )),
            40 => {
                let text = std::str::from_utf8(bytes).map_err(|_| Error::InvalidArgument)?;
                CurveKey::from_z85(text)
            }
            _ => Err(Error::InvalidArgument),
        }
    }

    /// The key as 40 Z85 characters, the form certificates and
    /// configuration files carry.
    ///
    /// ```
    /// let key = zmq::CurveKey([0u8; 32]);
    /// assert_eq!(key.to_z85(), "0".repeat(40));
    /// ```
    pub fn to_z85(&self) -> String {
        z85::encode(&self.0).expect("32 bytes is a multiple of 4")
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for CurveKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CurveKey({})", self.to_z85())
    }
}

impl fmt::Display for CurveKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_z85())
    }
}

impl From<[u8; 32]> for CurveKey {
    fn from(bytes: [u8; 32]) -> CurveKey {
        CurveKey(bytes)
    }
}

impl AsRef<[u8]> for CurveKey {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

// ---------------------------------------------------------------------------
// The raw calls: the only places that touch zmq_{get,set}sockopt.

fn set_raw(sock: *mut c_void, opt: c_int, ptr: *const c_void, len: usize) -> Result<()> {
    // SAFETY: `sock` is a live socket (callers pass `Socket::as_raw`), and
    // `ptr` points at `len` readable bytes for the duration of the call.
    check(unsafe { zmq_sys::zmq_setsockopt(sock, opt, ptr, len) }).map(drop)
}

/// Reads an option into `buf`; returns the length libzmq wrote.
fn get_raw(sock: *mut c_void, opt: c_int, buf: &mut [u8]) -> Result<usize> {
    let mut len = buf.len();
    // SAFETY: live socket; `buf` is writable for `len` bytes and libzmq
    // writes at most that many, reporting the real length back.
    check(unsafe { zmq_sys::zmq_getsockopt(sock, opt, buf.as_mut_ptr().cast(), &mut len) })?;
    Ok(len)
}

fn set_scalar<V: Copy>(sock: *mut c_void, opt: c_int, value: V) -> Result<()> {
    set_raw(
        sock,
        opt,
        (&value as *const V).cast(),
        std::mem::size_of::<V>(),
    )
}

fn get_scalar<const N: usize>(sock: *mut c_void, opt: c_int) -> Result<[u8; N]> {
    let mut buf = [0u8; N];
    let len = get_raw(sock, opt, &mut buf)?;
    if len != N {
        return Err(Error::InvalidArgument);
    }
    Ok(buf)
}

pub(crate) fn get_int(sock: *mut c_void, opt: c_int) -> Result<i32> {
    get_scalar::<4>(sock, opt).map(i32::from_ne_bytes)
}

pub(crate) fn set_bytes(sock: *mut c_void, opt: c_int, value: &[u8]) -> Result<()> {
    set_raw(sock, opt, value.as_ptr().cast(), value.len())
}

/// Longest byte or string option value the option setters accept (a SOCKS
/// proxy address, credentials, ids...), so that every value a setter
/// accepts can be read back (`subscribe` has no such limit).
pub(crate) const MAX_OPTION_BYTES: usize = 64 * 1024;

/// Reads a byte or string option of any length up to [`MAX_OPTION_BYTES`]
/// (+ NUL): libzmq does not say how long a value is, only that a buffer was
/// too small (`EINVAL`), so the buffer grows until it fits.
fn get_bytes(sock: *mut c_void, opt: c_int) -> Result<Vec<u8>> {
    let mut small = [0u8; 256];
    match get_raw(sock, opt, &mut small) {
        Ok(len) => return Ok(small[..len].to_vec()),
        Err(Error::InvalidArgument) => {}
        Err(e) => return Err(e),
    }
    let mut size = 4096;
    loop {
        let mut buf = vec![0u8; size];
        match get_raw(sock, opt, &mut buf) {
            Ok(len) => {
                buf.truncate(len);
                return Ok(buf);
            }
            // Too small, or an option this socket cannot read at all.
            Err(Error::InvalidArgument) if size < MAX_OPTION_BYTES + 1 => {
                size = (size * 4).min(MAX_OPTION_BYTES + 1);
            }
            Err(e) => return Err(e),
        }
    }
}

/// The codecs: how each Rust option type is encoded for libzmq.
mod codec {
    use super::*;

    pub mod int {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: i32) -> Result<()> {
            set_scalar(s, o, v)
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<i32> {
            get_int(s, o)
        }
    }

    /// `-1` means "not set / leave it to the OS": `None`.
    pub mod opt_int {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: Option<i32>) -> Result<()> {
            match v {
                Some(v) if v < 0 => Err(Error::InvalidArgument),
                Some(v) => set_scalar(s, o, v),
                None => set_scalar(s, o, -1i32),
            }
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<Option<i32>> {
            get_int(s, o).map(|v| (v >= 0).then_some(v))
        }
    }

    pub mod boolean {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: bool) -> Result<()> {
            set_scalar(s, o, c_int::from(v))
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<bool> {
            get_int(s, o).map(|v| v != 0)
        }
    }

    /// `-1`: leave to the OS (`None`), `0`/`1`: off/on.
    pub mod tri {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: Option<bool>) -> Result<()> {
            set_scalar(s, o, v.map_or(-1, c_int::from))
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<Option<bool>> {
            get_int(s, o).map(|v| (v >= 0).then_some(v != 0))
        }
    }

    pub mod uint64 {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: u64) -> Result<()> {
            set_scalar(s, o, v)
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<u64> {
            get_scalar::<8>(s, o).map(u64::from_ne_bytes)
        }
    }

    /// An `int64_t` size where `-1` means "no limit": `None`.
    pub mod limit {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: Option<u64>) -> Result<()> {
            let raw = match v {
                None => -1i64,
                Some(v) => i64::try_from(v).map_err(|_| Error::InvalidArgument)?,
            };
            set_scalar(s, o, raw)
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<Option<u64>> {
            get_scalar::<8>(s, o).map(|b| u64::try_from(i64::from_ne_bytes(b)).ok())
        }
    }

    /// Milliseconds in an `int`; must fit.
    pub mod millis {
        use super::*;
        pub fn to_raw(d: Duration) -> Result<c_int> {
            c_int::try_from(d.as_millis()).map_err(|_| Error::InvalidArgument)
        }
        pub fn set(s: *mut c_void, o: c_int, v: Duration) -> Result<()> {
            set_scalar(s, o, to_raw(v)?)
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<Duration> {
            get_int(s, o).map(|ms| Duration::from_millis(u64::try_from(ms).unwrap_or(0)))
        }
    }

    /// Milliseconds where `-1` means "infinite": `None`.
    pub mod opt_millis {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: Option<Duration>) -> Result<()> {
            set_scalar(s, o, v.map_or(Ok(-1), millis::to_raw)?)
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<Option<Duration>> {
            get_int(s, o).map(|ms| u64::try_from(ms).ok().map(Duration::from_millis))
        }
    }

    /// Binary data, at most [`MAX_OPTION_BYTES`]. The empty value is
    /// passed as libzmq's "unset" (`NULL`, 0), which some options need to
    /// clear (`TCP_ACCEPT_FILTER`) and the others refuse or treat as empty.
    pub mod bytes {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: impl AsRef<[u8]>) -> Result<()> {
            let v = v.as_ref();
            if v.len() > MAX_OPTION_BYTES {
                return Err(Error::InvalidArgument);
            }
            if v.is_empty() {
                return set_raw(s, o, std::ptr::null(), 0);
            }
            set_bytes(s, o, v)
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<Vec<u8>> {
            get_bytes(s, o)
        }
    }

    /// Character strings (no interior NUL; libzmq returns them
    /// NUL-terminated). The empty string is passed as libzmq's "unset"
    /// (`NULL`, 0); options that cannot be unset reject it.
    pub mod string {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: &str) -> Result<()> {
            if v.contains('\0') {
                return Err(Error::InteriorNul);
            }
            bytes::set(s, o, v.as_bytes())
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<String> {
            let mut b = get_bytes(s, o)?;
            if b.last() == Some(&0) {
                b.pop();
            }
            String::from_utf8(b).map_err(|e| Error::InvalidUtf8 {
                valid_up_to: e.utf8_error().valid_up_to(),
                bytes: e.into_bytes(),
            })
        }
    }

    /// CURVE keys: 32 binary bytes or 40 Z85 characters in, `CurveKey` out.
    pub mod key {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: impl AsRef<[u8]>) -> Result<()> {
            let key = CurveKey::from_bytes_or_z85(v.as_ref())?;
            set_bytes(s, o, &key.0)
        }
        pub fn get(s: *mut c_void, o: c_int) -> Result<CurveKey> {
            let raw = get_scalar::<32>(s, o)?;
            Ok(CurveKey(raw))
        }
    }

    /// The socket's file descriptor (`ZMQ_FD`).
    pub mod fd {
        use super::*;
        pub fn get(s: *mut c_void, o: c_int) -> Result<zmq_sys::zmq_fd_t> {
            let b = get_scalar::<{ std::mem::size_of::<zmq_sys::zmq_fd_t>() }>(s, o)?;
            Ok(zmq_sys::zmq_fd_t::from_ne_bytes(b))
        }
    }

    pub mod uint32 {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: u32) -> Result<()> {
            set_scalar(s, o, v)
        }
    }

    pub mod pid {
        use super::*;
        pub fn set(s: *mut c_void, o: c_int, v: i32) -> Result<()> {
            set_scalar(s, o, v)
        }
    }

    /// `ZMQ_EVENTS` as poll flags.
    pub mod events {
        use super::*;
        pub fn get(s: *mut c_void, o: c_int) -> Result<crate::PollEvents> {
            get_int(s, o).map(|v| crate::PollEvents::from_bits(v as i16))
        }
    }

    /// `ZMQ_MECHANISM`.
    pub mod mechanism {
        use super::*;
        pub fn get(s: *mut c_void, o: c_int) -> Result<crate::Mechanism> {
            get_int(s, o).map(crate::Mechanism::from_raw)
        }
    }
}

/// The security mechanism a socket uses (`ZMQ_MECHANISM`).
///
/// ```
/// use zmq::Mechanism;
///
/// let s = zmq::Context::new().socket::<zmq::Rep>()?;
/// assert_eq!(s.mechanism()?, Mechanism::Null);
/// s.set_plain_server(true)?;
/// assert_eq!(s.mechanism()?, Mechanism::Plain);
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Mechanism {
    /// `ZMQ_NULL`: no security.
    Null,
    /// `ZMQ_PLAIN`: clear-text user name and password.
    Plain,
    /// `ZMQ_CURVE`: CurveZMQ encryption and authentication.
    Curve,
    /// `ZMQ_GSSAPI`: Kerberos.
    Gssapi,
    /// A value this crate does not know.
    Other(i32),
}

impl Mechanism {
    fn from_raw(raw: i32) -> Mechanism {
        match raw {
            zmq_sys::ZMQ_NULL => Mechanism::Null,
            zmq_sys::ZMQ_PLAIN => Mechanism::Plain,
            zmq_sys::ZMQ_CURVE => Mechanism::Curve,
            zmq_sys::ZMQ_GSSAPI => Mechanism::Gssapi,
            other => Mechanism::Other(other),
        }
    }
}

/// One row → getter and/or setter on `Socket<T>` for the `T`s of its group.
macro_rules! sockopts {
    ($(
        $(#[$doc:meta])*
        [$access:ident $(, $cfg:meta)?] $get:ident / $set:ident : $gty:ty, $sty:ty => $codec:ident = $opt:ident on $bound:path;
    )*) => {$(
        $(#[cfg($cfg)])?
        impl<T: $bound> Socket<T> {
            sockopts!(@$access $(#[$doc])* $get / $set : $gty, $sty => $codec = $opt);
        }
    )*};
    (@rw $(#[$doc:meta])* $get:ident / $set:ident : $gty:ty, $sty:ty => $codec:ident = $opt:ident) => {
        sockopts!(@r $(#[$doc])* $get / $set : $gty, $sty => $codec = $opt);
        sockopts!(@w $(#[$doc])* $get / $set : $gty, $sty => $codec = $opt);
    };
    (@r $(#[$doc:meta])* $get:ident / $set:ident : $gty:ty, $sty:ty => $codec:ident = $opt:ident) => {
        $(#[$doc])*
        #[doc = concat!("\n\nReads `", stringify!($opt), "`.")]
        pub fn $get(&self) -> Result<$gty> {
            codec::$codec::get(self.as_raw(), zmq_sys::$opt)
        }
    };
    (@w $(#[$doc:meta])* $get:ident / $set:ident : $gty:ty, $sty:ty => $codec:ident = $opt:ident) => {
        $(#[$doc])*
        #[doc = concat!("\n\nSets `", stringify!($opt), "`; invalid values are [`Error::InvalidArgument`].")]
        pub fn $set(&self, value: $sty) -> Result<()> {
            codec::$codec::set(self.as_raw(), zmq_sys::$opt, value)
        }
    };
}

type Bytes = Vec<u8>;
type Fd = zmq_sys::zmq_fd_t;
type Events = crate::PollEvents;

sockopts! {
    // ----- all socket types -------------------------------------------------
    /// I/O thread affinity bitmap for new connections.
    [rw] affinity / set_affinity: u64, u64 => uint64 = ZMQ_AFFINITY on SocketType;
    /// Maximum queue of pending connections on a listening socket.
    [rw] backlog / set_backlog: i32, i32 => int = ZMQ_BACKLOG on SocketType;
    /// Network interface (device) the socket is bound to (`SO_BINDTODEVICE`).
    [rw] bindtodevice / set_bindtodevice: String, &str => string = ZMQ_BINDTODEVICE on SocketType;
    /// Busy polling on the socket's TCP connections (draft).
    [w, feature = "draft"] busy_poll / set_busy_poll: bool, bool => boolean = ZMQ_BUSY_POLL on SocketType;
    /// Connect timeout for TCP (zero: the OS's).
    [rw] connect_timeout / set_connect_timeout: Duration, Duration => millis = ZMQ_CONNECT_TIMEOUT on SocketType;
    /// This socket's long-term CURVE public key.
    [rw] curve_publickey / set_curve_publickey: CurveKey, impl AsRef<[u8]> => key = ZMQ_CURVE_PUBLICKEY on SocketType;
    /// This socket's long-term CURVE secret key.
    [rw] curve_secretkey / set_curve_secretkey: CurveKey, impl AsRef<[u8]> => key = ZMQ_CURVE_SECRETKEY on SocketType;
    /// Whether this socket is a CURVE server.
    [rw] curve_server / set_curve_server: bool, bool => boolean = ZMQ_CURVE_SERVER on SocketType;
    /// The server's CURVE public key (client side).
    [rw] curve_serverkey / set_curve_serverkey: CurveKey, impl AsRef<[u8]> => key = ZMQ_CURVE_SERVERKEY on SocketType;
    /// Readiness right now (`ZMQ_EVENTS`): IN and/or OUT.
    [r] events / set_events: Events, () => events = ZMQ_EVENTS on SocketType;
    /// The file descriptor that signals (edge-triggered) when `events`
    /// may have changed, for integration with other event loops.
    [r] fd / set_fd: Fd, () => fd = ZMQ_FD on SocketType;
    /// GSSAPI: whether to send in plain text.
    [rw] gssapi_plaintext / set_gssapi_plaintext: bool, bool => boolean = ZMQ_GSSAPI_PLAINTEXT on SocketType;
    /// GSSAPI: this socket's principal name.
    [rw] gssapi_principal / set_gssapi_principal: String, &str => string = ZMQ_GSSAPI_PRINCIPAL on SocketType;
    /// GSSAPI: the principal's name type.
    [rw] gssapi_principal_nametype / set_gssapi_principal_nametype: i32, i32 => int = ZMQ_GSSAPI_PRINCIPAL_NAMETYPE on SocketType;
    /// GSSAPI: whether this socket is the server.
    [rw] gssapi_server / set_gssapi_server: bool, bool => boolean = ZMQ_GSSAPI_SERVER on SocketType;
    /// GSSAPI: the service principal (client side).
    [rw] gssapi_service_principal / set_gssapi_service_principal: String, &str => string = ZMQ_GSSAPI_SERVICE_PRINCIPAL on SocketType;
    /// GSSAPI: the service principal's name type.
    [rw] gssapi_service_principal_nametype / set_gssapi_service_principal_nametype: i32, i32 => int = ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE on SocketType;
    /// Maximum time for the security handshake (zero: no limit).
    [rw] handshake_ivl / set_handshake_ivl: Duration, Duration => millis = ZMQ_HANDSHAKE_IVL on SocketType;
    /// Interval between ZMTP heartbeats (zero: none).
    [rw] heartbeat_ivl / set_heartbeat_ivl: Duration, Duration => millis = ZMQ_HEARTBEAT_IVL on SocketType;
    /// Time the peer waits for traffic before timing out (decisecond precision).
    [rw] heartbeat_ttl / set_heartbeat_ttl: Duration, Duration => millis = ZMQ_HEARTBEAT_TTL on SocketType;
    /// Time to wait for a heartbeat reply before closing the connection.
    [rw] heartbeat_timeout / set_heartbeat_timeout: Duration, Duration => millis = ZMQ_HEARTBEAT_TIMEOUT on SocketType;
    /// Queue messages only to completed connections.
    [rw] immediate / set_immediate: bool, bool => boolean = ZMQ_IMMEDIATE on SocketType;
    /// Use IPv4 only (deprecated by libzmq in favour of `ipv6`).
    [rw] ipv4only / set_ipv4only: bool, bool => boolean = ZMQ_IPV4ONLY on SocketType;
    /// Enable IPv6 (and IPv4) on this socket.
    [rw] ipv6 / set_ipv6: bool, bool => boolean = ZMQ_IPV6 on SocketType;
    /// The last endpoint bound, with wildcards resolved (`tcp://127.0.0.1:*`
    /// gives the real port).
    [r] last_endpoint / set_last_endpoint: String, () => string = ZMQ_LAST_ENDPOINT on SocketType;
    /// How long unsent messages linger after close (`None`: forever).
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let push = zmq::Context::new().socket::<zmq::Push>()?;
    /// push.set_linger(Some(Duration::ZERO))?; // close at once, dropping the queue
    /// assert_eq!(push.linger()?, Some(Duration::ZERO));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    [rw] linger / set_linger: Option<Duration>, Option<Duration> => opt_millis = ZMQ_LINGER on SocketType;
    /// Largest inbound message accepted (`None`: no limit); a peer that
    /// sends a larger one is disconnected. libzmq applies the limit to the
    /// handshake's commands too, so values below about 64 bytes refuse every
    /// peer.
    [rw] maxmsgsize / set_maxmsgsize: Option<u64>, Option<u64> => limit = ZMQ_MAXMSGSIZE on SocketType;
    /// The security mechanism in use.
    [r] mechanism / set_mechanism: Mechanism, () => mechanism = ZMQ_MECHANISM on SocketType;
    /// Multicast hops (TTL).
    [rw] multicast_hops / set_multicast_hops: i32, i32 => int = ZMQ_MULTICAST_HOPS on SocketType;
    /// Maximum transport data unit for multicast.
    [rw] multicast_maxtpdu / set_multicast_maxtpdu: i32, i32 => int = ZMQ_MULTICAST_MAXTPDU on SocketType;
    /// PLAIN password (client side).
    [rw] plain_password / set_plain_password: String, &str => string = ZMQ_PLAIN_PASSWORD on SocketType;
    /// Whether this socket is a PLAIN server. The credentials are checked by
    /// the ZAP handler, an [`Authenticator`](crate::Authenticator).
    ///
    /// ```
    /// let rep = zmq::Context::new().socket::<zmq::Rep>()?;
    /// rep.set_plain_server(true)?;
    /// assert!(rep.plain_server()?);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    [rw] plain_server / set_plain_server: bool, bool => boolean = ZMQ_PLAIN_SERVER on SocketType;
    /// PLAIN user name (client side).
    [rw] plain_username / set_plain_username: String, &str => string = ZMQ_PLAIN_USERNAME on SocketType;
    /// Socket priority (`SO_PRIORITY`; draft).
    [rw, feature = "draft"] priority / set_priority: i32, i32 => int = ZMQ_PRIORITY on SocketType;
    /// Multicast data rate, kilobits per second.
    [rw] rate / set_rate: i32, i32 => int = ZMQ_RATE on SocketType;
    /// Kernel receive buffer size (`None`: the OS default).
    [rw] rcvbuf / set_rcvbuf: Option<i32>, Option<i32> => opt_int = ZMQ_RCVBUF on SocketType;
    /// Receive high-water mark, in messages (0: no limit).
    [rw] rcvhwm / set_rcvhwm: i32, i32 => int = ZMQ_RCVHWM on SocketType;
    /// Whether more frames of the current message wait to be received.
    [r] rcvmore / set_rcvmore: bool, () => boolean = ZMQ_RCVMORE on SocketType;
    /// Initial reconnection interval (`None`: never reconnect).
    [rw] reconnect_ivl / set_reconnect_ivl: Option<Duration>, Option<Duration> => opt_millis = ZMQ_RECONNECT_IVL on SocketType;
    /// Maximum reconnection interval (zero: only `reconnect_ivl`).
    [rw] reconnect_ivl_max / set_reconnect_ivl_max: Duration, Duration => millis = ZMQ_RECONNECT_IVL_MAX on SocketType;
    /// Multicast recovery interval.
    [rw] recovery_ivl / set_recovery_ivl: Duration, Duration => millis = ZMQ_RECOVERY_IVL on SocketType;
    /// Kernel send buffer size (`None`: the OS default).
    [rw] sndbuf / set_sndbuf: Option<i32>, Option<i32> => opt_int = ZMQ_SNDBUF on SocketType;
    /// Send high-water mark, in messages (0: no limit).
    [rw] sndhwm / set_sndhwm: i32, i32 => int = ZMQ_SNDHWM on SocketType;
    /// SOCKS5 proxy address for TCP connections.
    [rw] socks_proxy / set_socks_proxy: String, &str => string = ZMQ_SOCKS_PROXY on SocketType;
    /// TCP keep-alive (`None`: the OS default).
    [rw] tcp_keepalive / set_tcp_keepalive: Option<bool>, Option<bool> => tri = ZMQ_TCP_KEEPALIVE on SocketType;
    /// TCP keep-alive probe count (`None`: the OS default).
    [rw] tcp_keepalive_cnt / set_tcp_keepalive_cnt: Option<i32>, Option<i32> => opt_int = ZMQ_TCP_KEEPALIVE_CNT on SocketType;
    /// TCP keep-alive idle time in seconds (`None`: the OS default).
    [rw] tcp_keepalive_idle / set_tcp_keepalive_idle: Option<i32>, Option<i32> => opt_int = ZMQ_TCP_KEEPALIVE_IDLE on SocketType;
    /// TCP keep-alive interval in seconds (`None`: the OS default).
    [rw] tcp_keepalive_intvl / set_tcp_keepalive_intvl: Option<i32>, Option<i32> => opt_int = ZMQ_TCP_KEEPALIVE_INTVL on SocketType;
    /// TCP maximum retransmit timeout (zero: the OS's).
    [rw] tcp_maxrt / set_tcp_maxrt: Duration, Duration => millis = ZMQ_TCP_MAXRT on SocketType;
    /// Whether the socket is thread-safe.
    [r] thread_safe / set_thread_safe: bool, () => boolean = ZMQ_THREAD_SAFE on SocketType;
    /// IP type-of-service.
    [rw] tos / set_tos: i32, i32 => int = ZMQ_TOS on SocketType;
    /// The raw socket type (`ZMQ_TYPE`); see also [`Socket::kind`].
    [r] socket_type / set_socket_type: i32, () => int = ZMQ_TYPE on SocketType;
    /// Use a pre-opened file descriptor for the next bind (-1: none).
    [rw] use_fd / set_use_fd: i32, i32 => int = ZMQ_USE_FD on SocketType;
    /// VMCI buffer size.
    [rw] vmci_buffer_size / set_vmci_buffer_size: u64, u64 => uint64 = ZMQ_VMCI_BUFFER_SIZE on SocketType;
    /// VMCI minimum buffer size.
    [rw] vmci_buffer_min_size / set_vmci_buffer_min_size: u64, u64 => uint64 = ZMQ_VMCI_BUFFER_MIN_SIZE on SocketType;
    /// VMCI maximum buffer size.
    [rw] vmci_buffer_max_size / set_vmci_buffer_max_size: u64, u64 => uint64 = ZMQ_VMCI_BUFFER_MAX_SIZE on SocketType;
    /// VMCI connect timeout (`None`: none).
    [rw] vmci_connect_timeout / set_vmci_connect_timeout: Option<Duration>, Option<Duration> => opt_millis = ZMQ_VMCI_CONNECT_TIMEOUT on SocketType;
    /// ZAP domain for authentication (libzmq rejects the empty domain).
    [rw] zap_domain / set_zap_domain: String, &str => string = ZMQ_ZAP_DOMAIN on SocketType;
    /// Adds a TCP accept filter (deprecated by libzmq in favour of ZAP);
    /// an empty value clears the filters.
    [w] tcp_accept_filter / set_tcp_accept_filter: (), impl AsRef<[u8]> => bytes = ZMQ_TCP_ACCEPT_FILTER on SocketType;
    /// Accepts IPC peers of this user id only (repeatable; deprecated by
    /// libzmq in favour of ZAP).
    [w] ipc_filter_uid / add_ipc_filter_uid: (), u32 => uint32 = ZMQ_IPC_FILTER_UID on SocketType;
    /// Accepts IPC peers of this group id only (repeatable; deprecated).
    [w] ipc_filter_gid / add_ipc_filter_gid: (), u32 => uint32 = ZMQ_IPC_FILTER_GID on SocketType;
    /// Accepts IPC peers of this process id only (repeatable; deprecated).
    [w] ipc_filter_pid / add_ipc_filter_pid: (), i32 => pid = ZMQ_IPC_FILTER_PID on SocketType;

    // ----- restricted to some socket types --------------------------------
    /// The routing id (identity) this socket presents to ROUTER peers.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let router = ctx.socket::<zmq::Router>()?;
    /// router.bind("inproc://doc-routing-id")?;
    /// let dealer = ctx.socket::<zmq::Dealer>()?;
    /// dealer.set_routing_id("worker-1")?; // before connect
    /// dealer.connect("inproc://doc-routing-id")?;
    /// dealer.send("ready")?;
    /// let parts = router.recv_multipart()?;
    /// assert_eq!(parts[0], "worker-1");
    /// router.send_multipart(["worker-1", "job"])?; // routed by that id
    /// assert_eq!(dealer.recv()?, "job");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    [rw] routing_id / set_routing_id: Bytes, impl AsRef<[u8]> => bytes = ZMQ_ROUTING_ID on opt::RoutingId;
    /// Subscribe to a prefix (raw option; prefer `subscribe`).
    [w] subscribe_raw / set_subscribe: (), impl AsRef<[u8]> => bytes = ZMQ_SUBSCRIBE on super::types::CanSubscribe;
    /// Unsubscribe a prefix (raw option; prefer `unsubscribe`).
    [w] unsubscribe_raw / set_unsubscribe: (), impl AsRef<[u8]> => bytes = ZMQ_UNSUBSCRIBE on super::types::CanSubscribe;
    /// The routing id to give the peer of the next `connect`.
    [w] connect_routing_id / set_connect_routing_id: (), impl AsRef<[u8]> => bytes = ZMQ_CONNECT_ROUTING_ID on opt::ConnectRoutingId;
    /// Keep only the last message in the queues.
    [rw] conflate / set_conflate: bool, bool => boolean = ZMQ_CONFLATE on opt::Conflate;
    /// Send an empty message to new connections (ROUTER probing).
    [w] probe_router / set_probe_router: (), bool => boolean = ZMQ_PROBE_ROUTER on opt::ProbeRouter;
    /// Match replies to requests with a request id.
    [w] req_correlate / set_req_correlate: (), bool => boolean = ZMQ_REQ_CORRELATE on opt::Req;
    /// Allow a new request before the previous reply.
    [w] req_relaxed / set_req_relaxed: (), bool => boolean = ZMQ_REQ_RELAXED on opt::Req;
    /// Fail with [`Error::HostUnreachable`] on unroutable messages instead
    /// of dropping them.
    [w] router_mandatory / set_router_mandatory: (), bool => boolean = ZMQ_ROUTER_MANDATORY on opt::Router;
    /// Let a new connection take over a routing id in use.
    [w] router_handover / set_router_handover: (), bool => boolean = ZMQ_ROUTER_HANDOVER on opt::Router;
    /// Raw mode (deprecated by libzmq in favour of STREAM sockets).
    [w] router_raw / set_router_raw: (), bool => boolean = ZMQ_ROUTER_RAW on opt::Router;
    /// Connect/disconnect notifications on STREAM sockets.
    [w] stream_notify / set_stream_notify: (), bool => boolean = ZMQ_STREAM_NOTIFY on opt::Stream;
    /// Pass subscription messages upstream verbatim, duplicates included.
    [w] xpub_verbose / set_xpub_verbose: (), bool => boolean = ZMQ_XPUB_VERBOSE on opt::XPub;
    /// Also pass unsubscription duplicates upstream.
    [w] xpub_verboser / set_xpub_verboser: (), bool => boolean = ZMQ_XPUB_VERBOSER on opt::XPub;
    /// Manual subscription handling.
    [w] xpub_manual / set_xpub_manual: (), bool => boolean = ZMQ_XPUB_MANUAL on opt::XPub;
    /// Message sent to each new subscriber.
    [w] xpub_welcome_msg / set_xpub_welcome_msg: (), impl AsRef<[u8]> => bytes = ZMQ_XPUB_WELCOME_MSG on opt::XPub;
    /// Fail with [`Error::WouldBlock`] instead of dropping at the HWM.
    [w] xpub_nodrop / set_xpub_nodrop: (), bool => boolean = ZMQ_XPUB_NODROP on opt::NoDrop;
    /// Deliver messages that do *not* match the subscriptions.
    [rw] invert_matching / set_invert_matching: bool, bool => boolean = ZMQ_INVERT_MATCHING on opt::InvertMatching;

    // ----- draft API ------------------------------------------------------
    /// Reject ZAP requests for sockets without a domain (draft).
    [rw, feature = "draft"] zap_enforce_domain / set_zap_enforce_domain: bool, bool => boolean = ZMQ_ZAP_ENFORCE_DOMAIN on SocketType;
    /// Windows loopback fast path (draft; no effect elsewhere).
    [rw, feature = "draft"] loopback_fastpath / set_loopback_fastpath: bool, bool => boolean = ZMQ_LOOPBACK_FASTPATH on SocketType;
    /// Application metadata `"X-Name:value"` sent in the handshake (draft).
    [w, feature = "draft"] metadata / set_metadata: String, &str => string = ZMQ_METADATA on SocketType;
    /// SOCKS5 user name (draft).
    [rw, feature = "draft"] socks_username / set_socks_username: String, &str => string = ZMQ_SOCKS_USERNAME on SocketType;
    /// SOCKS5 password (draft).
    [rw, feature = "draft"] socks_password / set_socks_password: String, &str => string = ZMQ_SOCKS_PASSWORD on SocketType;
    /// Messages read from the kernel per batch (draft).
    [rw, feature = "draft"] in_batch_size / set_in_batch_size: i32, i32 => int = ZMQ_IN_BATCH_SIZE on SocketType;
    /// Messages written to the kernel per batch (draft).
    [rw, feature = "draft"] out_batch_size / set_out_batch_size: i32, i32 => int = ZMQ_OUT_BATCH_SIZE on SocketType;
    /// Stop reconnecting on the listed conditions (`ZMQ_RECONNECT_STOP_*`
    /// bits; draft).
    [rw, feature = "draft"] reconnect_stop / set_reconnect_stop: i32, i32 => int = ZMQ_RECONNECT_STOP on SocketType;
    /// WSS: PEM private key (draft; needs a libzmq built with GnuTLS).
    [w, feature = "draft"] wss_key_pem / set_wss_key_pem: (), &str => string = ZMQ_WSS_KEY_PEM on SocketType;
    /// WSS: PEM certificate (draft).
    [w, feature = "draft"] wss_cert_pem / set_wss_cert_pem: (), &str => string = ZMQ_WSS_CERT_PEM on SocketType;
    /// WSS: PEM trust chain (draft).
    [w, feature = "draft"] wss_trust_pem / set_wss_trust_pem: (), &str => string = ZMQ_WSS_TRUST_PEM on SocketType;
    /// WSS: host name to verify (draft).
    [w, feature = "draft"] wss_hostname / set_wss_hostname: (), &str => string = ZMQ_WSS_HOSTNAME on SocketType;
    /// WSS: trust the system's CAs (draft).
    [w, feature = "draft"] wss_trust_system / set_wss_trust_system: (), bool => boolean = ZMQ_WSS_TRUST_SYSTEM on SocketType;
    /// NORM mode (draft).
    [rw, feature = "draft"] norm_mode / set_norm_mode: i32, i32 => int = ZMQ_NORM_MODE on SocketType;
    /// NORM unicast NACK (draft).
    [rw, feature = "draft"] norm_unicast_nack / set_norm_unicast_nack: bool, bool => boolean = ZMQ_NORM_UNICAST_NACK on SocketType;
    /// NORM buffer size in kB (draft).
    [rw, feature = "draft"] norm_buffer_size / set_norm_buffer_size: i32, i32 => int = ZMQ_NORM_BUFFER_SIZE on SocketType;
    /// NORM segment size (draft).
    [rw, feature = "draft"] norm_segment_size / set_norm_segment_size: i32, i32 => int = ZMQ_NORM_SEGMENT_SIZE on SocketType;
    /// NORM block size (draft).
    [rw, feature = "draft"] norm_block_size / set_norm_block_size: i32, i32 => int = ZMQ_NORM_BLOCK_SIZE on SocketType;
    /// NORM parity segments (draft).
    [rw, feature = "draft"] norm_num_parity / set_norm_num_parity: i32, i32 => int = ZMQ_NORM_NUM_PARITY on SocketType;
    /// NORM auto-parity segments (draft).
    [rw, feature = "draft"] norm_num_autoparity / set_norm_num_autoparity: i32, i32 => int = ZMQ_NORM_NUM_AUTOPARITY on SocketType;
    /// NORM push mode (draft).
    [rw, feature = "draft"] norm_push / set_norm_push: bool, bool => boolean = ZMQ_NORM_PUSH on SocketType;
    /// Connect/disconnect notifications to the ROUTER application
    /// (`ZMQ_NOTIFY_CONNECT | ZMQ_NOTIFY_DISCONNECT`; draft).
    [rw, feature = "draft"] router_notify / set_router_notify: i32, i32 => int = ZMQ_ROUTER_NOTIFY on opt::Router;
    /// Keep the last value per topic for new subscribers in manual mode (draft).
    [w, feature = "draft"] xpub_manual_last_value / set_xpub_manual_last_value: (), bool => boolean = ZMQ_XPUB_MANUAL_LAST_VALUE on opt::XPub;
    /// Process only the first frame of subscription messages (draft).
    [w, feature = "draft"] only_first_subscribe / set_only_first_subscribe: (), bool => boolean = ZMQ_ONLY_FIRST_SUBSCRIBE on opt::OnlyFirstSubscribe;
    /// Pass unsubscriptions upstream verbatim (draft).
    [w, feature = "draft"] xsub_verbose_unsubscribe / set_xsub_verbose_unsubscribe: (), bool => boolean = ZMQ_XSUB_VERBOSE_UNSUBSCRIBE on opt::XSub;
    /// Number of distinct subscribed topics (draft).
    [r, feature = "draft"] topics_count / set_topics_count: i32, () => int = ZMQ_TOPICS_COUNT on opt::OnlyFirstSubscribe;
    /// Message sent to each new peer (draft).
    [w, feature = "draft"] hello_msg / set_hello_msg: (), impl AsRef<[u8]> => bytes = ZMQ_HELLO_MSG on opt::HelloMsg;
    /// Message delivered locally when a peer disconnects (draft).
    [w, feature = "draft"] disconnect_msg / set_disconnect_msg: (), impl AsRef<[u8]> => bytes = ZMQ_DISCONNECT_MSG on opt::DisconnectMsg;
    /// Message delivered locally when the connection hiccups (draft).
    [w, feature = "draft"] hiccup_msg / set_hiccup_msg: (), impl AsRef<[u8]> => bytes = ZMQ_HICCUP_MSG on opt::HiccupMsg;
    /// Loop multicast back to the sender (RADIO over UDP; draft).
    [rw, feature = "draft"] multicast_loop / set_multicast_loop: bool, bool => boolean = ZMQ_MULTICAST_LOOP on opt::MulticastLoop;
}

/// The two timeouts, by hand: their setters also record the value, so that
/// a blocking call retried after a signal keeps its deadline (see
/// [`crate::interrupt`]).
impl<T: SocketType> Socket<T> {
    /// Receive timeout (`None`: block forever); on expiry receives fail
    /// with [`Error::WouldBlock`]. A total deadline: signals that interrupt
    /// the wait do not restart it.
    ///
    /// Reads `ZMQ_RCVTIMEO`.
    pub fn rcvtimeo(&self) -> Result<Option<Duration>> {
        codec::opt_millis::get(self.as_raw(), zmq_sys::ZMQ_RCVTIMEO)
    }

    /// Sets the receive timeout (`ZMQ_RCVTIMEO`; `None`: block forever);
    /// more than `i32::MAX` milliseconds is [`Error::InvalidArgument`].
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let pull = zmq::Context::new().socket::<zmq::Pull>()?;
    /// pull.set_rcvtimeo(Some(Duration::from_millis(10)))?;
    /// assert_eq!(pull.recv().unwrap_err(), zmq::Error::WouldBlock); // nothing came
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn set_rcvtimeo(&self, value: Option<Duration>) -> Result<()> {
        self.set_timeout(Direction::Recv, zmq_sys::ZMQ_RCVTIMEO, value)
    }

    /// Send timeout (`None`: block forever); on expiry sends fail with
    /// [`Error::WouldBlock`]. A total deadline, like
    /// [`Socket::rcvtimeo`].
    ///
    /// Reads `ZMQ_SNDTIMEO`.
    pub fn sndtimeo(&self) -> Result<Option<Duration>> {
        codec::opt_millis::get(self.as_raw(), zmq_sys::ZMQ_SNDTIMEO)
    }

    /// Sets the send timeout (`ZMQ_SNDTIMEO`; `None`: block forever); more
    /// than `i32::MAX` milliseconds is [`Error::InvalidArgument`].
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let push = zmq::Context::new().socket::<zmq::Push>()?; // no peer
    /// push.set_sndtimeo(Some(Duration::from_millis(10)))?;
    /// assert_eq!(push.send("lost").unwrap_err(), zmq::Error::WouldBlock);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn set_sndtimeo(&self, value: Option<Duration>) -> Result<()> {
        self.set_timeout(Direction::Send, zmq_sys::ZMQ_SNDTIMEO, value)
    }

    fn set_timeout(&self, direction: Direction, opt: c_int, value: Option<Duration>) -> Result<()> {
        let ms = value.map_or(Ok(-1), codec::millis::to_raw)?;
        set_scalar(self.as_raw(), opt, ms)?;
        self.cache_timeout(direction, ms);
        Ok(())
    }
}
