//! Readiness flags ([`PollEvents`]) and polling: [`PollSet`] (`zmq_poll`
//! over borrowed sockets and file descriptors) and [`Poller`] (the same with
//! user data per item, like cppzmq's `poller_t`).

mod active;

pub use active::ActivePoller;

use crate::error::{Error, Result, check};
use crate::socket::{Socket, SocketType};
use crate::socket_ref::SocketRef;
use std::any::Any;
use std::collections::HashMap;
use std::ffi::{c_int, c_long, c_void};
use std::fmt;
#[cfg(unix)]
use std::os::fd::{AsRawFd, BorrowedFd};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A set of poll events (`ZMQ_POLLIN`, `ZMQ_POLLOUT`, `ZMQ_POLLERR`,
/// `ZMQ_POLLPRI`), combined with `|`.
///
/// ```
/// use zmq::PollEvents;
/// let both = PollEvents::IN | PollEvents::OUT;
/// assert!(both.contains(PollEvents::IN));
/// assert!(!PollEvents::empty().is_readable());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PollEvents(i16);

impl PollEvents {
    /// Readable: at least one message can be received without blocking.
    pub const IN: PollEvents = PollEvents(zmq_sys::ZMQ_POLLIN as i16);
    /// Writable: at least one message can be sent without blocking.
    pub const OUT: PollEvents = PollEvents(zmq_sys::ZMQ_POLLOUT as i16);
    /// An error condition (raw file descriptors only).
    pub const ERR: PollEvents = PollEvents(zmq_sys::ZMQ_POLLERR as i16);
    /// Urgent data (raw file descriptors only).
    pub const PRI: PollEvents = PollEvents(zmq_sys::ZMQ_POLLPRI as i16);

    /// No events.
    pub const fn empty() -> PollEvents {
        PollEvents(0)
    }
    /// The raw `short` bits.
    pub const fn bits(self) -> i16 {
        self.0
    }
    /// From raw bits (unknown bits are kept).
    pub const fn from_bits(bits: i16) -> PollEvents {
        PollEvents(bits)
    }
    /// Whether every event of `other` is set.
    pub const fn contains(self, other: PollEvents) -> bool {
        self.0 & other.0 == other.0
    }
    /// Whether any event is set.
    pub const fn intersects(self, other: PollEvents) -> bool {
        self.0 & other.0 != 0
    }
    /// Whether no event is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Whether [`PollEvents::IN`] is set.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-is-readable")?;
    /// let ready = pull.poll(zmq::PollEvents::IN, Some(Duration::ZERO))?;
    /// assert!(!ready.is_readable()); // nothing sent yet
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub const fn is_readable(self) -> bool {
        self.contains(PollEvents::IN)
    }
    /// Whether [`PollEvents::OUT`] is set.
    pub const fn is_writable(self) -> bool {
        self.contains(PollEvents::OUT)
    }
}

crate::flags::bit_ops!(PollEvents);

impl fmt::Debug for PollEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = [
            (PollEvents::IN, "IN"),
            (PollEvents::OUT, "OUT"),
            (PollEvents::ERR, "ERR"),
            (PollEvents::PRI, "PRI"),
        ];
        let set: Vec<&str> = names
            .iter()
            .filter(|(e, _)| self.contains(*e))
            .map(|(_, n)| *n)
            .collect();
        if set.is_empty() {
            f.write_str("PollEvents(empty)")
        } else {
            write!(f, "PollEvents({})", set.join(" | "))
        }
    }
}

/// A poll timeout in libzmq's encoding: milliseconds, `-1` for "forever".
/// Durations are rounded up, so a non-zero wait never becomes a busy poll;
/// anything beyond `i64::MAX` ms means forever.
pub(crate) fn timeout_ms(timeout: Option<Duration>) -> i64 {
    match timeout {
        None => -1,
        Some(d) => {
            let ms = d.as_millis() + u128::from(d.subsec_nanos() % 1_000_000 != 0);
            i64::try_from(ms).unwrap_or(-1)
        }
    }
}

// ---------------------------------------------------------------------------
// What can be polled
// ---------------------------------------------------------------------------

pub(crate) mod sealed {
    use std::any::Any;
    use std::ffi::c_void;

    /// The crate-private half of [`Pollable`](super::Pollable).
    pub trait PollTarget: Any {
        /// The libzmq socket to poll; valid while `self` lives.
        fn poll_socket(&self) -> *mut c_void;
        /// `self` as `Any`, to hand the typed reference back.
        fn as_any(&self) -> &dyn Any;
    }
}

