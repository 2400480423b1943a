//! The readiness protocol over libzmq's `ZMQ_FD`, shared by
//! [`AsyncSocket`](super::AsyncSocket) and [`AsyncMonitor`](super::AsyncMonitor).
//!
//! `ZMQ_FD` becomes readable (edge-triggered) when libzmq queues a command
//! for the socket; processing the commands (which `ZMQ_EVENTS`, and now and
//! then a send or receive, does) drains it again. So an edge says only "look
//! at `ZMQ_EVENTS`", for both directions at once, and whoever looks consumes
//! it for everyone. The rules that follow from that:
//!
//! 1. Try the operation first; wait only after it would block.
//! 2. After it would block, read `ZMQ_EVENTS`: if the direction is ready
//!    (libzmq throttles command processing inside send), retry a few times.
//!    Alone on the socket, an operation reads it only after an edge (see
//!    `poll_op`): every command pending since the last look that cleared
//!    readiness came with an edge after that look.
//! 3. Whoever reads `ZMQ_EVENTS`, or completes an operation while others
//!    wait, wakes the waiters whose direction it reports ready: they may
//!    never see the edge it consumed.
//! 4. Clear tokio's readiness only after a fresh `ZMQ_EVENTS` said the
//!    direction is not ready (tokio ignores the clear if a newer edge came).
//! 5. tokio keeps one waker per direction for `poll_read_ready`; ours is a
//!    fan-out waker that wakes every waiting operation of this socket, so
//!    any number of tasks may wait at once and none depends on another.

use crate::error::{Error, Result};
use crate::poll::PollEvents;
use crate::socket::{Socket, SocketType};
use ::tokio::task::coop::RestoreOnPending;
use std::future::Future;
use std::os::fd::{AsRawFd, RawFd};
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

/// Retries of an operation that would block while `ZMQ_EVENTS` says its
/// direction is ready, before waiting for the next edge instead (so a
/// `ROUTER_MANDATORY` or `XPUB_NODROP` socket whose one peer is full sleeps
/// rather than spins).
const RETRIES: u32 = 3;
/// Rounds of one poll before yielding to the scheduler, whatever happens.
const MAX_ROUNDS: u32 = 16;
/// Operations of one socket per unit of tokio's cooperative budget (128
/// units per task and scheduling). tokio's own sockets spend a unit per
/// read or write of a whole buffer, which holds many small messages; one
/// unit per message made a busy task yield every 128 messages (several
/// microseconds), and each yield costs the scheduler a round and a system
/// call: about 9 ns per 1-byte message, 7 % of the send path. A busy socket
/// still yields, every 512 messages.
const OPS_PER_BUDGET_UNIT: u32 = 4;

/// What the async layer needs from the thing it drives.
pub(super) trait Io: Send {
    /// Its `ZMQ_FD`.
    fn raw_fd(&self) -> Result<RawFd>;
    /// Its `ZMQ_EVENTS` (processes libzmq's pending commands).
    fn events(&self) -> Result<PollEvents>;
    /// The raw socket, for a draft poller when there is no `ZMQ_FD`.
    #[cfg(feature = "draft")]
    fn raw_socket(&self) -> *mut std::ffi::c_void;
}

impl<T: SocketType> Io for Socket<T> {
    fn raw_fd(&self) -> Result<RawFd> {
        self.fd()
    }
    fn events(&self) -> Result<PollEvents> {
        Socket::events(self)
    }
    #[cfg(feature = "draft")]
    fn raw_socket(&self) -> *mut std::ffi::c_void {
        self.as_raw()
    }
}

impl Io for crate::Monitor {
    fn raw_fd(&self) -> Result<RawFd> {
        self.socket().fd()
    }
    fn events(&self) -> Result<PollEvents> {
        self.socket().events()
    }
    #[cfg(feature = "draft")]
    fn raw_socket(&self) -> *mut std::ffi::c_void {
        self.socket().as_raw()
    }
}

/// Thread-safe draft sockets have no `ZMQ_FD`: a draft `zmq_poller`
/// holding the socket lends its signaller instead (`zmq_poller_fd`), which
/// libzmq signals whenever the socket receives a command — the same edges
/// as `ZMQ_FD`. Nobody ever waits on the poller, so nothing drains the
/// signaller: it only counts, and every signal is a new edge for the
/// reactor.
#[cfg(feature = "draft")]
struct DraftPoller(*mut std::ffi::c_void);

