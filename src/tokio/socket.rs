//! [`AsyncSocket`]: a socket driven by tokio's reactor.

use super::readiness::{Op, Shared};
use crate::error::{Error, Result};
use crate::message::{Message, UninitMessage};
use crate::multipart::Multipart;
use crate::poll::PollEvents;
use crate::socket::{CanRecv, CanSend, RecvFlags, SendError, Socket, SocketType};
use std::ffi::c_void;
use std::fmt;
use std::future::Future;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::sync::MutexGuard;

/// A [`Socket<T>`] for async code on tokio (feature `tokio`): futures for
/// every send and receive, [`Stream`](futures_core::Stream) of
/// [`Multipart`] for receiving types, [`Sink`](futures_sink::Sink) of
/// [`Multipart`] for sending types.
///
/// ```
/// use zmq::tokio::AsyncSocket;
/// use zmq::{Context, Rep, Req};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> zmq::Result<()> {
/// let ctx = Context::new();
/// let rep = AsyncSocket::new(ctx.socket::<Rep>()?)?;
/// rep.get_ref().bind("inproc://doc-async")?;
/// let req = AsyncSocket::new(ctx.socket::<Req>()?)?;
/// req.get_ref().connect("inproc://doc-async")?;
///
/// req.send("Hello").await?;
/// assert_eq!(rep.recv().await?, "Hello");
/// rep.send("World").await?;
/// assert_eq!(req.recv_string().await?, "World");
/// # Ok(())
/// # }
/// ```
///
/// The capability rules are the blocking API's: an `AsyncSocket<Pub>` has
/// no `recv`. `AsyncSocket<T>` is `Send + Sync` and its futures are `Send`:
/// share it (`&` or `Arc`) and one task may receive while another sends,
/// on any runtime flavour; any number of operations may wait at once.
///
/// **Cancel safety**: every future may be dropped at any time. A dropped
/// receive has received nothing (a message is taken from libzmq only in
/// the poll that returns it, with all its frames); a dropped send has sent
/// the whole message or nothing, never part of a multipart message, and a
/// send that has to wait keeps its message inside the future (dropping the
/// future drops it unsent).
///
/// Readiness comes from libzmq's `ZMQ_FD` registered with tokio's reactor
/// through the I/O-safe `AsyncFd::register`; see `docs/async.md` for the
/// protocol. [`Context::shutdown`](crate::Context::shutdown) makes every
/// pending future resolve with [`Error::ContextTerminated`].
pub struct AsyncSocket<T: SocketType> {
    pub(super) shared: Shared<Socket<T>>,
    /// State of the `Stream`/`Sink` impls (which take `&mut self`).
    pub(super) stream: StreamState,
}

// Nothing is ever pinned structurally (the markers are plain types), so
// `Stream`/`Sink` and `StreamExt::next` work without pinning.
impl<T: SocketType> Unpin for AsyncSocket<T> {}

/// The `Stream`/`Sink` state.
#[derive(Default)]
pub(super) struct StreamState {
    pub(super) recv_reg: Option<u64>,
    pub(super) send_reg: Option<u64>,
    /// The message `start_send` accepted and no flush has delivered yet.
    /// Only ever reached through `&mut` (`Mutex::get_mut`, no locking);
    /// the Mutex makes the socket `Sync` although a `Message` is not.
    pub(super) pending: std::sync::Mutex<Option<Multipart>>,
    /// The stream yielded `ContextTerminated`: it has ended.
    pub(super) ended: bool,
}

impl StreamState {
    /// The `Sink`'s held message and waiter id.
    pub(super) fn sink(&mut self) -> (&mut Option<Multipart>, &mut Option<u64>) {
        let pending = self
            .pending
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (pending, &mut self.send_reg)
    }
}

impl<T: SocketType> fmt::Debug for AsyncSocket<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncSocket")
            .field("socket", &*self.shared.lock())
            .finish_non_exhaustive()
    }
}