/// Something a [`PollSet`] or [`Poller`] can watch: every
/// [`Socket<T>`](crate::Socket) and a [`Monitor`](crate::Monitor). Raw file
/// descriptors are added with [`PollSet::add_fd`] / [`Poller::add_fd`].
///
/// The trait is sealed: only this crate implements it.
///
/// ```
/// fn watch<'a>(set: &mut zmq::PollSet<'a>, item: &'a impl zmq::Pollable) -> zmq::PollHandle {
///     set.add(item, zmq::PollEvents::IN)
/// }
/// let ctx = zmq::Context::new();
/// let s = ctx.socket::<zmq::Sub>()?;
/// let mut set = zmq::PollSet::new();
/// watch(&mut set, &s);
/// # Ok::<(), zmq::Error>(())
/// ```
pub trait Pollable: sealed::PollTarget {}

impl<T: SocketType> sealed::PollTarget for Socket<T> {
    fn poll_socket(&self) -> *mut c_void {
        self.as_raw()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
impl<T: SocketType> Pollable for Socket<T> {}

/// One watched thing, borrowed for the poll set's lifetime.
#[derive(Clone, Copy)]
enum Target<'a> {
    Socket(&'a dyn Pollable),
    #[cfg(unix)]
    Fd(BorrowedFd<'a>),
}

impl Target<'_> {
    fn item(&self, events: PollEvents) -> zmq_sys::zmq_pollitem_t {
        let (socket, fd) = match self {
            Target::Socket(s) => (s.poll_socket(), 0),
            #[cfg(unix)]
            Target::Fd(fd) => (std::ptr::null_mut(), fd.as_raw_fd()),
        };
        zmq_sys::zmq_pollitem_t {
            socket,
            fd,
            events: events.bits(),
            revents: 0,
        }
    }
}

// ---------------------------------------------------------------------------
// PollSet
// ---------------------------------------------------------------------------

/// Identifies one entry of one [`PollSet`]: returned by [`PollSet::add`],
/// used to read the entry's readiness back and to change or remove it.
///
/// A handle stays valid until its entry is removed; after that, and on any
/// other poll set, it matches nothing (a new entry never reuses it).
///
/// ```
/// let ctx = zmq::Context::new();
/// let s = ctx.socket::<zmq::Pull>()?;
/// let mut set = zmq::PollSet::new();
/// let h = set.add(&s, zmq::PollEvents::IN);
/// set.remove(h)?;
/// assert!(!set.contains(h));
/// assert_eq!(set.remove(h), Err(zmq::Error::InvalidArgument));
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PollHandle {
    set: u64,
    slot: u32,
    generation: u32,
}

/// Where a slot's entry lives now.
#[derive(Clone, Copy)]
struct Slot {
    generation: u32,
    index: Option<usize>,
}

static NEXT_SET_ID: AtomicU64 = AtomicU64::new(1);

/// A set of sockets and file descriptors to wait on together (`zmq_poll`;
/// cppzmq's `std::vector<zmq::pollitem_t>`, pyzmq's `zmq.select`).
///
/// The set *borrows* what it watches, so a socket cannot be dropped or moved
/// while a poll set refers to it — yet every socket stays usable through
/// `&self` (send, receive, options) between polls. Each [`add`](PollSet::add)
/// returns a [`PollHandle`] to read that entry's readiness after
/// [`poll`](PollSet::poll); [`ready`](PollSet::ready) iterates the ready
/// entries and gives the socket reference back. Entries can be removed,
/// re-added, or have their events changed between polls without rebuilding
/// the set (the guide's load-balancing broker polls its frontend only while
/// workers are available).
///
/// ```
/// use std::time::Duration;
/// use zmq::{Context, PollEvents, PollSet, Pull, Push};
///
/// let ctx = Context::new();
/// let pull = ctx.socket::<Pull>()?;
/// pull.bind("inproc://doc-pollset")?;
/// let push = ctx.socket::<Push>()?;
/// push.connect("inproc://doc-pollset")?;
///
/// let mut set = PollSet::new();
/// let h = set.add(&pull, PollEvents::IN);
/// assert_eq!(set.poll(Some(Duration::ZERO))?, 0); // nothing yet
///
/// push.send("job")?; // sockets stay usable while the set borrows them
/// assert_eq!(set.poll(Some(Duration::from_secs(5)))?, 1);
/// assert!(set.is_readable(h));
/// for entry in set.ready() {
///     let socket = entry.socket::<Pull>().unwrap(); // the &Socket<Pull> itself
///     assert_eq!(socket.recv()?, "job");
/// }
/// # Ok::<(), zmq::Error>(())
/// ```
pub struct PollSet<'a> {
    id: u64,
    /// Contiguous, as `zmq_poll` wants them.
    items: Vec<zmq_sys::zmq_pollitem_t>,
    /// Parallel to `items`: what each item watches, and its slot.
    targets: Vec<(Target<'a>, u32)>,
    slots: Vec<Slot>,
    free: Vec<u32>,
}

impl fmt::Debug for PollSet<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PollSet")
            .field("len", &self.items.len())
            .finish_non_exhaustive()
    }
}

