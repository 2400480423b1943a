//! Monitors on caller-chosen endpoints and stopping a monitor from another
//! thread (cppzmq's `monitor_t::init(socket, addr, events)` and `abort()`).

use super::{ATTACHED_COUNT, Monitor, MonitorEvents, attached};
use crate::context::Context;
use crate::error::{Error, Result, check};
use crate::socket::{Pair, Socket, SocketType};
use std::cell::Cell;
use std::ffi::{CString, c_int, c_void};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Stops the monitor `id` of `socket` if it is still attached to the open
/// socket (`zmq_socket_monitor(socket, NULL)`); whether it was.
pub(super) fn detach(socket: usize, id: u64) -> bool {
    let mut list = attached();
    let Some(i) = list.iter().position(|&e| e == (socket, id)) else {
        return false;
    };
    list.swap_remove(i);
    ATTACHED_COUNT.store(list.len(), Ordering::Release);
    // SAFETY: the entry was still listed, so the socket is open:
    // `socket_closing` runs (taking this lock) before any close. We hold the
    // lock, so it stays open during the call. libzmq serialises monitor
    // changes with the socket's own monitor lock, which is also what its
    // I/O threads take to emit events, so this may run on any thread.
    unsafe { zmq_sys::zmq_socket_monitor(socket as *mut c_void, std::ptr::null(), 0) };
    true
}

/// Forgets any `Monitor` attached to `socket`: libzmq has replaced or
/// stopped its stream, so its drop must not stop the new one.
fn forget(socket: *mut c_void) {
    let mut list = attached();
    list.retain(|&(s, _)| s != socket as usize);
    ATTACHED_COUNT.store(list.len(), Ordering::Release);
}

impl<T: SocketType> Socket<T> {
    /// [`Socket::monitor`] on an endpoint of your choosing (cppzmq's
    /// `monitor_t::init(socket, addr, events)`): the events are published
    /// on `endpoint` (an `inproc://` address) and the returned [`Monitor`]
    /// reads them.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::{Context, MonitorEvent, MonitorEvents, Pull};
    /// let ctx = Context::new();
    /// let s = ctx.socket::<Pull>()?;
    /// let monitor = s.monitor_at("inproc://doc-monitor-at", MonitorEvents::LISTENING)?;
    /// s.bind("tcp://127.0.0.1:*")?;
    /// let event = monitor.next_timeout(Duration::from_secs(5))?.unwrap();
    /// assert!(matches!(event, MonitorEvent::Listening { .. }));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn monitor_at(&self, endpoint: &str, events: MonitorEvents) -> Result<Monitor> {
        Monitor::start(self.as_raw(), self.context(), events, 1, Some(endpoint))
    }

    /// Starts publishing this socket's events on `endpoint` (an
    /// `inproc://` address) without reading them (`zmq_socket_monitor`):
    /// another thread reads them with [`Monitor::connect`]. Replaces any
    /// earlier monitor; [`Socket::stop_monitor`] or closing the socket ends
    /// the stream.
    pub fn monitor_to(&self, endpoint: &str, events: MonitorEvents) -> Result<()> {
        let c = CString::new(endpoint).map_err(|_| Error::InteriorNul)?;
        let bits = c_int::try_from((events | MonitorEvents::MONITOR_STOPPED).bits())
            .map_err(|_| Error::InvalidArgument)?;
        // SAFETY: live socket; NUL-terminated endpoint that outlives the call.
        check(unsafe { zmq_sys::zmq_socket_monitor(self.as_raw(), c.as_ptr(), bits) })?;
        forget(self.as_raw());
        Ok(())
    }

    /// Stops monitoring this socket (`zmq_socket_monitor(socket, NULL)`):
    /// the reader sees [`MonitorEvent::MonitorStopped`](crate::MonitorEvent::MonitorStopped)
    /// and its stream ends.
    pub fn stop_monitor(&self) -> Result<()> {
        forget(self.as_raw());
        // SAFETY: live socket; NULL endpoint stops the monitor.
        check(unsafe { zmq_sys::zmq_socket_monitor(self.as_raw(), std::ptr::null(), 0) }).map(drop)
    }
}

impl Monitor {
    /// Reads the events another socket publishes on `endpoint` (see
    /// [`Socket::monitor_to`]), in the version 1 format. Dropping this
    /// reader does not stop the monitoring; the socket's owner does.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::{Context, Monitor, MonitorEvent, MonitorEvents, Pull};
    /// let ctx = Context::new();
    /// let s = ctx.socket::<Pull>()?;
    /// s.monitor_to("inproc://doc-monitor-to", MonitorEvents::LISTENING)?;
    /// let reader = std::thread::spawn({
    ///     let ctx = ctx.clone();
    ///     move || {
    ///         let monitor = Monitor::connect(&ctx, "inproc://doc-monitor-to")?;
    ///         monitor.next_timeout(Duration::from_secs(5))
    ///     }
    /// });
    /// s.bind("tcp://127.0.0.1:*")?;
    /// let event = reader.join().unwrap()?.unwrap();
    /// assert!(matches!(event, MonitorEvent::Listening { .. }));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn connect(ctx: &Context, endpoint: &str) -> Result<Monitor> {
        let pair = ctx.socket::<Pair>()?;
        pair.set_linger(Some(Duration::ZERO))?;
        pair.connect(endpoint)?;
        Ok(Monitor {
            pair,
            // Attached to no socket: dropping it stops nothing.
            socket: 0,
            id: 0,
            version: 1,
            ended: Cell::new(false),
        })
    }

    /// A handle that stops this monitor from any thread (cppzmq's
    /// `monitor_t::abort`), for instance to end a blocking
    /// [`Monitor::recv`] in the thread that reads.
    pub fn abort_handle(&self) -> MonitorAbort {
        MonitorAbort {
            socket: self.socket,
            id: self.id,
        }
    }
}

/// Stops a [`Monitor`] from any thread (from [`Monitor::abort_handle`]):
/// the monitored socket stops publishing, so the reader gets
/// [`MonitorEvent::MonitorStopped`](crate::MonitorEvent::MonitorStopped) and
/// its stream ends, even in the middle of a blocking read.
///
/// ```
/// use zmq::{Context, MonitorEvent, MonitorEvents, Pull};
/// let ctx = Context::new();
/// let s = ctx.socket::<Pull>()?;
/// let monitor = s.monitor(MonitorEvents::ALL)?;
/// let abort = monitor.abort_handle();
/// let reader = std::thread::spawn(move || monitor.filter_map(Result::ok).last());
/// assert!(abort.abort()); // the reader is blocked in `next`: it ends
/// let last = reader.join().unwrap();
/// assert!(matches!(last, Some(MonitorEvent::MonitorStopped { .. })));
/// assert!(!abort.abort()); // already stopped
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct MonitorAbort {
    socket: usize,
    id: u64,
}

impl MonitorAbort {
    /// Stops the monitor; `false` if it had already stopped (aborted,
    /// dropped, replaced, or its socket closed).
    pub fn abort(&self) -> bool {
        detach(self.socket, self.id)
    }
}