impl<T: SocketType> AsyncSocket<T> {
    /// Registers `socket` with the current tokio runtime's reactor.
    ///
    /// Call it inside a runtime, whose I/O driver is enabled
    /// (`#[tokio::main]` and `#[tokio::test]` enable it; a hand-built
    /// runtime needs `enable_io`, else tokio panics). Outside any runtime:
    /// [`Error::NotSupported`].
    ///
    /// Thread-safe draft sockets (`Server`, `Client`, `Radio`, `Dish`...)
    /// have no `ZMQ_FD`: with feature `draft` their readiness comes from a
    /// draft `zmq_poller` that holds the socket (`zmq_poller_fd`); without
    /// it they cannot exist.
    ///
    /// ```
    /// use zmq::tokio::AsyncSocket;
    ///
    /// #[tokio::main(flavor = "current_thread")]
    /// async fn main() -> zmq::Result<()> {
    ///     let ctx = zmq::Context::new();
    ///     let pull = AsyncSocket::new(ctx.socket::<zmq::Pull>()?)?;
    ///     pull.get_ref().bind("tcp://127.0.0.1:*")?;
    ///     Ok(())
    /// }
    /// ```
    pub fn new(socket: Socket<T>) -> Result<AsyncSocket<T>> {
        Ok(AsyncSocket {
            shared: Shared::new(socket)?,
            stream: StreamState::default(),
        })
    }

    /// The socket, for binding, connecting and options, through a guard
    /// that holds the socket's lock (so that two threads never use it at
    /// once). On drop the guard wakes the operations that what it did (a
    /// subscription, an option read that processed libzmq's commands...)
    /// may concern.
    ///
    /// Use it in one statement (`sock.get_ref().bind(..)?`) and never hold
    /// it across an `.await` or while dropping one of this socket's
    /// futures: they need the lock, and the guard is not `Send` for that
    /// reason.
    pub fn get_ref(&self) -> SocketGuard<'_, T> {
        SocketGuard {
            shared: &self.shared,
            guard: self.shared.lock(),
        }
    }

    /// Deregisters from the reactor and hands the socket back. A message
    /// held by the `Sink` and never flushed is dropped.
    pub fn into_inner(self) -> Socket<T> {
        self.shared.into_inner()
    }

    fn op<R, F>(&self, want: PollEvents, op: F) -> Op<'_, Socket<T>, F>
    where
        F: FnMut(&Socket<T>) -> Result<Option<R>> + Unpin,
    {
        self.shared.op(want, op)
    }
}

impl<T: CanRecv> AsyncSocket<T> {
    /// Receives one frame ([`Socket::recv`]). Cancel-safe, so it can race
    /// a timeout or another future:
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::tokio::AsyncSocket;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> zmq::Result<()> {
    /// # let ctx = zmq::Context::new();
    /// # let a = AsyncSocket::new(ctx.socket::<zmq::Pair>()?)?;
    /// # a.get_ref().bind("inproc://doc-async-recv")?;
    /// # let b = AsyncSocket::new(ctx.socket::<zmq::Pair>()?)?;
    /// # b.get_ref().connect("inproc://doc-async-recv")?;
    /// b.send("hello").await?;
    /// let msg = tokio::time::timeout(Duration::from_secs(5), a.recv())
    ///     .await
    ///     .expect("a message within 5 s")?;
    /// assert_eq!(msg, "hello");
    /// # Ok(())
    /// # }
    /// ```
    pub fn recv(&self) -> impl Future<Output = Result<Message>> + Send + '_ {
        self.op(PollEvents::IN, |s: &Socket<T>| s.try_recv())
    }