impl Default for PollSet<'_> {
    fn default() -> Self {
        PollSet::new()
    }
}

impl<'a> PollSet<'a> {
    /// An empty poll set; see [`PollSet`] for a complete loop.
    ///
    /// ```
    /// let mut set = zmq::PollSet::new();
    /// assert!(set.is_empty());
    /// # let _ = &mut set;
    /// ```
    pub fn new() -> PollSet<'a> {
        PollSet {
            id: NEXT_SET_ID.fetch_add(1, Ordering::Relaxed),
            items: Vec::new(),
            targets: Vec::new(),
            slots: Vec::new(),
            free: Vec::new(),
        }
    }

    /// Watches a socket (typed or [`Dynamic`](crate::Dynamic)) or a
    /// [`Monitor`](crate::Monitor) for `events` (usually
    /// [`PollEvents::IN`] and/or [`PollEvents::OUT`]). The same socket may be
    /// added more than once; each entry is independent.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::{PollEvents, PollSet};
    ///
    /// let ctx = zmq::Context::new();
    /// let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// a.bind("inproc://doc-pollset-add")?;
    /// b.connect("inproc://doc-pollset-add")?;
    /// let mut set = PollSet::new();
    /// let readable = set.add(&a, PollEvents::IN);
    /// let writable = set.add(&b, PollEvents::OUT);
    /// set.poll(Some(Duration::from_secs(5)))?;
    /// assert!(set.is_writable(writable)); // connected: b can send
    /// assert!(!set.is_readable(readable)); // nothing sent yet
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn add<P: Pollable>(&mut self, socket: &'a P, events: PollEvents) -> PollHandle {
        self.insert(Target::Socket(socket), events)
    }

    /// Watches a file descriptor (a pipe, a `UdpSocket`, a `TcpStream`,
    /// ...): [`PollEvents::IN`], [`OUT`](PollEvents::OUT),
    /// [`PRI`](PollEvents::PRI); [`ERR`](PollEvents::ERR) is reported when
    /// the descriptor has an error condition. The descriptor is borrowed, so
    /// it cannot be closed while the set refers to it.
    ///
    /// ```
    /// use std::os::fd::AsFd;
    /// use std::time::Duration;
    /// use zmq::{PollEvents, PollSet};
    ///
    /// let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    /// let mut set = PollSet::new();
    /// let h = set.add_fd(udp.as_fd(), PollEvents::OUT);
    /// set.poll(Some(Duration::from_secs(5)))?;
    /// assert!(set.is_writable(h));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[cfg(unix)]
    pub fn add_fd(&mut self, fd: BorrowedFd<'a>, events: PollEvents) -> PollHandle {
        self.insert(Target::Fd(fd), events)
    }

    fn insert(&mut self, target: Target<'a>, events: PollEvents) -> PollHandle {
        let index = self.items.len();
        self.items.push(target.item(events));
        let slot = match self.free.pop() {
            Some(slot) => {
                let s = &mut self.slots[slot as usize];
                s.generation = s.generation.wrapping_add(1);
                s.index = Some(index);
                slot
            }
            None => {
                self.slots.push(Slot {
                    generation: 0,
                    index: Some(index),
                });
                (self.slots.len() - 1) as u32
            }
        };
        self.targets.push((target, slot));
        PollHandle {
            set: self.id,
            slot,
            generation: self.slots[slot as usize].generation,
        }
    }

    /// The index of a live handle's entry.
    fn index(&self, handle: PollHandle) -> Option<usize> {
        if handle.set != self.id {
            return None;
        }
        let slot = self.slots.get(handle.slot as usize)?;
        if slot.generation == handle.generation {
            slot.index
        } else {
            None
        }
    }

    fn index_or_err(&self, handle: PollHandle) -> Result<usize> {
        self.index(handle).ok_or(Error::InvalidArgument)
    }

    /// Stops watching an entry. Other handles stay valid.
    ///
    /// [`Error::InvalidArgument`] if the handle was already removed or
    /// belongs to another set.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let (a, b) = (ctx.socket::<zmq::Pull>()?, ctx.socket::<zmq::Pull>()?);
    /// let mut set = zmq::PollSet::new();
    /// let ha = set.add(&a, zmq::PollEvents::IN);
    /// let hb = set.add(&b, zmq::PollEvents::IN);
    /// set.remove(ha)?;
    /// assert!(set.contains(hb));
    /// assert_eq!(set.len(), 1);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn remove(&mut self, handle: PollHandle) -> Result<()> {
        let index = self.index_or_err(handle)?;
        self.items.swap_remove(index);
        self.targets.swap_remove(index);
        self.slots[handle.slot as usize].index = None;
        self.free.push(handle.slot);
        if let Some(&(_, moved)) = self.targets.get(index) {
            self.slots[moved as usize].index = Some(index);
        }
        Ok(())
    }

    /// Changes the events an entry waits for; [`PollEvents::empty`] pauses
    /// it without removing it.
    ///
    /// [`Error::InvalidArgument`] if the handle is not an entry of this set.
    pub fn set_events(&mut self, handle: PollHandle, events: PollEvents) -> Result<()> {
        let index = self.index_or_err(handle)?;
        self.items[index].events = events.bits();
        Ok(())
    }

    /// The events an entry waits for, or `None` if the handle is not an
    /// entry of this set.
    pub fn events(&self, handle: PollHandle) -> Option<PollEvents> {
        self.index(handle)
            .map(|i| PollEvents::from_bits(self.items[i].events))
    }

    /// Whether the handle is an entry of this set.
    pub fn contains(&self, handle: PollHandle) -> bool {
        self.index(handle).is_some()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the set has no entries.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Removes every entry (their handles become invalid).
    pub fn clear(&mut self) {
        for (_, slot) in self.targets.drain(..) {
            self.slots[slot as usize].index = None;
            self.free.push(slot);
        }
        self.items.clear();
    }

    /// Waits until at least one entry is ready or `timeout` passes (`None`:
    /// no limit; `Some(Duration::ZERO)`: just look), and returns how many
    /// entries are ready (0 on timeout). Readiness is then read per entry
    /// with [`revents`](PollSet::revents) or by iterating
    /// [`ready`](PollSet::ready); it stays as it is until the next poll.
    ///
    /// Waiting forever on a set where no entry waits for anything could
    /// never return, so that is [`Error::InvalidArgument`]; with a finite
    /// timeout it just sleeps. A signal gives [`Error::Interrupted`]; a shut
    /// down context [`Error::ContextTerminated`].
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-pollset-poll")?;
    /// let mut set = zmq::PollSet::new();
    /// let h = set.add(&pull, zmq::PollEvents::IN);
    /// assert_eq!(set.poll(Some(Duration::from_millis(10)))?, 0); // timed out
    /// assert!(set.revents(h).is_empty());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn poll(&mut self, timeout: Option<Duration>) -> Result<usize> {
        self.poll_or(timeout, Error::InvalidArgument)
    }

    /// [`PollSet::poll`], failing with `forever` when asked to wait forever
    /// for nothing.
    fn poll_or(&mut self, timeout: Option<Duration>, forever: Error) -> Result<usize> {
        for item in &mut self.items {
            item.revents = 0;
        }
        poll_items_or(&mut self.items, timeout, forever)
    }

    /// What the last [`poll`](PollSet::poll) found for an entry (empty when
    /// it was not ready, was added since, or the handle is not an entry of
    /// this set).
    pub fn revents(&self, handle: PollHandle) -> PollEvents {
        self.index(handle)
            .map(|i| PollEvents::from_bits(self.items[i].revents))
            .unwrap_or_default()
    }

    /// Whether the last poll found the entry readable.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-pollset-readable")?;
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("inproc://doc-pollset-readable")?;
    /// push.send("x")?;
    /// let mut set = zmq::PollSet::new();
    /// let h = set.add(&pull, zmq::PollEvents::IN);
    /// set.poll(Some(Duration::from_secs(5)))?;
    /// assert!(set.is_readable(h));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn is_readable(&self, handle: PollHandle) -> bool {
        self.revents(handle).is_readable()
    }

    /// Whether the last poll found the entry writable.
    pub fn is_writable(&self, handle: PollHandle) -> bool {
        self.revents(handle).is_writable()
    }

    /// The entries the last poll found ready, with what they watch.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::{PollEvents, PollSet, Pull, Push};
    ///
    /// let ctx = zmq::Context::new();
    /// let (jobs, urgent) = (ctx.socket::<Pull>()?, ctx.socket::<Pull>()?);
    /// jobs.bind("inproc://doc-ready-jobs")?;
    /// urgent.bind("inproc://doc-ready-urgent")?;
    /// let push = ctx.socket::<Push>()?;
    /// push.connect("inproc://doc-ready-urgent")?;
    /// push.send("now")?;
    /// let mut set = PollSet::new();
    /// set.add(&jobs, PollEvents::IN);
    /// set.add(&urgent, PollEvents::IN);
    /// set.poll(Some(Duration::from_secs(5)))?;
    /// let got: Vec<String> = set
    ///     .ready()
    ///     .map(|entry| entry.socket::<Pull>().expect("a PULL").recv_string())
    ///     .collect::<zmq::Result<_>>()?;
    /// assert_eq!(got, ["now"]);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn ready(&self) -> impl Iterator<Item = PollEntry<'a>> + '_ {
        self.entries().filter(|e| !e.revents.is_empty())
    }

    /// Every entry, ready or not, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = PollEntry<'a>> + '_ {
        self.items
            .iter()
            .zip(&self.targets)
            .map(|(item, &(target, slot))| PollEntry {
                handle: PollHandle {
                    set: self.id,
                    slot,
                    generation: self.slots[slot as usize].generation,
                },
                revents: PollEvents::from_bits(item.revents),
                target,
            })
    }
}

