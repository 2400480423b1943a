//! [`SocketRef`]: a non-owning, untyped handle to an open socket (cppzmq's
//! `socket_ref`).

use crate::error::{Error, Result, check};
use crate::message::Message;
use crate::poll::PollEvents;
use crate::socket::{
    Direction, RecvFlags, SendError, SendFlags, Socket, SocketKind, SocketType, blocking_raw,
};
use std::ffi::{c_int, c_void};
use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// A non-owning handle to an open socket of any type (cppzmq's
/// `socket_ref`): it identifies the socket and offers the untyped
/// operations, with libzmq's own errors for what the type cannot do.
///
/// It borrows the socket, so the borrow checker guarantees it never outlives
/// it (or sees it moved or closed). It is `Copy`, and `Eq + Ord + Hash` by
/// the socket's identity, so it can key a map; [`PollEntry`](crate::PollEntry),
/// [`Poller::wait_entries`](crate::Poller::wait_entries) and
/// [`ActivePoller`](crate::ActivePoller) report it, so a handler knows which
/// socket fired without user data.
///
/// Like `&Socket<T>` of a non-thread-safe type, it is neither `Send` nor
/// `Sync`.
///
/// ```
/// use zmq::{Context, Pair, RecvFlags, SendFlags, SocketRef};
/// let ctx = Context::new();
/// let a = ctx.socket::<Pair>()?;
/// a.bind("inproc://doc-socket-ref")?;
/// let b = ctx.socket::<Pair>()?;
/// b.connect("inproc://doc-socket-ref")?;
///
/// let (ra, rb): (SocketRef, SocketRef) = (a.socket_ref(), (&b).into());
/// assert_ne!(ra, rb);
/// assert_eq!(ra, a.socket_ref());
/// ra.send("hi", SendFlags::NONE)?;
/// assert_eq!(rb.recv(RecvFlags::NONE)?, "hi");
/// assert_eq!(rb.kind()?, zmq::SocketKind::Pair);
/// # Ok::<(), zmq::Error>(())
/// ```
///
/// It cannot cross threads (the socket may not be used by two at once):
///
/// ```compile_fail
/// let ctx = zmq::Context::new();
/// let s = ctx.socket::<zmq::Pair>().unwrap();
/// let r = s.socket_ref();
/// std::thread::scope(|scope| {
///     scope.spawn(move || r.recv(zmq::RecvFlags::NONE)); // error: not Send
/// });
/// ```
///
/// It cannot outlive its socket:
///
/// ```compile_fail
/// let ctx = zmq::Context::new();
/// let r = {
///     let s = ctx.socket::<zmq::Pair>().unwrap();
///     s.socket_ref() // error: `s` does not live long enough
/// };
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SocketRef<'a> {
    ptr: NonNull<c_void>,
    _socket: PhantomData<&'a ()>,
}

impl fmt::Debug for SocketRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SocketRef").field(&self.ptr).finish()
    }
}

impl<T: SocketType> Socket<T> {
    /// A non-owning, untyped handle to this socket (cppzmq's conversion of
    /// `socket_t` to `socket_ref`), valid while the socket is borrowed.
    pub fn socket_ref(&self) -> SocketRef<'_> {
        SocketRef::from_ptr(self.as_raw())
    }
}

impl<'a, T: SocketType> From<&'a Socket<T>> for SocketRef<'a> {
    fn from(socket: &'a Socket<T>) -> SocketRef<'a> {
        socket.socket_ref()
    }
}