    /// Receives one frame into `msg`, reusing it ([`Socket::recv_msg`]): no
    /// heap allocation in the steady state. Cancel-safe (`msg` is untouched
    /// unless the future returns `Ok`).
    ///
    /// ```
    /// use zmq::tokio::AsyncSocket;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> zmq::Result<()> {
    /// # let ctx = zmq::Context::new();
    /// # let a = AsyncSocket::new(ctx.socket::<zmq::Pair>()?)?;
    /// # a.get_ref().bind("inproc://doc-async-recv-msg")?;
    /// # let b = AsyncSocket::new(ctx.socket::<zmq::Pair>()?)?;
    /// # b.get_ref().connect("inproc://doc-async-recv-msg")?;
    /// let mut msg = zmq::Message::new();
    /// for n in 0..3u8 {
    ///     b.send(vec![n]).await?;
    ///     a.recv_msg(&mut msg).await?; // the same Message each time
    ///     assert_eq!(msg[0], n);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn recv_msg<'a>(
        &'a self,
        msg: &'a mut Message,
    ) -> impl Future<Output = Result<()>> + Send + 'a {
        self.op(PollEvents::IN, move |s: &Socket<T>| {
            s.recv_msg_with(msg, RecvFlags::DONTWAIT)
                .map(|got| got.then_some(()))
        })
    }

    /// Receives every frame of one message ([`Socket::recv_multipart`]).
    /// Cancel-safe: the frames are taken all at once, in one poll.
    ///
    /// ```
    /// use zmq::tokio::AsyncSocket;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> zmq::Result<()> {
    /// # let ctx = zmq::Context::new();
    /// # let a = AsyncSocket::new(ctx.socket::<zmq::Pair>()?)?;
    /// # a.get_ref().bind("inproc://doc-async-recv-multipart")?;
    /// # let b = AsyncSocket::new(ctx.socket::<zmq::Pair>()?)?;
    /// # b.get_ref().connect("inproc://doc-async-recv-multipart")?;
    /// b.send_multipart(["key", "value"]).await?;
    /// let parts = a.recv_multipart().await?;
    /// assert_eq!(parts.into_vec(), ["key", "value"]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn recv_multipart(&self) -> impl Future<Output = Result<Multipart>> + Send + '_ {
        self.op(PollEvents::IN, |s: &Socket<T>| s.try_recv_multipart())
    }

    /// Receives one frame as a `String` ([`Socket::recv_string`]); a frame
    /// that is not UTF-8 is [`Error::InvalidUtf8`], which keeps the bytes.
    /// Cancel-safe.
    ///
    /// ```
    /// use zmq::tokio::AsyncSocket;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> zmq::Result<()> {
    /// # let ctx = zmq::Context::new();
    /// # let a = AsyncSocket::new(ctx.socket::<zmq::Pair>()?)?;
    /// # a.get_ref().bind("inproc://doc-async-recv-string")?;
    /// # let b = AsyncSocket::new(ctx.socket::<zmq::Pair>()?)?;
    /// # b.get_ref().connect("inproc://doc-async-recv-string")?;
    /// b.send("text").await?;
    /// assert_eq!(a.recv_string().await?, "text");
    /// # Ok(())
    /// # }
    /// ```
    pub fn recv_string(&self) -> impl Future<Output = Result<String>> + Send + '_ {
        let recv = self.recv();
        async move {
            let msg = recv.await?;
            String::from_utf8(msg.to_vec()).map_err(|e| Error::InvalidUtf8 {
                valid_up_to: e.utf8_error().valid_up_to(),
                bytes: e.into_bytes(),
            })
        }
    }
}

/// Tries to send the message in `slot`: `Ok(None)` (with the message back
/// in `slot`) when it would block or was interrupted before anything was
/// queued.
pub(super) fn try_send_slot<M>(
    slot: &mut Option<M>,
    send: impl FnOnce(M) -> std::result::Result<(), SendError<M>>,
) -> Result<Option<()>> {
    let Some(msg) = slot.take() else {
        return Ok(Some(()));
    };
    match send(msg) {
        Ok(()) => Ok(Some(())),
        Err(SendError {
            error: Error::WouldBlock | Error::Interrupted,
            message,
        }) => {
            *slot = Some(message);
            Ok(None)
        }
        Err(e) => Err(e.error),
    }
}

/// One non-blocking `zmq_msg_send` of the frame at `raw`, in place:
/// `Ok(true)` when libzmq took it (leaving an empty message that needs no
/// `zmq_msg_close`), `Ok(false)` when it would block or a signal
/// interrupted it, the error otherwise; in both of those the frame is
/// untouched and still the caller's.
///
/// # Safety
///
/// `raw` is an initialised message the caller owns, and `sock` the live
/// socket whose lock the caller holds.
#[inline(always)]
unsafe fn try_send_raw(sock: *mut c_void, raw: *mut zmq_sys::zmq_msg_t) -> Result<bool> {
    // SAFETY: the caller's contract.
    if unsafe { zmq_sys::zmq_msg_send(raw, sock, zmq_sys::ZMQ_DONTWAIT) } != -1 {
        return Ok(true);
    }
    match Error::last() {
        Error::WouldBlock | Error::Interrupted => Ok(false),
        e => Err(e),
    }
}