/// Runs `zmq_poll` over `items`, with the empty-set rules of
/// [`PollSet::poll`]. A signal is retried with the rest of the timeout (see
/// [`crate::interrupt`]); [`Error::Interrupted`] only when the program's
/// interrupt flag is set.
///
/// Every socket pointer in `items` must belong to a socket that stays open
/// for the call, and every fd to an open descriptor (the callers' borrows
/// guarantee both).
pub(crate) fn poll_items(
    items: &mut [zmq_sys::zmq_pollitem_t],
    timeout: Option<Duration>,
) -> Result<usize> {
    poll_items_or(items, timeout, Error::InvalidArgument)
}

/// [`poll_items`], failing with `forever` when asked to wait forever for
/// nothing.
fn poll_items_or(
    items: &mut [zmq_sys::zmq_pollitem_t],
    timeout: Option<Duration>,
    forever: Error,
) -> Result<usize> {
    if items.iter().all(|i| i.events == 0) {
        // zmq_poll would sleep (or fail) without looking at anything.
        return match timeout {
            None => Err(forever),
            Some(d) => {
                std::thread::sleep(d);
                Ok(0)
            }
        };
    }
    let n = c_int::try_from(items.len()).map_err(|_| Error::InvalidArgument)?;
    let deadline = timeout.and_then(|d| std::time::Instant::now().checked_add(d));
    let mut wait = timeout;
    loop {
        if crate::interrupt::is_interrupted() {
            return Err(Error::Interrupted);
        }
        let ms = c_long::try_from(timeout_ms(wait)).unwrap_or(-1);
        // SAFETY: `items` is a valid array of `n` poll items; each socket
        // pointer belongs to a socket borrowed for the set's lifetime (so it
        // is open) and each fd to a descriptor borrowed likewise. `zmq_poll`
        // only writes `revents`.
        let rc = unsafe { zmq_sys::zmq_poll(items.as_mut_ptr(), n, ms) };
        match check(rc) {
            Err(Error::Interrupted) => {
                if let Some(deadline) = deadline {
                    let left = deadline.saturating_duration_since(std::time::Instant::now());
                    if left.is_zero() {
                        items.iter_mut().for_each(|i| i.revents = 0);
                        return Ok(0);
                    }
                    wait = Some(left);
                }
            }
            other => return other.map(|n| n as usize),
        }
    }
}

