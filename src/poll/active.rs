//! [`ActivePoller`]: a poller that runs a handler per ready item (cppzmq's
//! `active_poller_t`).

use super::{Key, PollEntry, PollEvents, Pollable, Poller, Target};
use crate::error::Result;
use std::fmt;
#[cfg(unix)]
use std::os::fd::{AsRawFd, BorrowedFd};
use std::time::Duration;

/// A handler: it gets the poller itself, so it may add, modify or remove
/// entries (its own included) while it runs, and the entry that fired.
type Handler<'a> = Box<dyn FnMut(&mut ActivePoller<'a>, PollEntry<'a>) + 'a>;

/// A poller that calls a handler for every ready socket or descriptor
/// (cppzmq's `active_poller_t`): [`add`](ActivePoller::add) a socket with a
/// closure, then each [`wait`](ActivePoller::wait) runs the closures of the
/// items that are ready.
///
/// A handler gets the poller (`&mut ActivePoller`) and the [`PollEntry`]
/// that fired, which gives the socket back typed
/// ([`PollEntry::socket`]) or untyped ([`PollEntry::socket_ref`]). Through
/// the poller it may add, modify and remove entries, its own included: a
/// removed entry's handler is dropped once it has returned, an entry removed
/// by an earlier handler of the same `wait` is not called, and an entry
/// added during a `wait` is first polled by the next one. A `wait` makes no
/// heap allocation once the poller has seen its largest number of entries.
///
/// Like [`Poller`] (which it is built on) it uses `zmq_poll`, works without
/// the `draft` feature, and borrows what it watches.
///
/// ```
/// use std::time::Duration;
/// use zmq::{ActivePoller, Context, PollEvents, Pull, Push};
///
/// let ctx = Context::new();
/// let pull = ctx.socket::<Pull>()?;
/// pull.bind("inproc://doc-active-poller")?;
/// let push = ctx.socket::<Push>()?;
/// push.connect("inproc://doc-active-poller")?;
/// push.send("job")?;
///
/// let mut got = Vec::new();
/// let mut poller = ActivePoller::new();
/// poller.add(&pull, PollEvents::IN, |poller, entry| {
///     let socket = entry.socket::<Pull>().unwrap();
///     got.push(socket.recv().unwrap());
///     poller.remove(socket).unwrap(); // one message is enough
/// })?;
/// assert_eq!(poller.wait(Some(Duration::from_secs(5)))?, 1);
/// assert!(poller.is_empty());
/// drop(poller);
/// assert_eq!(got, ["job"]);
/// # Ok::<(), zmq::Error>(())
/// ```
pub struct ActivePoller<'a> {
    /// Each entry's handler; `None` while it runs.
    poller: Poller<'a, Option<Handler<'a>>>,
    /// The entries the last poll found ready, kept for its room.
    ready: Vec<PollEntry<'a>>,
}

impl fmt::Debug for ActivePoller<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActivePoller")
            .field("len", &self.len())
            .finish_non_exhaustive()
    }
}

impl Default for ActivePoller<'_> {
    fn default() -> Self {
        ActivePoller::new()
    }
}