/// The frame a send future holds until libzmq takes it, first in the
/// future (see `Op`'s layout: moving the future then copies the frame in
/// the pieces it was stored in; behind an `Option`'s tag every piece
/// straddled two stores, a store-forwarding stall each).
#[repr(C)]
struct Slot<M> {
    msg: ManuallyDrop<M>,
    /// Still ours (not yet taken by libzmq): dropped with the slot.
    held: bool,
}

impl<M> Slot<M> {
    fn new(msg: M) -> Slot<M> {
        Slot {
            msg: ManuallyDrop::new(msg),
            held: true,
        }
    }
}

impl<M> Drop for Slot<M> {
    fn drop(&mut self) {
        if self.held {
            // SAFETY: `held` means the message was neither dropped nor
            // taken by libzmq; it is dropped once, here.
            unsafe { ManuallyDrop::drop(&mut self.msg) };
        }
    }
}

/// Tries to send the frame in `slot` from where it lies: the future that
/// owns the slot keeps it in place across polls, and on success the empty
/// message libzmq leaves is forgotten (nothing to close). Moving the frame
/// out and back instead copied its 64-byte `zmq_msg_t` twice per send,
/// right after libzmq's narrow stores to it (a store-forwarding stall).
/// `Ok(None)`: it would block, the frame still in `slot`.
#[inline(always)]
fn try_send_in_place<M, T: SocketType>(
    s: &Socket<T>,
    slot: &mut Slot<M>,
    raw: impl FnOnce(&mut M) -> *mut zmq_sys::zmq_msg_t,
) -> Result<Option<()>> {
    if !slot.held {
        return Ok(Some(()));
    }
    // SAFETY: `raw` gives the initialised message owned by the slot, which
    // stays in place (and ours) when the send fails; `s` is the socket
    // the operation's lock guards.
    if unsafe { try_send_raw(s.as_raw(), raw(&mut slot.msg)) }? {
        // libzmq took the content and left an empty message that needs no
        // zmq_msg_close: forgotten.
        slot.held = false;
        return Ok(Some(()));
    }
    Ok(None)
}