/// One entry of a [`PollSet`] as seen by the last poll: its handle, what it
/// found, and the socket or descriptor it watches.
///
/// ```
/// use zmq::{Context, PollEvents, PollSet, Push};
/// let ctx = Context::new();
/// let push = ctx.socket::<Push>()?;
/// let mut set = PollSet::new();
/// set.add(&push, PollEvents::OUT);
/// set.poll(Some(std::time::Duration::ZERO))?; // no peer: not writable
/// let entry = set.entries().next().unwrap();
/// assert!(!entry.is_writable());
/// assert!(std::ptr::eq(entry.socket::<Push>().unwrap(), &push));
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct PollEntry<'a> {
    handle: PollHandle,
    revents: PollEvents,
    target: Target<'a>,
}

impl fmt::Debug for PollEntry<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PollEntry")
            .field("handle", &self.handle)
            .field("revents", &self.revents)
            .finish_non_exhaustive()
    }
}

impl<'a> PollEntry<'a> {
    /// The entry's handle (as returned by [`PollSet::add`]).
    pub fn handle(&self) -> PollHandle {
        self.handle
    }

    /// What the last poll found.
    pub fn revents(&self) -> PollEvents {
        self.revents
    }

    /// Whether the last poll found the entry readable.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-entry-readable")?;
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("inproc://doc-entry-readable")?;
    /// push.send("x")?;
    /// let mut set = zmq::PollSet::new();
    /// set.add(&pull, zmq::PollEvents::IN);
    /// set.poll(Some(Duration::from_secs(5)))?;
    /// assert!(set.entries().all(|entry| entry.is_readable()));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn is_readable(&self) -> bool {
        self.revents.is_readable()
    }

    /// Whether the last poll found the entry writable.
    pub fn is_writable(&self) -> bool {
        self.revents.is_writable()
    }

    /// The watched socket, if it is a `Socket<T>` of exactly this `T` (a
    /// socket added as `Socket<Dynamic>` is found with `T = Dynamic`).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// let mut set = zmq::PollSet::new();
    /// set.add(&pull, zmq::PollEvents::IN);
    /// let entry = set.entries().next().expect("one entry");
    /// assert!(entry.socket::<zmq::Pull>().is_some());
    /// assert!(entry.socket::<zmq::Push>().is_none()); // not that type
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn socket<T: SocketType>(&self) -> Option<&'a Socket<T>> {
        self.get::<Socket<T>>()
    }

    /// The watched item if it is a `P` (a `Socket<T>` or a
    /// [`Monitor`](crate::Monitor)).
    pub fn get<P: Pollable>(&self) -> Option<&'a P> {
        match self.target {
            Target::Socket(s) => s.as_any().downcast_ref::<P>(),
            #[cfg(unix)]
            Target::Fd(_) => None,
        }
    }

    /// The watched socket (or a [`Monitor`](crate::Monitor)'s socket) as a
    /// [`SocketRef`], whatever its type; `None` for a file descriptor.
    pub fn socket_ref(&self) -> Option<SocketRef<'a>> {
        match self.target {
            Target::Socket(s) => Some(SocketRef::from_ptr(s.poll_socket())),
            #[cfg(unix)]
            Target::Fd(_) => None,
        }
    }

    /// The watched file descriptor, if the entry is one.
    #[cfg(unix)]
    pub fn fd(&self) -> Option<BorrowedFd<'a>> {
        match self.target {
            Target::Fd(fd) => Some(fd),
            Target::Socket(_) => None,
        }
    }
}

