//! Monitors on caller-chosen endpoints and stopping a monitor from another
//! thread (cppzmq's `monitor_t::init(socket, addr, events)` and `abort()`).
//!
//! There is deliberately no way to publish events with no [`Monitor`]
//! reading them: libzmq emits monitor events with blocking sends, so a
//! monitored socket whose reader went away blocks at its next event, and
//! even in `zmq_socket_monitor(socket, NULL)`. A `Monitor` is connected
//! from the start and stops the stream before it disconnects; to read the
//! events in another thread, move the `Monitor` there.

use super::{ATTACHED_COUNT, Monitor, MonitorEvents, attached};
use crate::error::Result;
use crate::socket::{Socket, SocketType};
use std::ffi::c_void;
use std::sync::atomic::Ordering;

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

impl<T: SocketType> Socket<T> {
    /// [`Socket::monitor`] on an endpoint of your choosing (cppzmq's
    /// `monitor_t::init(socket, addr, events)`): the events are published
    /// on `endpoint` (an `inproc://` address, which must not be bound yet)
    /// and the returned [`Monitor`] reads them. It is `Send`: move it to
    /// the thread that reads.
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
}

impl Monitor {
    /// A handle that stops this monitor from any thread (cppzmq's
    /// `monitor_t::abort`), for instance to end a blocking
    /// [`Monitor::recv`] in the thread that reads.
    pub fn abort_handle(&self) -> MonitorAbort {
        MonitorAbort {
            socket: self.socket,
            id: self.id,
            pid: std::process::id(),
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
    /// The process the monitor belongs to: a forked child must not touch
    /// the parent's socket (nor the registry lock).
    pid: u32,
}

impl MonitorAbort {
    /// Stops the monitor; `false` if it had already stopped (aborted,
    /// dropped, replaced, or its socket closed), or in a child process
    /// forked since (which must not touch the parent's socket).
    pub fn abort(&self) -> bool {
        std::process::id() == self.pid && detach(self.socket, self.id)
    }
}