impl<T: CanSend> AsyncSocket<T> {
    /// Sends one frame ([`Socket::send`]): `&[u8]`/`&str` are copied (now,
    /// once), `Vec<u8>`/`String` handed over, a [`Message`] sent as is.
    ///
    /// Cancel-safe: while it waits (high-water mark reached...) the message
    /// stays inside the future; dropping the future then drops the message
    /// unsent.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::tokio::AsyncSocket;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> zmq::Result<()> {
    /// let ctx = zmq::Context::new();
    /// let push = AsyncSocket::new(ctx.socket::<zmq::Push>()?)?;
    /// // No peer yet: the send waits; a timeout drops it, and the message.
    /// let waited = tokio::time::timeout(Duration::from_millis(10), push.send("job")).await;
    /// assert!(waited.is_err());
    /// let pull = AsyncSocket::new(ctx.socket::<zmq::Pull>()?)?;
    /// pull.get_ref().bind("inproc://doc-async-send")?;
    /// push.get_ref().connect("inproc://doc-async-send")?;
    /// push.send("job").await?;
    /// assert_eq!(pull.recv().await?, "job");
    /// # Ok(())
    /// # }
    /// ```
    pub fn send(&self, msg: impl Into<Message>) -> impl Future<Output = Result<()>> + Send + '_ {
        let mut slot = Slot::new(msg.into());
        self.op(PollEvents::OUT, move |s: &Socket<T>| {
            try_send_in_place(s, &mut slot, Message::raw_mut)
        })
    }

    /// Sends an [`UninitMessage`] as it is ([`Socket::send_uninit`]): what
    /// was not written goes out with whatever the allocation held, and the
    /// bytes are allocated inside the future, where libzmq sends them from.
    /// Cancel-safe like [`AsyncSocket::send`].
    ///
    /// ```
    /// use std::io::Write;
    /// use zmq::tokio::AsyncSocket;
    /// use zmq::{Context, Pull, Push, UninitMessage};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> zmq::Result<()> {
    /// let ctx = Context::new();
    /// let pull = AsyncSocket::new(ctx.socket::<Pull>()?)?;
    /// pull.get_ref().bind("inproc://doc-async-uninit")?;
    /// let push = AsyncSocket::new(ctx.socket::<Push>()?)?;
    /// push.get_ref().connect("inproc://doc-async-uninit")?;
    ///
    /// let mut msg = UninitMessage::new(5);
    /// msg.write_all(b"hello").unwrap();
    /// // SAFETY: every byte was written, so the receiver below reads
    /// // initialised bytes only.
    /// unsafe { push.send_uninit(msg) }.await?;
    /// assert_eq!(pull.recv().await?, "hello");
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Safety
    ///
    /// [`Socket::send_uninit`]'s: unless every byte was written, no
    /// receiver in this process may read the frame's bytes, and whatever
    /// the allocation held may be disclosed to the peers.
    pub unsafe fn send_uninit(
        &self,
        msg: UninitMessage,
    ) -> impl Future<Output = Result<()>> + Send + '_ {
        let mut slot = Slot::new(msg);
        self.op(PollEvents::OUT, move |s: &Socket<T>| {
            try_send_in_place(s, &mut slot, UninitMessage::raw_for_send)
        })
    }

    /// Sends all frames as one message ([`Socket::send_multipart`]).
    ///
    /// Cancel-safe and atomic: the frames go all in one poll or stay inside
    /// the future; a dropped future has sent the whole message or nothing.
    ///
    /// ```
    /// use zmq::tokio::AsyncSocket;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> zmq::Result<()> {
    /// # let ctx = zmq::Context::new();
    /// # let a = AsyncSocket::new(ctx.socket::<zmq::Pair>()?)?;
    /// # a.get_ref().bind("inproc://doc-async-send-multipart")?;
    /// # let b = AsyncSocket::new(ctx.socket::<zmq::Pair>()?)?;
    /// # b.get_ref().connect("inproc://doc-async-send-multipart")?;
    /// a.send_multipart(["header", "body"]).await?;
    /// assert_eq!(b.recv_multipart().await?.len(), 2);
    /// # Ok(())
    /// # }
    /// ```
    pub fn send_multipart<I>(&self, frames: I) -> impl Future<Output = Result<()>> + Send + '_
    where
        I: IntoIterator,
        I::Item: Into<Message>,
    {
        let mut slot = Some(frames.into_iter().collect::<Multipart>());
        self.op(PollEvents::OUT, move |s: &Socket<T>| {
            try_send_slot(&mut slot, |m| s.try_send_multipart(m))
        })
    }
}

/// The socket of an [`AsyncSocket`], locked: derefs to [`Socket<T>`]
/// (from [`AsyncSocket::get_ref`]). Not `Send`; do not hold it across an
/// `.await`.
///
/// ```
/// use zmq::tokio::AsyncSocket;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> zmq::Result<()> {
/// let sub = AsyncSocket::new(zmq::Context::new().socket::<zmq::Sub>()?)?;
/// sub.get_ref().connect("tcp://127.0.0.1:5999")?; // one statement per use
/// sub.get_ref().subscribe("weather.")?;
/// {
///     let socket = sub.get_ref(); // or a scope without .await
///     socket.set_rcvhwm(100)?;
///     assert_eq!(socket.rcvhwm()?, 100);
/// }
/// # Ok(())
/// # }
/// ```
pub struct SocketGuard<'a, T: SocketType> {
    shared: &'a Shared<Socket<T>>,
    guard: MutexGuard<'a, Socket<T>>,
}

impl<T: SocketType> Deref for SocketGuard<'_, T> {
    type Target = Socket<T>;
    fn deref(&self) -> &Socket<T> {
        &self.guard
    }
}

impl<T: SocketType> fmt::Debug for SocketGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.guard, f)
    }
}

impl<T: SocketType> Drop for SocketGuard<'_, T> {
    fn drop(&mut self) {
        // Whatever was done through the guard may have processed libzmq's
        // commands, consuming an edge that waiting operations need.
        self.shared.touched(&self.guard);
    }
}