// ---------------------------------------------------------------------------
// Poller
// ---------------------------------------------------------------------------

/// How a [`Poller`] recognises an item: the socket or the descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Socket(usize),
    #[cfg(unix)]
    Fd(i32),
}

/// A poller with user data per item (cppzmq's `poller_t<T>`, pyzmq's
/// `Poller`, libzmq's draft `zmq_poller`): add, modify and remove items by
/// the socket (or descriptor) itself, and [`wait`](Poller::wait) yields the
/// user data and events of every ready item.
///
/// It is built on `zmq_poll` (through [`PollSet`]), so it works the same
/// with or without the `draft` feature. Like [`PollSet`], it borrows what it
/// watches. Each socket or descriptor can be added once.
///
/// ```
/// use std::time::Duration;
/// use zmq::{Context, PollEvents, Poller, Pull, Push};
///
/// let ctx = Context::new();
/// let jobs = ctx.socket::<Pull>()?;
/// jobs.bind("inproc://doc-poller-jobs")?;
/// let control = ctx.socket::<Pull>()?;
/// control.bind("inproc://doc-poller-control")?;
/// let tx = ctx.socket::<Push>()?;
/// tx.connect("inproc://doc-poller-control")?;
/// tx.send("stop")?;
///
/// #[derive(Debug, PartialEq)]
/// enum Source { Jobs, Control }
/// let mut poller = Poller::new();
/// poller.add(&jobs, PollEvents::IN, Source::Jobs)?;
/// poller.add(&control, PollEvents::IN, Source::Control)?;
/// let ready: Vec<_> = poller.wait(Some(Duration::from_secs(5)))?.collect();
/// assert_eq!(ready, [(&Source::Control, PollEvents::IN)]);
/// # Ok::<(), zmq::Error>(())
/// ```
pub struct Poller<'a, T> {
    set: PollSet<'a>,
    keys: HashMap<Key, PollHandle>,
    /// Indexed by the handle's slot.
    data: Vec<Option<T>>,
}

impl<T> fmt::Debug for Poller<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Poller")
            .field("len", &self.set.len())
            .finish_non_exhaustive()
    }
}

impl<T> Default for Poller<'_, T> {
    fn default() -> Self {
        Poller::new()
    }
}