impl<'a> ActivePoller<'a> {
    /// An empty poller; see [`ActivePoller`] for a complete loop.
    ///
    /// ```
    /// let mut poller = zmq::ActivePoller::new();
    /// assert!(poller.is_empty());
    /// # let _ = &mut poller;
    /// ```
    pub fn new() -> ActivePoller<'a> {
        ActivePoller {
            poller: Poller::new(),
            ready: Vec::new(),
        }
    }

    /// Watches a socket or [`Monitor`](crate::Monitor) for `events` and runs
    /// `handler` when it is ready. [`Error::InvalidArgument`](crate::Error::InvalidArgument)
    /// if it is already watched or `events` has unknown bits (as
    /// `zmq_poller_add`).
    ///
    /// ```
    /// use std::cell::Cell;
    /// use std::time::Duration;
    /// use zmq::{ActivePoller, PollEvents, Pull};
    ///
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<Pull>()?;
    /// pull.bind("inproc://doc-active-add")?;
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("inproc://doc-active-add")?;
    /// let received = Cell::new(0);
    /// let mut poller = ActivePoller::new();
    /// poller.add(&pull, PollEvents::IN, |_, entry| {
    ///     while let Ok(Some(_)) = entry.socket::<Pull>().unwrap().try_recv() {
    ///         received.set(received.get() + 1);
    ///     }
    /// })?;
    /// for _ in 0..3 {
    ///     push.send("tick")?;
    /// }
    /// while received.get() < 3 {
    ///     assert!(poller.wait(Some(Duration::from_secs(5)))? > 0, "timed out");
    /// }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn add<P: Pollable>(
        &mut self,
        socket: &'a P,
        events: PollEvents,
        handler: impl FnMut(&mut ActivePoller<'a>, PollEntry<'a>) + 'a,
    ) -> Result<()> {
        let key = Key::Socket(socket.poll_socket() as usize);
        self.poller
            .insert(key, Target::Socket(socket), events, Some(Box::new(handler)))
    }

    /// Watches a file descriptor, like [`ActivePoller::add`].
    #[cfg(unix)]
    pub fn add_fd(
        &mut self,
        fd: BorrowedFd<'a>,
        events: PollEvents,
        handler: impl FnMut(&mut ActivePoller<'a>, PollEntry<'a>) + 'a,
    ) -> Result<()> {
        let key = Key::Fd(fd.as_raw_fd());
        self.poller
            .insert(key, Target::Fd(fd), events, Some(Box::new(handler)))
    }

    /// Stops watching a socket; its handler is dropped (after it returns,
    /// if it is the one running). [`Error::InvalidArgument`](crate::Error::InvalidArgument)
    /// if it is not watched.
    ///
    /// ```
    /// let pull = zmq::Context::new().socket::<zmq::Pull>()?;
    /// let mut poller = zmq::ActivePoller::new();
    /// poller.add(&pull, zmq::PollEvents::IN, |_, _| {})?;
    /// poller.remove(&pull)?;
    /// assert!(poller.is_empty());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn remove<P: Pollable>(&mut self, socket: &P) -> Result<()> {
        self.poller.remove(socket).map(drop)
    }

    /// Stops watching a descriptor.
    #[cfg(unix)]
    pub fn remove_fd(&mut self, fd: BorrowedFd<'_>) -> Result<()> {
        self.poller.remove_fd(fd).map(drop)
    }

    /// Changes the events a socket is watched for ([`PollEvents::empty`]
    /// pauses it).
    pub fn modify<P: Pollable>(&mut self, socket: &P, events: PollEvents) -> Result<()> {
        self.poller.modify(socket, events)
    }

    /// Changes the events a descriptor is watched for.
    #[cfg(unix)]
    pub fn modify_fd(&mut self, fd: BorrowedFd<'_>, events: PollEvents) -> Result<()> {
        self.poller.modify_fd(fd, events)
    }

    /// Number of watched items.
    pub fn len(&self) -> usize {
        self.poller.len()
    }

    /// Whether nothing is watched.
    pub fn is_empty(&self) -> bool {
        self.poller.is_empty()
    }

    /// Waits until at least one item is ready or `timeout` passes (`None`:
    /// no limit), runs the handler of every ready item, and returns how
    /// many items were ready (0 on timeout). With nothing to wait for, the
    /// rules of [`Poller::wait`] apply (waiting forever is
    /// [`Error::Fault`](crate::Error::Fault), as in libzmq).
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let pull = zmq::Context::new().socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-active-wait")?;
    /// let mut poller = zmq::ActivePoller::new();
    /// poller.add(&pull, zmq::PollEvents::IN, |_, _| unreachable!("nothing sent"))?;
    /// assert_eq!(poller.wait(Some(Duration::from_millis(10)))?, 0); // timed out
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn wait(&mut self, timeout: Option<Duration>) -> Result<usize> {
        let mut ready = std::mem::take(&mut self.ready);
        ready.clear();
        ready.extend(self.poller.wait_entries(timeout)?.map(|(entry, _)| entry));
        for &entry in &ready {
            self.dispatch(entry);
        }
        let n = ready.len();
        // Keep the room; a handler that waited on this poller itself left
        // its own (at most as large) list behind.
        self.ready = ready;
        Ok(n)
    }

    /// Runs the handler of one ready entry, unless an earlier handler
    /// removed it (or it is running: a `wait` inside its own handler).
    fn dispatch(&mut self, entry: PollEntry<'a>) {
        let handle = entry.handle();
        let Some(mut handler) = self.poller.data_of(handle).and_then(Option::take) else {
            return;
        };
        handler(self, entry);
        // Put it back unless the handler removed its entry.
        if let Some(slot @ None) = self.poller.data_of(handle) {
            *slot = Some(handler);
        }
    }
}