impl<'a> SocketRef<'a> {
    /// From a socket pointer that something in this crate keeps open for
    /// `'a` (a borrowed socket).
    pub(crate) fn from_ptr(ptr: *mut c_void) -> SocketRef<'a> {
        SocketRef {
            ptr: NonNull::new(ptr).expect("an open socket is never null"),
            _socket: PhantomData,
        }
    }

    /// A handle to a raw libzmq socket owned by other code (C, or
    /// [`Socket::into_raw`]); `None` for a null pointer (cppzmq's empty
    /// `socket_ref`).
    ///
    /// # Safety
    ///
    /// `raw` must be an open libzmq socket that stays open, and is used by no
    /// other thread (unless its type is thread-safe), for all of `'a`.
    pub unsafe fn from_raw(raw: *mut c_void) -> Option<SocketRef<'a>> {
        NonNull::new(raw).map(|ptr| SocketRef {
            ptr,
            _socket: PhantomData,
        })
    }

    /// The raw `void *` socket.
    pub fn as_raw(self) -> *mut c_void {
        self.ptr.as_ptr()
    }

    /// The socket's type (`ZMQ_TYPE`); a type this build does not know is
    /// [`Error::InvalidArgument`].
    pub fn kind(self) -> Result<SocketKind> {
        SocketKind::from_raw(self.get_int(zmq_sys::ZMQ_TYPE)?).ok_or(Error::InvalidArgument)
    }

    /// Readiness right now (`ZMQ_EVENTS`).
    pub fn events(self) -> Result<PollEvents> {
        Ok(PollEvents::from_bits(
            self.get_int(zmq_sys::ZMQ_EVENTS)? as i16
        ))
    }

    fn get_int(self, option: i32) -> Result<c_int> {
        let mut bytes = [0u8; std::mem::size_of::<c_int>()];
        self.get_option_raw(option, &mut bytes)?;
        Ok(c_int::from_ne_bytes(bytes))
    }

    /// Reads any socket option into `buf` (`zmq_getsockopt`) and returns the
    /// length libzmq wrote. libzmq checks the size: integer options want
    /// exactly their size, byte options at least theirs
    /// ([`Error::InvalidArgument`] otherwise). See
    /// [`Socket::option_into`](crate::Socket::option_into) for the byte
    /// options by name.
    pub fn get_option_raw(self, option: i32, buf: &mut [u8]) -> Result<usize> {
        let mut len = buf.len();
        // SAFETY: the socket is open for 'a (see the constructors); libzmq
        // writes at most `len` bytes into `buf` and the real length to `len`.
        check(unsafe {
            zmq_sys::zmq_getsockopt(self.as_raw(), option, buf.as_mut_ptr().cast(), &mut len)
        })?;
        Ok(len)
    }

    /// Sends one frame with `flags` (`zmq_msg_send`); on failure the frame
    /// comes back inside the error, as with
    /// [`Socket::send_msg`](crate::Socket::send_msg).
    ///
    /// ```
    /// use zmq::{RecvFlags, SendFlags, SocketRef};
    ///
    /// /// Works on any socket type, as cppzmq code taking a socket_ref does.
    /// fn echo_once(socket: SocketRef<'_>) -> zmq::Result<()> {
    ///     let msg = socket.recv(RecvFlags::NONE)?;
    ///     socket.send(msg, SendFlags::NONE)?;
    ///     Ok(())
    /// }
    /// # let ctx = zmq::Context::new();
    /// # let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// # a.bind("inproc://doc-ref-send")?;
    /// # b.connect("inproc://doc-ref-send")?;
    /// b.send("ping")?;
    /// echo_once(a.socket_ref())?;
    /// assert_eq!(b.recv()?, "ping");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn send(
        self,
        msg: impl Into<Message>,
        flags: SendFlags,
    ) -> std::result::Result<(), SendError> {
        // SAFETY: the socket is open for 'a (see the constructors).
        unsafe { send_on(self.as_raw(), msg.into(), flags) }
    }

    /// Receives one frame into `msg` (`zmq_msg_recv`), replacing its
    /// content. With [`RecvFlags::DONTWAIT`] and nothing waiting:
    /// [`Error::WouldBlock`]. Signals are retried like everywhere in the
    /// crate (see [`crate::interrupt`]).
    ///
    /// ```
    /// # let ctx = zmq::Context::new();
    /// # let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// # a.bind("inproc://doc-ref-recv-msg")?;
    /// # b.connect("inproc://doc-ref-recv-msg")?;
    /// let mut msg = zmq::Message::new();
    /// let r = a.socket_ref();
    /// assert_eq!(r.recv_msg(&mut msg, zmq::RecvFlags::DONTWAIT), Err(zmq::Error::WouldBlock));
    /// b.send("now")?;
    /// r.recv_msg(&mut msg, zmq::RecvFlags::NONE)?;
    /// assert_eq!(msg, "now");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn recv_msg(self, msg: &mut Message, flags: RecvFlags) -> Result<()> {
        let raw = msg.raw_mut();
        let sock = self.as_raw();
        // SAFETY: open socket for 'a; initialised message, which stays in
        // place across retries.
        blocking_raw(sock, flags.bits(), Direction::Recv, |f| unsafe {
            zmq_sys::zmq_msg_recv(raw, sock, f)
        })
        .map(drop)
    }

    /// Receives one frame (see [`SocketRef::send`] for a complete use).
    ///
    /// ```
    /// # let ctx = zmq::Context::new();
    /// # let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// # a.bind("inproc://doc-ref-recv")?;
    /// # b.connect("inproc://doc-ref-recv")?;
    /// b.send("hello")?;
    /// assert_eq!(a.socket_ref().recv(zmq::RecvFlags::NONE)?, "hello");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn recv(self, flags: RecvFlags) -> Result<Message> {
        let mut msg = Message::new();
        self.recv_msg(&mut msg, flags)?;
        Ok(msg)
    }

    /// Receives one frame into `buf` and returns its real size (larger
    /// than `buf.len()` when it was truncated; sizes over `i32::MAX` too,
    /// where C's `zmq_recv` saturates).
    ///
    /// ```
    /// # let ctx = zmq::Context::new();
    /// # let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// # a.bind("inproc://doc-ref-recv-into")?;
    /// # b.connect("inproc://doc-ref-recv-into")?;
    /// b.send("hello")?;
    /// let mut buf = [0u8; 16];
    /// let n = a.socket_ref().recv_into(&mut buf, zmq::RecvFlags::NONE)?;
    /// assert_eq!(&buf[..n], b"hello");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn recv_into(self, buf: &mut [u8], flags: RecvFlags) -> Result<usize> {
        let mut msg = Message::new();
        self.recv_msg(&mut msg, flags)?;
        let n = msg.len().min(buf.len());
        buf[..n].copy_from_slice(&msg[..n]);
        Ok(msg.len())
    }
}

/// Sends `msg` on `socket` (`zmq_msg_send`); on failure the message comes
/// back inside the error.
///
/// # Safety
///
/// `socket` must be an open socket that no other thread uses meanwhile.
#[inline]
pub(crate) unsafe fn send_on(
    socket: *mut c_void,
    mut msg: Message,
    flags: SendFlags,
) -> std::result::Result<(), SendError> {
    let raw = msg.raw_mut();
    // SAFETY: open socket (the caller's promise) and initialised message,
    // which stays in place (and is ours again) after a failed attempt.
    let rc = blocking_raw(socket, flags.bits(), Direction::Send, |f| unsafe {
        zmq_sys::zmq_msg_send(raw, socket, f)
    });
    if let Err(error) = rc {
        return Err(SendError {
            error,
            message: msg,
        });
    }
    // libzmq took the content and left an empty message that needs no
    // zmq_msg_close: skip the call.
    std::mem::forget(msg);
    Ok(())
}