impl<'a, T> Poller<'a, T> {
    /// An empty poller; `T` is the data handed back with each ready item.
    ///
    /// ```
    /// let mut poller: zmq::Poller<'_, &str> = zmq::Poller::new();
    /// assert!(poller.is_empty());
    /// # let _ = &mut poller;
    /// ```
    pub fn new() -> Poller<'a, T> {
        Poller {
            set: PollSet::new(),
            keys: HashMap::new(),
            data: Vec::new(),
        }
    }

    /// Watches a socket or [`Monitor`](crate::Monitor) for `events`, with
    /// `data` to hand back when it is ready. [`Error::InvalidArgument`] if it
    /// is already in the poller or `events` has bits other than
    /// [`PollEvents::IN`], [`OUT`](PollEvents::OUT),
    /// [`ERR`](PollEvents::ERR) and [`PRI`](PollEvents::PRI) (as with
    /// `zmq_poller_add`).
    ///
    /// ```
    /// use zmq::{PollEvents, Poller};
    ///
    /// let ctx = zmq::Context::new();
    /// let (front, back) = (ctx.socket::<zmq::Router>()?, ctx.socket::<zmq::Dealer>()?);
    /// let mut poller = Poller::new();
    /// poller.add(&front, PollEvents::IN, "frontend")?;
    /// poller.add(&back, PollEvents::IN, "backend")?;
    /// assert_eq!(poller.add(&front, PollEvents::IN, "again"), Err(zmq::Error::InvalidArgument));
    /// assert_eq!(poller.data(&back), Some(&"backend"));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn add<P: Pollable>(&mut self, socket: &'a P, events: PollEvents, data: T) -> Result<()> {
        let key = Key::Socket(socket.poll_socket() as usize);
        self.insert(key, Target::Socket(socket), events, data)
    }

    /// Watches a file descriptor, like [`Poller::add`].
    #[cfg(unix)]
    pub fn add_fd(&mut self, fd: BorrowedFd<'a>, events: PollEvents, data: T) -> Result<()> {
        self.insert(Key::Fd(fd.as_raw_fd()), Target::Fd(fd), events, data)
    }

    fn insert(&mut self, key: Key, target: Target<'a>, events: PollEvents, data: T) -> Result<()> {
        check_events(events)?;
        if self.keys.contains_key(&key) {
            return Err(Error::InvalidArgument);
        }
        let handle = self.set.insert(target, events);
        let slot = handle.slot as usize;
        if self.data.len() <= slot {
            self.data.resize_with(slot + 1, || None);
        }
        self.data[slot] = Some(data);
        self.keys.insert(key, handle);
        Ok(())
    }

    /// Changes the events a socket is watched for ([`PollEvents::empty`]
    /// pauses it). [`Error::InvalidArgument`] if it is not in the poller or
    /// `events` has unknown bits.
    pub fn modify<P: Pollable>(&mut self, socket: &P, events: PollEvents) -> Result<()> {
        self.modify_key(Key::Socket(socket.poll_socket() as usize), events)
    }

    /// Changes the events a descriptor is watched for.
    #[cfg(unix)]
    pub fn modify_fd(&mut self, fd: BorrowedFd<'_>, events: PollEvents) -> Result<()> {
        self.modify_key(Key::Fd(fd.as_raw_fd()), events)
    }

    fn modify_key(&mut self, key: Key, events: PollEvents) -> Result<()> {
        check_events(events)?;
        let handle = *self.keys.get(&key).ok_or(Error::InvalidArgument)?;
        self.set.set_events(handle, events)
    }

    /// Stops watching a socket and returns its data.
    /// [`Error::InvalidArgument`] if it is not in the poller.
    ///
    /// ```
    /// let pull = zmq::Context::new().socket::<zmq::Pull>()?;
    /// let mut poller = zmq::Poller::new();
    /// poller.add(&pull, zmq::PollEvents::IN, 7)?;
    /// assert_eq!(poller.remove(&pull)?, 7);
    /// assert_eq!(poller.remove(&pull), Err(zmq::Error::InvalidArgument));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn remove<P: Pollable>(&mut self, socket: &P) -> Result<T> {
        self.remove_key(Key::Socket(socket.poll_socket() as usize))
    }

    /// Stops watching a descriptor and returns its data.
    #[cfg(unix)]
    pub fn remove_fd(&mut self, fd: BorrowedFd<'_>) -> Result<T> {
        self.remove_key(Key::Fd(fd.as_raw_fd()))
    }

    fn remove_key(&mut self, key: Key) -> Result<T> {
        let handle = self.keys.remove(&key).ok_or(Error::InvalidArgument)?;
        self.set.remove(handle)?;
        self.data[handle.slot as usize]
            .take()
            .ok_or(Error::InvalidArgument)
    }

    /// The data of a watched socket.
    pub fn data<P: Pollable>(&self, socket: &P) -> Option<&T> {
        let handle = self.keys.get(&Key::Socket(socket.poll_socket() as usize))?;
        self.data.get(handle.slot as usize)?.as_ref()
    }

    /// The data of a live entry, by its handle.
    fn data_of(&mut self, handle: PollHandle) -> Option<&mut T> {
        if !self.set.contains(handle) {
            return None;
        }
        self.data.get_mut(handle.slot as usize)?.as_mut()
    }

    /// The data of a watched socket, mutably.
    pub fn data_mut<P: Pollable>(&mut self, socket: &P) -> Option<&mut T> {
        let handle = self.keys.get(&Key::Socket(socket.poll_socket() as usize))?;
        self.data.get_mut(handle.slot as usize)?.as_mut()
    }

    /// Number of watched items.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether nothing is watched.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// Waits until at least one item is ready or `timeout` passes (`None`:
    /// no limit), then yields `(&data, events)` for each ready item (nothing
    /// on timeout).
    ///
    /// With nothing to wait for (no item, or every item paused with
    /// [`PollEvents::empty`]) this does what libzmq's `zmq_poller_wait_all`
    /// does: waiting forever is [`Error::Fault`] (`EFAULT`), a finite
    /// timeout sleeps and then reports nothing ready.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::{PollEvents, Poller};
    ///
    /// let ctx = zmq::Context::new();
    /// let (jobs, control) = (ctx.socket::<zmq::Pull>()?, ctx.socket::<zmq::Pull>()?);
    /// jobs.bind("inproc://doc-poller-jobs")?;
    /// control.bind("inproc://doc-poller-control")?;
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("inproc://doc-poller-control")?;
    /// push.send("stop")?;
    ///
    /// let mut poller = Poller::new();
    /// poller.add(&jobs, PollEvents::IN, "jobs")?;
    /// poller.add(&control, PollEvents::IN, "control")?;
    /// let ready: Vec<_> = poller.wait(Some(Duration::from_secs(5)))?.collect();
    /// assert_eq!(ready, [(&"control", PollEvents::IN)]);
    /// assert_eq!(control.recv()?, "stop");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn wait(
        &mut self,
        timeout: Option<Duration>,
    ) -> Result<impl Iterator<Item = (&T, PollEvents)> + '_> {
        Ok(self.wait_entries(timeout)?.map(|(e, d)| (d, e.revents)))
    }

    /// [`Poller::wait`], yielding each ready item's [`PollEntry`] with its
    /// data: the entry tells which socket fired
    /// ([`PollEntry::socket_ref`], or the typed socket through
    /// [`PollEntry::socket`]) without user data.
    ///
    /// ```
    /// use zmq::{Context, PollEvents, Poller, Pull, Push};
    /// let ctx = Context::new();
    /// let pull = ctx.socket::<Pull>()?;
    /// pull.bind("inproc://doc-poller-entries")?;
    /// let push = ctx.socket::<Push>()?;
    /// push.connect("inproc://doc-poller-entries")?;
    /// push.send("job")?;
    /// let mut poller = Poller::new();
    /// poller.add(&pull, PollEvents::IN, ())?;
    /// for (entry, ()) in poller.wait_entries(None)? {
    ///     assert_eq!(entry.socket_ref(), Some(pull.socket_ref()));
    ///     assert_eq!(entry.socket::<Pull>().unwrap().recv()?, "job");
    /// }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn wait_entries(
        &mut self,
        timeout: Option<Duration>,
    ) -> Result<impl Iterator<Item = (PollEntry<'a>, &T)> + '_> {
        self.set.poll_or(timeout, Error::Fault)?;
        let data = &self.data;
        Ok(self.set.ready().filter_map(move |e| {
            let d = data.get(e.handle.slot as usize)?.as_ref()?;
            Some((e, d))
        }))
    }
}

/// Every event bit `zmq_poller_add` accepts.
const KNOWN_EVENTS: i16 =
    PollEvents::IN.0 | PollEvents::OUT.0 | PollEvents::ERR.0 | PollEvents::PRI.0;

/// Rejects unknown event bits, as `zmq_poller_add` and `zmq_poller_modify`
/// do.
fn check_events(events: PollEvents) -> Result<()> {
    if events.0 & !KNOWN_EVENTS != 0 {
        return Err(Error::InvalidArgument);
    }
    Ok(())
}
