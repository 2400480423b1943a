//! Binding conveniences from pyzmq: a random port in a range with a number
//! of tries ([`Socket::bind_to_random_port_in`]), endpoints held for a scope
//! ([`Socket::bind_scoped`], [`Socket::connect_scoped`], pyzmq's
//! `with socket.bind(...)`), and [`Socket::set_hwm`].

use crate::error::{Error, Result};
use crate::socket::{Socket, SocketType};
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::ops::RangeInclusive;

/// pyzmq's default range for `bind_to_random_port`: the IANA dynamic ports.
///
/// ```
/// let rep = zmq::Context::new().socket::<zmq::Rep>()?;
/// let port = rep.bind_to_random_port_in("tcp://127.0.0.1", zmq::DYNAMIC_PORTS, 100)?;
/// assert!(zmq::DYNAMIC_PORTS.contains(&port));
/// # Ok::<(), zmq::Error>(())
/// ```
pub const DYNAMIC_PORTS: RangeInclusive<u16> = 49152..=65535;

/// A random number, from the standard library's per-process random keys.
fn random_u64(counter: u64) -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(counter);
    h.finish()
}

impl<T: SocketType> Socket<T> {
    /// Binds `addr` (such as `"tcp://127.0.0.1"`) to a port drawn at random
    /// from `ports`, trying up to `max_tries` ports, and returns the port
    /// (pyzmq's `bind_to_random_port(addr, min_port, max_port, max_tries)`;
    /// [`DYNAMIC_PORTS`] and 100 are pyzmq's defaults).
    ///
    /// A port in use (or not permitted) is skipped; any other error is
    /// returned at once. When every try failed the error is an
    /// [`Error::Endpoint`] that names the address, the range and the number
    /// of tries, around the last cause ([`Error::AddressInUse`], usually).
    /// [`Socket::bind_to_random_port`] lets the OS pick any free port
    /// instead, which never collides.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let s = ctx.socket::<zmq::Rep>()?;
    /// let port = s.bind_to_random_port_in("tcp://127.0.0.1", zmq::DYNAMIC_PORTS, 100)?;
    /// assert!(port >= 49152);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn bind_to_random_port_in(
        &self,
        addr: &str,
        ports: RangeInclusive<u16>,
        max_tries: usize,
    ) -> Result<u16> {
        let (low, high) = (*ports.start(), *ports.end());
        let tried = || format!("{addr}:{low}-{high} ({max_tries} random tries)");
        if low > high || max_tries == 0 {
            return Err(Error::InvalidArgument.with_endpoint(&tried()));
        }
        let span = u64::from(high - low) + 1;
        let mut last = Error::AddressInUse;
        for n in 0..max_tries {
            let port = low + (random_u64(n as u64) % span) as u16;
            match self.bind(&format!("{addr}:{port}")) {
                Ok(()) => return Ok(port),
                Err(e) => match e.cause() {
                    Error::AddressInUse | Error::Other(libc::EACCES) => last = e.cause().clone(),
                    _ => return Err(e),
                },
            }
        }
        Err(last.with_endpoint(&tried()))
    }

    /// Binds `endpoint` for as long as the returned guard lives: dropping
    /// it unbinds (pyzmq's `with socket.bind(url):`). A wildcard endpoint
    /// (`tcp://127.0.0.1:*`) is unbound by the address it resolved to,
    /// which [`ScopedEndpoint::endpoint`] gives.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let s = ctx.socket::<zmq::Pull>()?;
    /// {
    ///     let bound = s.bind_scoped("tcp://127.0.0.1:*")?;
    ///     assert!(bound.endpoint().starts_with("tcp://127.0.0.1:"));
    /// } // unbound here
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn bind_scoped(&self, endpoint: &str) -> Result<ScopedEndpoint<'_, T>> {
        self.bind(endpoint)?;
        // last_endpoint names the resolved address; an empty one (not
        // expected after a bind) falls back to what was given.
        let resolved = self
            .last_endpoint()
            .ok()
            .filter(|e| !e.is_empty())
            .unwrap_or_else(|| endpoint.to_owned());
        Ok(ScopedEndpoint {
            socket: self,
            endpoint: resolved,
            bound: true,
            active: true,
        })
    }

    /// Connects to `endpoint` for as long as the returned guard lives:
    /// dropping it disconnects (pyzmq's `with socket.connect(url):`).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let req = ctx.socket::<zmq::Req>()?;
    /// {
    ///     let peer = req.connect_scoped("tcp://127.0.0.1:5999")?;
    ///     assert_eq!(peer.endpoint(), "tcp://127.0.0.1:5999");
    /// } // disconnected here
    /// assert!(req.disconnect("tcp://127.0.0.1:5999").is_err()); // already gone
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn connect_scoped(&self, endpoint: &str) -> Result<ScopedEndpoint<'_, T>> {
        self.connect(endpoint)?;
        Ok(ScopedEndpoint {
            socket: self,
            endpoint: endpoint.to_owned(),
            bound: false,
            active: true,
        })
    }

    /// Sets the high-water mark of both directions, `SNDHWM` and `RCVHWM`
    /// (pyzmq's `socket.hwm = n`; 0 means no limit).
    ///
    /// ```
    /// let push = zmq::Context::new().socket::<zmq::Push>()?;
    /// push.set_hwm(10_000)?;
    /// assert_eq!((push.sndhwm()?, push.rcvhwm()?), (10_000, 10_000));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn set_hwm(&self, hwm: i32) -> Result<()> {
        self.set_sndhwm(hwm)?;
        self.set_rcvhwm(hwm)
    }
}