// SAFETY: the poller is only touched in `new` and `drop`, each with
// exclusive access; libzmq pollers may be used from any thread, one at a
// time.
#[cfg(feature = "draft")]
unsafe impl Send for DraftPoller {}
// SAFETY: `&DraftPoller` gives no access to the poller at all.
#[cfg(feature = "draft")]
unsafe impl Sync for DraftPoller {}

#[cfg(feature = "draft")]
impl DraftPoller {
    /// A poller holding `socket`, and its descriptor.
    fn new(socket: *mut std::ffi::c_void) -> Result<(DraftPoller, RawFd)> {
        use crate::error::check;
        // SAFETY: plain constructor; null means failure (errno set).
        let poller = DraftPoller(unsafe { zmq_sys::zmq_poller_new() });
        if poller.0.is_null() {
            return Err(Error::last());
        }
        let events = (zmq_sys::ZMQ_POLLIN | zmq_sys::ZMQ_POLLOUT) as std::ffi::c_short;
        // SAFETY: live poller; `socket` is the live socket our caller owns,
        // which outlives the poller (see `Shared`'s field order).
        check(unsafe { zmq_sys::zmq_poller_add(poller.0, socket, std::ptr::null_mut(), events) })?;
        let mut fd: zmq_sys::zmq_fd_t = -1;
        // SAFETY: live poller, valid out-pointer.
        check(unsafe { zmq_sys::zmq_poller_fd(poller.0, &mut fd) })?;
        Ok((poller, fd))
    }
}

#[cfg(feature = "draft")]
impl Drop for DraftPoller {
    fn drop(&mut self) {
        // SAFETY: live poller, destroyed once; it detaches its signaller
        // from the socket, which is still open (dropped after us).
        unsafe { zmq_sys::zmq_poller_destroy(&mut self.0) };
    }
}

/// A borrowed `ZMQ_FD`, as tokio's `AsyncFd` wants it (it never closes it).
struct ZmqFd(RawFd);

impl AsRawFd for ZmqFd {
    fn as_raw_fd(&self) -> RawFd {
        self.0
    }
}

/// One waiting operation.
struct Waiter {
    id: u64,
    want: PollEvents,
    waker: Waker,
}

/// The operations waiting on one socket. Registered with tokio as one
/// fan-out waker; every wake removes the woken entries, and an operation
/// still pending registers again when it is polled.
struct Waiters {
    list: Mutex<Vec<Waiter>>,
    /// `list.len()`, readable without the lock (hot path).
    len: AtomicUsize,
    next_id: AtomicU64,
}

impl Waiters {
    fn lock(&self) -> MutexGuard<'_, Vec<Waiter>> {
        self.list.lock().unwrap_or_else(PoisonError::into_inner)
    }

    #[inline]
    fn is_empty(&self) -> bool {
        self.len.load(Ordering::Acquire) == 0
    }

    /// Records (or refreshes) the waker of operation `reg`, giving it an id
    /// on its first wait.
    fn register(&self, reg: &mut Option<u64>, want: PollEvents, waker: &Waker) {
        let id = *reg.get_or_insert_with(|| self.next_id.fetch_add(1, Ordering::Relaxed));
        let mut list = self.lock();
        match list.iter_mut().find(|w| w.id == id) {
            Some(w) => {
                w.want = want;
                w.waker.clone_from(waker);
            }
            None => list.push(Waiter {
                id,
                want,
                waker: waker.clone(),
            }),
        }
        self.len.store(list.len(), Ordering::Release);
    }

    /// Whether no operation other than `reg` is waiting.
    fn none_but(&self, reg: Option<u64>) -> bool {
        self.is_empty() || {
            let list = self.lock();
            list.iter().all(|w| Some(w.id) == reg)
        }
    }

    /// Forgets operation `id` (it completed, or its future was dropped).
    fn remove(&self, id: u64) {
        let mut list = self.lock();
        if let Some(i) = list.iter().position(|w| w.id == id) {
            list.swap_remove(i);
            self.len.store(list.len(), Ordering::Release);
        }
    }

    /// Wakes (and removes) the waiters that want any of `ready`, except
    /// `except`.
    fn wake(&self, ready: PollEvents, except: Option<u64>) {
        if self.is_empty() {
            return;
        }
        let mut list = self.lock();
        list.retain(|w| {
            let hit = w.want.intersects(ready) && Some(w.id) != except;
            if hit {
                w.waker.wake_by_ref();
            }
            !hit
        });
        self.len.store(list.len(), Ordering::Release);
    }

    /// Wakes the waiters that `ZMQ_EVENTS` (or its failure) concerns.
    fn wake_for(&self, events: &Result<PollEvents>, except: Option<u64>) {
        match events {
            Ok(ready) => self.wake(*ready, except),
            // Whatever failed (the context ended...) concerns everyone.
            Err(_) => self.wake(PollEvents::IN | PollEvents::OUT, except),
        }
    }
}

