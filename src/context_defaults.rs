//! Socket options set on a [`Context`] that every socket created from it
//! afterwards starts with ([`SocketDefaults`], pyzmq's `ctx.linger = 0` and
//! `ctx.setsockopt`), and the process-wide shared context
//! ([`Context::instance`], pyzmq's `Context.instance()`).

use crate::context::Context;
use crate::error::Result;
use crate::socket::{Socket, SocketType};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Duration;

/// Options that new sockets of a context start with. `None` leaves
/// libzmq's own default; for the times, `Some(None)` means infinite (`-1`).
///
/// Defaults apply when a socket is created: changing them does not touch
/// sockets that exist already, as in pyzmq. A default libzmq refuses makes
/// socket creation fail with that error.
///
/// (IPv6 is a libzmq context option of its own: [`Context::set_ipv6`].)
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

impl SocketDefaults {
    /// Sets every option present on `socket`.
    pub(crate) fn apply<T: SocketType>(&self, socket: &Socket<T>) -> Result<()> {
        /// One line per option: set it if present.
        macro_rules! apply {
            ($($field:ident => $setter:ident),* $(,)?) => {
                $( if let Some(value) = self.$field { socket.$setter(value)?; } )*
            };
        }
        apply!(
            linger => set_linger,
            sndhwm => set_sndhwm,
            rcvhwm => set_rcvhwm,
            sndtimeo => set_sndtimeo,
            rcvtimeo => set_rcvtimeo,
            immediate => set_immediate,
            reconnect_ivl => set_reconnect_ivl,
            reconnect_ivl_max => set_reconnect_ivl_max,
            connect_timeout => set_connect_timeout,
            heartbeat_ivl => set_heartbeat_ivl,
            heartbeat_timeout => set_heartbeat_timeout,
            heartbeat_ttl => set_heartbeat_ttl,
            maxmsgsize => set_maxmsgsize,
            tcp_keepalive => set_tcp_keepalive,
        );
        Ok(())
    }
}

/// Where a context keeps its [`SocketDefaults`] (one per libzmq context,
/// shared by every handle).
#[derive(Debug, Default)]
pub(crate) struct DefaultsCell {
    defaults: Mutex<Option<SocketDefaults>>,
}

impl DefaultsCell {
    fn lock(&self) -> MutexGuard<'_, Option<SocketDefaults>> {
        // Updates are whole assignments: a poisoned lock holds a valid value.
        self.defaults.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Context {
    /// The options new sockets start with (see [`SocketDefaults`]).
    pub fn socket_defaults(&self) -> SocketDefaults {
        self.defaults_cell().lock().clone().unwrap_or_default()
    }

    /// Replaces the options new sockets start with.
    pub fn set_socket_defaults(&self, defaults: SocketDefaults) {
        *self.defaults_cell().lock() = (defaults != SocketDefaults::default()).then_some(defaults);
    }

    /// Changes the options new sockets start with (pyzmq's
    /// `ctx.setsockopt`).
    pub fn update_socket_defaults<R>(&self, f: impl FnOnce(&mut SocketDefaults) -> R) -> R {
        let mut cell = self.defaults_cell().lock();
        let mut defaults = cell.take().unwrap_or_default();
        let r = f(&mut defaults);
        *cell = (defaults != SocketDefaults::default()).then_some(defaults);
        r
    }

    /// New sockets start with this `LINGER` (pyzmq's `ctx.linger = ...`).
    pub fn set_default_linger(&self, linger: Option<Duration>) {
        self.update_socket_defaults(|d| d.linger = Some(linger));
    }

    /// New sockets start with this high-water mark in both directions
    /// (`SNDHWM` and `RCVHWM`; pyzmq's `ctx.hwm = ...`).
    pub fn set_default_hwm(&self, hwm: i32) {
        self.update_socket_defaults(|d| {
            d.sndhwm = Some(hwm);
            d.rcvhwm = Some(hwm);
        });
    }

    /// New sockets start with these send and receive timeouts (`None`:
    /// block forever).
    pub fn set_default_timeouts(&self, sndtimeo: Option<Duration>, rcvtimeo: Option<Duration>) {
        self.update_socket_defaults(|d| {
            d.sndtimeo = Some(sndtimeo);
            d.rcvtimeo = Some(rcvtimeo);
        });
    }

    /// Applies the defaults to a socket just created from this context.
    pub(crate) fn apply_socket_defaults<T: SocketType>(&self, socket: &Socket<T>) -> Result<()> {
        let defaults = self.defaults_cell().lock().clone();
        match defaults {
            Some(defaults) => defaults.apply(socket),
            None => Ok(()),
        }
    }

    /// The process-wide shared context (pyzmq's `Context.instance()`),
    /// created on first use with libzmq's defaults; every call, from any
    /// thread, returns a handle to the same one.
    ///
    /// It lives until the process exits and is never terminated, so it
    /// never waits for lingering messages at exit. Calling
    /// [`shutdown`](Context::shutdown) on it ends it for the whole process:
    /// libraries should take a `&Context` from their caller instead.
    ///
    /// ```
    /// let a = zmq::Context::instance();
    /// let b = std::thread::spawn(zmq::Context::instance).join().unwrap();
    /// assert_eq!(a.as_raw(), b.as_raw());
    /// ```
    pub fn instance() -> Context {
        static INSTANCE: OnceLock<Context> = OnceLock::new();
        INSTANCE.get_or_init(Context::new).clone()
    }
}