/// A bind or connect that lasts for a scope (from [`Socket::bind_scoped`]
/// or [`Socket::connect_scoped`]): dropping it unbinds or disconnects. A
/// failure then (the context was shut down, ...) is ignored; call
/// [`ScopedEndpoint::close`] to see it.
///
/// ```
/// let ctx = zmq::Context::new();
/// let pull = ctx.socket::<zmq::Pull>()?;
/// let bound = pull.bind_scoped("tcp://127.0.0.1:*")?;
/// let push = ctx.socket::<zmq::Push>()?;
/// push.connect(bound.endpoint())?; // the real port
/// bound.close()?; // unbinds now, reporting a failure
/// # Ok::<(), zmq::Error>(())
/// ```
#[must_use = "the endpoint is unbound/disconnected when this guard drops"]
pub struct ScopedEndpoint<'a, T: SocketType> {
    socket: &'a Socket<T>,
    endpoint: String,
    bound: bool,
    /// Whether dropping still releases the endpoint.
    active: bool,
}

impl<T: SocketType> fmt::Debug for ScopedEndpoint<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScopedEndpoint")
            .field("endpoint", &self.endpoint)
            .field("bound", &self.bound)
            .finish()
    }
}

impl<'a, T: SocketType> ScopedEndpoint<'a, T> {
    /// The endpoint: for a bind, the resolved address (real port of a
    /// wildcard); for a connect, as given.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The socket.
    ///
    /// ```
    /// let pull = zmq::Context::new().socket::<zmq::Pull>()?;
    /// let bound = pull.bind_scoped("inproc://doc-scoped-socket")?;
    /// assert_eq!(bound.socket().kind(), zmq::SocketKind::Pull);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn socket(&self) -> &'a Socket<T> {
        self.socket
    }

    /// Keeps the endpoint bound or connected beyond the scope; returns it.
    pub fn keep(mut self) -> String {
        self.active = false;
        std::mem::take(&mut self.endpoint)
    }

    /// Unbinds or disconnects now, reporting a failure.
    ///
    /// ```
    /// let push = zmq::Context::new().socket::<zmq::Push>()?;
    /// push.connect_scoped("tcp://127.0.0.1:5999")?.close()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn close(mut self) -> Result<()> {
        self.active = false;
        self.release()
    }

    fn release(&self) -> Result<()> {
        if self.bound {
            self.socket.unbind(&self.endpoint)
        } else {
            self.socket.disconnect(&self.endpoint)
        }
    }
}

impl<T: SocketType> Drop for ScopedEndpoint<'_, T> {
    fn drop(&mut self) {
        if self.active {
            let _ = self.release();
        }
    }
}