impl Wake for Waiters {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        Waiters::wake(self, PollEvents::IN | PollEvents::OUT, None);
    }
}

/// A socket (or monitor) registered with tokio's reactor.
pub(super) struct Shared<I: Io> {
    // Declared before `io`: dropped, so deregistered, before the socket
    // closes its descriptor.
    fd: ::tokio::io::unix::AsyncFd<ZmqFd>,
    /// Where `fd` comes from for thread-safe draft sockets; dropped after
    /// `fd` (deregistered) and before `io` (the socket it holds).
    #[cfg(feature = "draft")]
    _poller: Option<DraftPoller>,
    waiters: Arc<Waiters>,
    /// `waiters` as the one waker tokio keeps.
    fan_out: Waker,
    /// Operations polled, for the cooperative budget; written only under
    /// `io`'s lock.
    ops: AtomicU32,
    io: Mutex<I>,
}

impl<I: Io> Shared<I> {
    /// Registers `io`'s `ZMQ_FD` with the current runtime's reactor.
    pub(super) fn new(io: I) -> Result<Shared<I>> {
        if ::tokio::runtime::Handle::try_current().is_err() {
            return Err(Error::NotSupported);
        }
        #[cfg(feature = "draft")]
        let (raw, poller) = match io.raw_fd() {
            Ok(raw) => (raw, None),
            // A thread-safe socket: no ZMQ_FD, a poller's signaller instead.
            Err(Error::InvalidArgument) => {
                let (poller, raw) = DraftPoller::new(io.raw_socket())?;
                (raw, Some(poller))
            }
            Err(e) => return Err(e),
        };
        #[cfg(not(feature = "draft"))]
        let raw = io.raw_fd()?;
        // SAFETY: `raw` is `io`'s ZMQ_FD (or the signaller of the poller
        // stored beside it), which libzmq keeps open, the same descriptor,
        // until `zmq_close` (or `zmq_poller_destroy`) — and closing needs
        // the socket (the poller) by value. `io` moves into this struct,
        // behind a Mutex that only lends `&I`, and the registration is
        // dropped before both: by field order in Drop, explicitly in
        // `into_inner`. If this struct is forgotten, so are they, and the
        // descriptor stays open.
        let fd = unsafe {
            ::tokio::io::unix::AsyncFd::register_with_interest(
                ZmqFd(raw),
                ::tokio::io::Interest::READABLE,
            )
        }
        .map_err(|e| io_error(&e.into_parts().1))?;
        let waiters = Arc::new(Waiters {
            // Room for the usual waiters (a receive and a send, from a
            // stream or two tasks) from the start: waiting never allocates.
            list: Mutex::new(Vec::with_capacity(4)),
            len: AtomicUsize::new(0),
            next_id: AtomicU64::new(0),
        });
        Ok(Shared {
            fd,
            #[cfg(feature = "draft")]
            _poller: poller,
            fan_out: Waker::from(waiters.clone()),
            waiters,
            ops: AtomicU32::new(0),
            io: Mutex::new(io),
        })
    }

