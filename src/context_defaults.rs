//! Socket options set on a [`Context`] that every socket created from it
//! afterwards starts with ([`SocketDefaults`], pyzmq's `ctx.linger = 0` and
//! `ctx.setsockopt`), and the process-wide shared context
//! ([`Context::instance`], pyzmq's `Context.instance()`).

use crate::context::Context;
use crate::defaults::SocketDefaults;
use std::sync::Mutex;
use std::time::Duration;

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

    /// The process-wide shared context (pyzmq's `Context.instance()`),
    /// created on first use with libzmq's defaults; every call, from any
    /// thread, returns a handle to the same one. In a child process forked
    /// after it was made, the first call makes a new one for the child (the
    /// parent's belongs to the parent; see [`Context`]'s fork notes), as
    /// pyzmq does.
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
        static INSTANCE: Mutex<Option<Context>> = Mutex::new(None);
        // A panic cannot happen while the lock is held but in Context::new,
        // which leaves the slot as it was: a poisoned lock is still valid.
        let mut slot = INSTANCE.lock().unwrap_or_else(|e| e.into_inner());
        match &*slot {
            Some(ctx) if !ctx.is_forked() => ctx.clone(),
            _ => {
                let ctx = Context::new();
                *slot = Some(ctx.clone());
                ctx
            }
        }
    }
}