    /// Deregisters and hands the socket back.
    pub(super) fn into_inner(self) -> I {
        #[cfg(feature = "draft")]
        let Shared {
            fd, _poller, io, ..
        } = self;
        #[cfg(not(feature = "draft"))]
        let Shared { fd, io, .. } = self;
        drop(fd);
        #[cfg(feature = "draft")]
        drop(_poller);
        io.into_inner().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, I> {
        // Our own code never panics while holding the lock; a caller's
        // panic while holding a guard leaves the socket itself consistent.
        self.io.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// After code outside the protocol touched libzmq (a guard): it may
    /// have consumed an edge, so wake whoever `ZMQ_EVENTS` now concerns.
    pub(super) fn touched(&self, io: &I) {
        if !self.waiters.is_empty() {
            self.waiters.wake_for(&io.events(), None);
        }
    }

    /// A future that drives `op` under the readiness protocol.
    pub(super) fn op<R, F>(&self, want: PollEvents, op: F) -> Op<'_, I, F>
    where
        F: FnMut(&I) -> Result<Option<R>> + Unpin,
    {
        Op {
            shared: self,
            want,
            reg: None,
            op,
        }
    }

    /// Drives one operation: `op` returns `Ok(None)` when it would block.
    /// `reg` is the operation's waiter id, kept across polls (and removed
    /// by its owner on drop).
    ///
    /// The path of an operation that succeeds at once (a queued message,
    /// room to send) is inlined into the caller's future; waiting is out of
    /// line ([`Shared::poll_blocked`]).
    #[inline(always)]
    pub(super) fn poll_op<R>(
        &self,
        cx: &mut Context<'_>,
        want: PollEvents,
        reg: &mut Option<u64>,
        mut op: impl FnMut(&I) -> Result<Option<R>>,
    ) -> Poll<Result<R>> {
        let io = self.lock();
        let Poll::Ready(coop) = self.poll_budget(cx) else {
            return Poll::Pending;
        };
        match op(&io) {
            Ok(Some(value)) => {
                self.done(&io, reg, &coop, true);
                Poll::Ready(Ok(value))
            }
            Ok(None) | Err(Error::Interrupted) => {
                self.poll_blocked(cx, want, reg, &io, &coop, &mut op)
            }
            Err(e) => {
                self.done(&io, reg, &coop, false);
                Poll::Ready(Err(e))
            }
        }
    }

    /// tokio's cooperative budget, so that a socket that always has a
    /// message cannot keep its task from yielding: one unit per
    /// [`OPS_PER_BUDGET_UNIT`] operations. Called with the lock held.
    #[inline(always)]
    fn poll_budget(&self, cx: &mut Context<'_>) -> Poll<Option<RestoreOnPending>> {
        let ops = self.ops.load(Ordering::Relaxed);
        // Only ever written under the lock: a plain increment will do.
        self.ops.store(ops.wrapping_add(1), Ordering::Relaxed);
        if ops % OPS_PER_BUDGET_UNIT != 0 {
            return Poll::Ready(None);
        }
        ::tokio::task::coop::poll_proceed(cx).map(Some)
    }

    /// The operation ended (made progress, for tokio's budget). The caller
    /// builds its result after this call: a `Result` (as large as `Error`)
    /// kept across the call was copied out with wide loads right after the
    /// narrow store of its tag, a store-forwarding stall per operation.
    #[inline(always)]
    fn done(&self, io: &I, reg: &mut Option<u64>, coop: &Option<RestoreOnPending>, ok: bool) {
        if let Some(coop) = coop {
            coop.made_progress();
        }
        self.finish(io, reg, ok);
    }

    /// The rest of [`Shared::poll_op`] after the operation would block:
    /// wait, and try again whenever the wait says so.
    #[inline(never)]
    fn poll_blocked<R>(
        &self,
        cx: &mut Context<'_>,
        want: PollEvents,
        reg: &mut Option<u64>,
        io: &I,
        coop: &Option<RestoreOnPending>,
        op: &mut impl FnMut(&I) -> Result<Option<R>>,
    ) -> Poll<Result<R>> {
        let mut tries = 1;
        for _ in 0..MAX_ROUNDS {
            match self.blocked(cx, io, want, reg, &mut tries) {
                None => {}
                Some(Poll::Pending) => return Poll::Pending,
                Some(Poll::Ready(e)) => return Poll::Ready(Err(e)),
            }
            match op(io) {
                Ok(Some(value)) => {
                    self.done(io, reg, coop, true);
                    return Poll::Ready(Ok(value));
                }
                Ok(None) | Err(Error::Interrupted) => tries += 1,
                Err(e) => {
                    self.done(io, reg, coop, false);
                    return Poll::Ready(Err(e));
                }
            }
        }
        // Busy for too long in one poll: let others run, and come back.
        self.waiters.register(reg, want, cx.waker());
        cx.waker().wake_by_ref();
        Poll::Pending
    }

    /// After an operation would block (for the `tries`-th time): `None`
    /// to try it again, else the end of the poll (pending, or an error).
    fn blocked(
        &self,
        cx: &mut Context<'_>,
        io: &I,
        want: PollEvents,
        reg: &mut Option<u64>,
        tries: &mut u32,
    ) -> Option<Poll<Error>> {
        // Unless someone else waits (and may need what a look would tell),
        // wait for the edge first and look at `ZMQ_EVENTS` only after one
        // came. A receive that would block has just processed libzmq's
        // pending commands, so a look has nothing new to say; a send that
        // would block may have skipped them (libzmq throttles command
        // processing inside send), but commands pending since the last
        // look that cleared readiness came with an edge after it, which
        // the wait sees. Each look costs two system calls (libzmq polls its
        // mailbox), the wait none when readiness is set or the edge has not
        // come.
        if !self.waiters.none_but(*reg) {
            let events = io.events();
            self.waiters.wake_for(&events, *reg);
            match events {
                Ok(ready) if ready.intersects(want) && *tries < RETRIES => return None,
                Ok(_) => {}
                Err(Error::Interrupted) => return None,
                Err(e) => {
                    self.finish(io, reg, false);
                    return Some(Poll::Ready(e));
                }
            }
        }
        self.waiters.register(reg, want, cx.waker());
        self.wait(io, want, reg, tries)
    }

    /// Waits for the descriptor, the operation being registered: `Some`
    /// ends the poll (pending, or a reactor error), `None` tries again.
    fn wait(
        &self,
        io: &I,
        want: PollEvents,
        reg: &mut Option<u64>,
        tries: &mut u32,
    ) -> Option<Poll<Error>> {
        match self
            .fd
            .poll_read_ready(&mut Context::from_waker(&self.fan_out))
        {
            Poll::Pending => Some(Poll::Pending),
            Poll::Ready(Err(e)) => {
                self.finish(io, reg, false);
                Some(Poll::Ready(io_error(&e)))
            }
            Poll::Ready(Ok(mut edge)) => {
                // An edge since readiness was last cleared. Look again (the
                // last look may predate it), tell the others, and clear
                // only if our direction is not ready — or if it says ready
                // but keeps refusing: then wait for the next command.
                let events = io.events();
                self.waiters.wake_for(&events, *reg);
                match events {
                    Ok(ready) if !ready.intersects(want) || *tries >= RETRIES => {
                        edge.clear_ready();
                        *tries = 0;
                    }
                    _ => {}
                }
                None
            }
        }
    }

    /// An operation ended: forget its waiter, and since it may have
    /// processed libzmq's commands (consuming the edge others wait for),
    /// wake whoever `ZMQ_EVENTS` now concerns.
    #[inline]
    fn finish(&self, io: &I, reg: &mut Option<u64>, ok: bool) {
        // The hot path: nobody registered, nobody waiting.
        if reg.is_none() && self.waiters.is_empty() {
            return;
        }
        self.finish_slow(io, reg, ok);
    }

    fn finish_slow(&self, io: &I, reg: &mut Option<u64>, ok: bool) {
        if let Some(id) = reg.take() {
            self.waiters.remove(id);
        }
        if self.waiters.is_empty() {
            return;
        }
        let events = if ok {
            io.events()
        } else {
            Err(Error::WouldBlock)
        };
        self.waiters.wake_for(&events, None);
    }
}

/// The future of one operation.
// `repr(C)` with `op` first: the message a send holds then sits at the
// start of the future, and moving the future (into the caller's `async`
// state) copies it in the same 16-byte pieces as it was stored, which the
// CPU forwards. Behind an 8-byte field, every piece straddled two stores:
// a store-forwarding stall each, about 7 % of the 1-byte send path.
#[repr(C)]
pub(super) struct Op<'a, I: Io, F> {
    op: F,
    shared: &'a Shared<I>,
    reg: Option<u64>,
    want: PollEvents,
}

impl<I, F, R> Future for Op<'_, I, F>
where
    I: Io,
    F: FnMut(&I) -> Result<Option<R>> + Unpin,
{
    type Output = Result<R>;
    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<R>> {
        let this = self.get_mut();
        this.shared
            .poll_op(cx, this.want, &mut this.reg, &mut this.op)
    }
}

impl<I: Io, F> Drop for Op<'_, I, F> {
    fn drop(&mut self) {
        if let Some(id) = self.reg {
            self.shared.waiters.remove(id);
        }
    }
}

/// A reactor error as a crate error (the errno when there is one).
fn io_error(e: &std::io::Error) -> Error {
    Error::from_errno(e.raw_os_error().unwrap_or(libc::EIO))
}
