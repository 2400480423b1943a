//! [`Socket<T>`]: a typed ZeroMQ socket.

mod defaults;
#[cfg(unix)]
mod fd;
mod options;
pub(crate) mod types;

pub use options::{CurveKey, Mechanism};
pub use types::*;

use crate::context::Context;
use crate::endpoint::Role;
use crate::error::{Error, Result, check};
use crate::message::{Message, UninitMessage};
use crate::multipart::Multipart;
use crate::poll::{PollEvents, poll_items};
use std::ffi::{CString, c_int, c_void};
use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

/// Flags for [`Socket::send_msg`] (cppzmq's `send_flags`); combine them
/// with `|`.
///
/// ```
/// use zmq::{Message, SendFlags};
///
/// let ctx = zmq::Context::new();
/// let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
/// a.bind("inproc://doc-send-flags")?;
/// b.connect("inproc://doc-send-flags")?;
/// a.send_msg(Message::from("head"), SendFlags::SNDMORE | SendFlags::DONTWAIT)?;
/// a.send_msg(Message::from("tail"), SendFlags::NONE)?;
/// assert_eq!(b.recv_multipart()?.into_vec(), ["head", "tail"]);
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SendFlags(c_int);

impl SendFlags {
    /// Block until the message is queued (or `SNDTIMEO` expires).
    pub const NONE: SendFlags = SendFlags(0);
    /// `ZMQ_DONTWAIT`: fail with [`Error::WouldBlock`] instead of blocking.
    pub const DONTWAIT: SendFlags = SendFlags(zmq_sys::ZMQ_DONTWAIT);
    /// `ZMQ_SNDMORE`: more frames of this message follow.
    pub const SNDMORE: SendFlags = SendFlags(zmq_sys::ZMQ_SNDMORE);
    /// The raw bits.
    pub const fn bits(self) -> c_int {
        self.0
    }
}
crate::flags::bit_ops!(SendFlags);

/// Flags for [`Socket::recv_msg_with`] (cppzmq's `recv_flags`).
///
/// ```
/// use zmq::{Message, RecvFlags};
///
/// let ctx = zmq::Context::new();
/// let pull = ctx.socket::<zmq::Pull>()?;
/// pull.bind("inproc://doc-recv-flags")?;
/// let mut msg = Message::new();
/// // Nothing is waiting: DONTWAIT answers at once.
/// assert!(!pull.recv_msg_with(&mut msg, RecvFlags::DONTWAIT)?);
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecvFlags(c_int);

impl RecvFlags {
    /// Block until a message arrives (or `RCVTIMEO` expires).
    pub const NONE: RecvFlags = RecvFlags(0);
    /// `ZMQ_DONTWAIT`: fail with [`Error::WouldBlock`] instead of blocking.
    pub const DONTWAIT: RecvFlags = RecvFlags(zmq_sys::ZMQ_DONTWAIT);
    /// The raw bits.
    pub const fn bits(self) -> c_int {
        self.0
    }
}
crate::flags::bit_ops!(RecvFlags);

/// A send that did not happen, with what was to be sent, so nothing is lost
/// (from [`Socket::try_send`], [`Socket::send_msg`] and
/// [`Socket::try_send_multipart`]).
///
/// Converts into [`Error`] (dropping the message), so `?` works where the
/// message does not matter.
///
/// ```
/// let ctx = zmq::Context::new();
/// let push = ctx.socket::<zmq::Push>()?; // no peer yet: nothing can be queued
/// let err = push.try_send(b"job 1".to_vec()).unwrap_err();
/// assert_eq!(err.error, zmq::Error::WouldBlock);
/// let job = err.into_message(); // keep it for later
/// assert_eq!(job, "job 1");
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug)]
pub struct SendError<M = Message> {
    /// Why the send failed ([`Error::WouldBlock`] when the socket was not
    /// ready).
    pub error: Error,
    /// The message, untouched.
    pub message: M,
}

impl<M> SendError<M> {
    /// The message back, to retry or keep.
    ///
    /// ```
    /// let push = zmq::Context::new().socket::<zmq::Push>()?; // no peer
    /// let unsent = push.try_send("retry me").unwrap_err().into_message();
    /// assert_eq!(unsent, "retry me");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn into_message(self) -> M {
        self.message
    }
}

impl<M> fmt::Display for SendError<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "send failed: {}", self.error)
    }
}

impl<M: fmt::Debug> std::error::Error for SendError<M> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl<M> From<SendError<M>> for Error {
    fn from(e: SendError<M>) -> Error {
        e.error
    }
}

/// A ZeroMQ socket of type `T` (cppzmq `socket_t`, pyzmq `Socket`).
///
/// `T` is a marker such as [`Req`] or [`Pub`]; its capabilities decide the
/// methods, so misuse does not compile — a `Socket<Pub>` has no `recv`, a
/// `Socket<Pull>` no `send`, only `Sub`/`XSub` have `subscribe`:
///
/// ```compile_fail
/// let ctx = zmq::Context::new();
/// let publisher = ctx.socket::<zmq::Pub>().unwrap();
/// publisher.recv(); // error: Pub cannot receive
/// ```
///
/// [`Dynamic`] (`Socket<Dynamic>`, the default) picks the type at run time
/// and has every method; libzmq reports misuse.
///
/// A socket is `Send` (move it to the thread that uses it) but not `Sync`,
/// except the draft types libzmq documents as thread-safe. Every method takes
/// `&self`. Each socket keeps its [`Context`] alive. Dropping it closes it
/// (`zmq_close`); unsent messages then linger as `LINGER` says.
///
/// ```
/// use zmq::{Context, Rep, Req};
/// let ctx = Context::new();
/// let rep = ctx.socket::<Rep>()?;
/// rep.bind("inproc://doc-socket")?;
/// let req = ctx.socket::<Req>()?;
/// req.connect("inproc://doc-socket")?;
/// req.send("Hello")?;
/// assert_eq!(rep.recv()?, "Hello");
/// rep.send(b"World".to_vec())?;
/// assert_eq!(req.recv_string()?, "World");
/// # Ok::<(), zmq::Error>(())
/// ```
pub struct Socket<T: SocketType = Dynamic> {
    ptr: NonNull<c_void>,
    ctx: Context,
    /// The type, known at creation: asking libzmq later fails once the
    /// context is shut down.
    kind: SocketKind,
    /// `RCVTIMEO` and `SNDTIMEO` in milliseconds (-1: none), as set through
    /// the crate's setters, so that a call retried after a signal keeps its
    /// deadline without asking libzmq on every call.
    timeouts: [AtomicI32; 2],
    _type: PhantomData<T>,
}

/// [`Socket::blocking`] for a socket known only by its pointer (a
/// [`SocketRef`](crate::SocketRef)): without the crate's timeout cache, the
/// deadline is read from libzmq once a signal has interrupted the call.
///
/// `sock` must be an open socket for the whole call, and `op` a libzmq call
/// on it that may be repeated after a failure.
pub(crate) fn blocking_raw(
    sock: *mut c_void,
    flags: c_int,
    direction: Direction,
    mut op: impl FnMut(c_int) -> c_int,
) -> Result<c_int> {
    let start = Instant::now();
    if flags & zmq_sys::ZMQ_DONTWAIT == 0 && crate::interrupt::is_interrupted() {
        return Err(Error::Interrupted);
    }
    match check(op(flags)) {
        Err(Error::Interrupted) => {
            let opt = match direction {
                Direction::Recv => zmq_sys::ZMQ_RCVTIMEO,
                Direction::Send => zmq_sys::ZMQ_SNDTIMEO,
            };
            let timeout = if flags & zmq_sys::ZMQ_DONTWAIT != 0 {
                -1
            } else {
                options::get_int(sock, opt).unwrap_or(-1)
            };
            let start = (timeout > 0).then_some(start);
            retry_after_signal(sock, flags, direction, true, start, timeout, op)
        }
        other => other,
    }
}

/// The rest of a blocking call after a signal interrupted it: the call
/// again (no timeout), or a wait for the rest of the deadline followed by a
/// non-blocking try; [`Error::Interrupted`] only when `interruptible` and
/// the program's flag is set.
#[cold]
#[inline(never)]
fn retry_after_signal(
    sock: *mut c_void,
    flags: c_int,
    direction: Direction,
    interruptible: bool,
    start: Option<Instant>,
    timeout: i32,
    mut op: impl FnMut(c_int) -> c_int,
) -> Result<c_int> {
    let events = match direction {
        Direction::Recv => PollEvents::IN,
        Direction::Send => PollEvents::OUT,
    };
    loop {
        if interruptible && crate::interrupt::is_interrupted() {
            return Err(Error::Interrupted);
        }
        let rc = match start {
            // No timeout: the call again, as it was.
            None => check(op(flags)),
            Some(start) => {
                let total = Duration::from_millis(u64::from(timeout.unsigned_abs()));
                let left = total.saturating_sub(start.elapsed());
                if left.is_zero() {
                    return Err(Error::WouldBlock);
                }
                // Wait for the rest of the deadline (poll_items retries
                // signals itself), then try without blocking; a miss goes
                // round again.
                let mut item = [zmq_sys::zmq_pollitem_t {
                    socket: sock,
                    fd: 0,
                    events: events.bits(),
                    revents: 0,
                }];
                match poll_items(&mut item, Some(left)) {
                    Ok(0) => continue,
                    Ok(_) => check(op(flags | zmq_sys::ZMQ_DONTWAIT)),
                    Err(e) => Err(e),
                }
            }
        };
        match rc {
            Err(Error::Interrupted) => {}
            Err(Error::WouldBlock) if start.is_some() => {}
            other => return other,
        }
    }
}

/// Which way a blocking call goes: the index into `Socket::timeouts`.
#[derive(Clone, Copy)]
pub(crate) enum Direction {
    Recv = 0,
    Send = 1,
}

// SAFETY: a libzmq socket may be used from any thread as long as one thread at
// a time uses it (and a memory barrier separates the users, which moving a
// value between threads provides).
unsafe impl<T: SocketType> Send for Socket<T> {}
// SAFETY: thread-safe socket types serialise every call with their own lock
// inside libzmq.
unsafe impl<T: ThreadSafe> Sync for Socket<T> {}

impl<T: SocketType> fmt::Debug for Socket<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Socket")
            .field("kind", &self.kind())
            .field("ptr", &self.ptr)
            .finish()
    }
}

impl Context {
    /// A new socket of type `T` (`zmq_socket`).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let push = ctx.socket::<zmq::Push>()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn socket<T: SocketType>(&self) -> Result<Socket<T>> {
        let kind = T::KIND.ok_or(Error::InvalidArgument)?;
        self.open(kind)
    }

    /// A new socket whose type is chosen at run time.
    ///
    /// ```
    /// // A type known at run time only (here from libzmq's constant):
    /// let kind = zmq::SocketKind::from_raw(zmq::sys::ZMQ_DEALER).expect("known");
    /// let socket = zmq::Context::new().dynamic_socket(kind)?;
    /// assert_eq!(socket.kind(), kind);
    /// socket.connect("inproc://doc-dynamic")?;
    /// let dealer: zmq::Socket<zmq::Dealer> = socket.downcast().expect("a DEALER");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn dynamic_socket(&self, kind: SocketKind) -> Result<Socket<Dynamic>> {
        self.open(kind)
    }

    fn open<T: SocketType>(&self, kind: SocketKind) -> Result<Socket<T>> {
        // SAFETY: the context pointer is live for the call (we hold it).
        let ptr = unsafe { zmq_sys::zmq_socket(self.as_raw(), kind.raw()) };
        let ptr = NonNull::new(ptr).ok_or_else(Error::last)?;
        // A new socket has no timeouts (until the context's defaults set
        // some).
        let socket = Socket::assemble(ptr, self.clone(), kind, [-1, -1]);
        self.apply_socket_defaults(&socket)?;
        Ok(socket)
    }
}

impl<T: SocketType> Socket<T> {
    /// The raw `void *` socket, for calls this crate does not wrap. It stays
    /// valid while `self` lives.
    #[inline]
    pub fn as_raw(&self) -> *mut c_void {
        self.ptr.as_ptr()
    }

    /// Gives up ownership of the raw socket; the caller must close it with
    /// `zmq_close`. This socket's hold on the context goes away, so keep a
    /// [`Context`] handle alive until then: libzmq's `zmq_ctx_term` (run when
    /// the last handle drops) waits for every open socket.
    pub fn into_raw(self) -> *mut c_void {
        let this = std::mem::ManuallyDrop::new(self);
        crate::monitor::socket_closing(this.ptr.as_ptr());
        // SAFETY: `this` is never dropped, so the context handle moves out
        // (and is released) exactly once, and the socket is not closed.
        drop(unsafe { std::ptr::read(&this.ctx) });
        this.ptr.as_ptr()
    }

    /// Takes ownership of a raw socket created in `ctx` by other C code.
    /// A null pointer, a socket libzmq cannot describe (closed context), or
    /// one whose type is not `T`'s is an error, and `raw` stays the
    /// caller's.
    ///
    /// # Safety
    ///
    /// `raw` must be null or an open libzmq socket of `ctx` that nothing
    /// else will use or close.
    pub unsafe fn from_raw(ctx: &Context, raw: *mut c_void) -> Result<Socket<T>> {
        let ptr = NonNull::new(raw).ok_or(Error::InvalidArgument)?;
        let kind = options::get_int(raw, zmq_sys::ZMQ_TYPE)
            .ok()
            .and_then(SocketKind::from_raw)
            .ok_or(Error::NotSocket)?;
        if T::KIND.is_some_and(|k| k != kind) {
            return Err(Error::InvalidArgument);
        }
        let timeout = |opt| options::get_int(raw, opt).unwrap_or(-1);
        let timeouts = [
            timeout(zmq_sys::ZMQ_RCVTIMEO),
            timeout(zmq_sys::ZMQ_SNDTIMEO),
        ];
        Ok(Socket::assemble(ptr, ctx.clone(), kind, timeouts))
    }

    fn assemble(
        ptr: NonNull<c_void>,
        ctx: Context,
        kind: SocketKind,
        timeouts: [i32; 2],
    ) -> Socket<T> {
        Socket {
            ptr,
            ctx,
            kind,
            timeouts: timeouts.map(AtomicI32::new),
            _type: PhantomData,
        }
    }

    /// The same socket under another marker (the caller checks the type).
    fn retype<U: SocketType>(self) -> Socket<U> {
        let this = std::mem::ManuallyDrop::new(self);
        let timeouts = [
            this.timeouts[0].load(Ordering::Relaxed),
            this.timeouts[1].load(Ordering::Relaxed),
        ];
        // SAFETY: `this` is never dropped, so the context moves out once.
        let ctx = unsafe { std::ptr::read(&this.ctx) };
        Socket::assemble(this.ptr, ctx, this.kind, timeouts)
    }

    /// The cached timeout of a direction, in milliseconds (-1: none).
    #[inline]
    pub(crate) fn timeout_ms(&self, direction: Direction) -> i32 {
        self.timeouts[direction as usize].load(Ordering::Relaxed)
    }

    /// Records a timeout set through the crate's setters.
    pub(crate) fn cache_timeout(&self, direction: Direction, ms: i32) {
        self.timeouts[direction as usize].store(ms, Ordering::Relaxed);
    }

    /// Runs the blocking libzmq call `op(flags)`, retrying it when a signal
    /// interrupts it (see [`crate::interrupt`]): with this direction's
    /// timeout kept as a total deadline, and returning
    /// [`Error::Interrupted`] only when the program registered a flag that
    /// is set (and `interruptible`: continuation frames never are).
    #[inline(always)]
    pub(crate) fn blocking(
        &self,
        flags: c_int,
        direction: Direction,
        interruptible: bool,
        mut op: impl FnMut(c_int) -> c_int,
    ) -> Result<c_int> {
        // The fast path is one relaxed load, the flag check and the call;
        // the clock is read only for a call that has a timeout and waits.
        let waits = flags & zmq_sys::ZMQ_DONTWAIT == 0;
        if waits && interruptible && crate::interrupt::is_interrupted() {
            return Err(Error::Interrupted);
        }
        let timeout = self.timeout_ms(direction);
        let start = if waits && timeout > 0 {
            Some(Instant::now())
        } else {
            None
        };
        let rc = op(flags);
        if rc != -1 {
            return Ok(rc);
        }
        self.failed(flags, direction, interruptible, start, timeout, op)
    }

    /// A failed blocking call: a signal is retried (see
    /// [`Socket::blocking`]), anything else is the error.
    #[cold]
    #[inline(never)]
    fn failed(
        &self,
        flags: c_int,
        direction: Direction,
        interruptible: bool,
        start: Option<Instant>,
        timeout: i32,
        op: impl FnMut(c_int) -> c_int,
    ) -> Result<c_int> {
        match Error::last() {
            Error::Interrupted => retry_after_signal(
                self.as_raw(),
                flags,
                direction,
                interruptible,
                start,
                timeout,
                op,
            ),
            e => Err(e),
        }
    }

    /// The context this socket belongs to.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// `zmq_msg_send` of `msg`, in place, with signals retried; on success
    /// libzmq has taken the content and left `msg` empty.
    #[inline(always)]
    fn send_in_place(&self, msg: &mut Message, flags: c_int, interruptible: bool) -> Result<c_int> {
        let raw = msg.raw_mut();
        let sock = self.as_raw();
        // SAFETY: live socket and initialised message, which stays in place
        // (and is ours again) after every failed attempt.
        self.blocking(flags, Direction::Send, interruptible, |f| unsafe {
            zmq_sys::zmq_msg_send(raw, sock, f)
        })
    }

    /// The socket's type (known from its creation, so it answers even
    /// after [`Context::shutdown`]).
    pub fn kind(&self) -> SocketKind {
        self.kind
    }

    /// Forgets the static type: every method becomes available, checked by
    /// libzmq at run time.
    ///
    /// ```
    /// let push = zmq::Context::new().socket::<zmq::Push>()?.into_dynamic();
    /// assert_eq!(push.kind(), zmq::SocketKind::Push);
    /// assert_eq!(push.try_recv().unwrap_err(), zmq::Error::NotSupported); // libzmq says no
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn into_dynamic(self) -> Socket<Dynamic> {
        self.retype()
    }

    /// Accepts connections on `endpoint` (`zmq_bind`): `tcp://127.0.0.1:5555`,
    /// `tcp://*:*` (any free port; see [`Socket::last_endpoint`]),
    /// `ipc:///tmp/x`, `inproc://name`, ... Errors name the endpoint;
    /// match on [`Error::cause`] to tell them apart.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let rep = ctx.socket::<zmq::Rep>()?;
    /// rep.bind("tcp://127.0.0.1:*")?; // a free port
    /// let endpoint = rep.last_endpoint()?; // "tcp://127.0.0.1:PORT"
    /// let other = ctx.socket::<zmq::Rep>()?;
    /// let err = other.bind(&endpoint).unwrap_err();
    /// assert_eq!(err.cause(), &zmq::Error::AddressInUse);
    /// assert_eq!(err.endpoint(), Some(endpoint.as_str()));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn bind(&self, endpoint: &str) -> Result<()> {
        self.endpoint_call(endpoint, Role::Bind, zmq_sys::zmq_bind)
    }

    /// Connects to `endpoint` (`zmq_connect`). Connecting is asynchronous:
    /// the peer need not exist yet.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let req = ctx.socket::<zmq::Req>()?;
    /// req.connect("inproc://doc-connect")?; // nobody has bound it yet
    /// let rep = ctx.socket::<zmq::Rep>()?;
    /// rep.bind("inproc://doc-connect")?;
    /// req.send("ping")?;
    /// assert_eq!(rep.recv()?, "ping");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn connect(&self, endpoint: &str) -> Result<()> {
        self.endpoint_call(endpoint, Role::Connect, zmq_sys::zmq_connect)
    }

    /// Stops accepting on a bound endpoint (`zmq_unbind`). For a wildcard
    /// bind, pass the resolved [`Socket::last_endpoint`].
    ///
    /// libzmq closes the listener asynchronously: binding the same TCP port
    /// again right away may fail with [`Error::AddressInUse`]; retry after
    /// a short pause, or bind `tcp://127.0.0.1:*` and use the new port.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("tcp://127.0.0.1:*")?;
    /// let endpoint = pull.last_endpoint()?;
    /// pull.unbind(&endpoint)?;
    /// assert!(pull.unbind(&endpoint).is_err()); // no longer bound
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn unbind(&self, endpoint: &str) -> Result<()> {
        self.endpoint_call(endpoint, Role::Bind, zmq_sys::zmq_unbind)
    }

    /// Disconnects from a connected endpoint (`zmq_disconnect`).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("tcp://127.0.0.1:5999")?; // asynchronous: no peer needed
    /// push.disconnect("tcp://127.0.0.1:5999")?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn disconnect(&self, endpoint: &str) -> Result<()> {
        self.endpoint_call(endpoint, Role::Connect, zmq_sys::zmq_disconnect)
    }

    fn endpoint_call(
        &self,
        endpoint: &str,
        role: Role,
        call: unsafe extern "C" fn(*mut c_void, *const std::ffi::c_char) -> c_int,
    ) -> Result<()> {
        let c = CString::new(endpoint).map_err(|_| Error::InteriorNul.with_endpoint(endpoint))?;
        crate::endpoint::validate(endpoint, role).map_err(|e| e.with_endpoint(endpoint))?;
        // SAFETY: live socket; `c` is NUL-terminated and outlives the call.
        check(unsafe { call(self.as_raw(), c.as_ptr()) })
            .map(drop)
            .map_err(|e| e.with_endpoint(endpoint))
    }

    /// Binds `addr` (such as `"tcp://127.0.0.1"`) to a free port chosen by
    /// the OS and returns it (pyzmq's `bind_to_random_port`).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let s = ctx.socket::<zmq::Rep>()?;
    /// let port = s.bind_to_random_port("tcp://127.0.0.1")?;
    /// assert_eq!(s.last_endpoint()?, format!("tcp://127.0.0.1:{port}"));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn bind_to_random_port(&self, addr: &str) -> Result<u16> {
        self.bind(&format!("{addr}:*"))?;
        let last = self.last_endpoint()?;
        last.rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| Error::InvalidArgument.with_endpoint(&last))
    }

    /// Waits up to `timeout` (`None`: forever) until the socket is ready for
    /// any of `events`, and returns the ready ones (empty on timeout).
    /// Signals are retried with the timeout kept as a total deadline (see
    /// [`crate::interrupt`]).
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::PollEvents;
    ///
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-poll")?;
    /// let wait = Some(Duration::from_millis(10));
    /// assert!(pull.poll(PollEvents::IN, wait)?.is_empty()); // timed out
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("inproc://doc-poll")?;
    /// push.send("ready")?;
    /// assert!(pull.poll(PollEvents::IN, Some(Duration::from_secs(5)))?.is_readable());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn poll(&self, events: PollEvents, timeout: Option<Duration>) -> Result<PollEvents> {
        let mut items = [zmq_sys::zmq_pollitem_t {
            socket: self.as_raw(),
            fd: 0,
            events: events.bits(),
            revents: 0,
        }];
        poll_items(&mut items, timeout)?;
        Ok(PollEvents::from_bits(items[0].revents))
    }

    /// Closes the socket now (`zmq_close`), reporting a failure instead of
    /// leaving it to `Drop`.
    /// In a forked child it does nothing (see [`Context`]'s fork notes).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.set_linger(Some(std::time::Duration::ZERO))?; // drop what is unsent
    /// push.close()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn close(self) -> Result<()> {
        let this = std::mem::ManuallyDrop::new(self);
        let result = if this.ctx.before_close(this.ptr.as_ptr()) {
            crate::monitor::socket_closing(this.ptr.as_ptr());
            // SAFETY: the socket is live and closed exactly once, here;
            // `this` is never dropped, so Drop will not close it again.
            check(unsafe { zmq_sys::zmq_close(this.ptr.as_ptr()) }).map(drop)
        } else {
            Ok(())
        };
        // SAFETY: move the context out once, after the close.
        drop(unsafe { std::ptr::read(&this.ctx) });
        result
    }
}

impl<T: SocketType> Drop for Socket<T> {
    fn drop(&mut self) {
        if !self.ctx.before_close(self.ptr.as_ptr()) {
            // A forked child: the socket is the parent's (its I/O threads
            // live there); closing it would hang or disturb the parent.
            return;
        }
        crate::monitor::socket_closing(self.ptr.as_ptr());
        // SAFETY: the socket is live and closed exactly once, here.
        let rc = unsafe { zmq_sys::zmq_close(self.ptr.as_ptr()) };
        if rc != 0 && cfg!(debug_assertions) {
            // zmq_close only fails on an invalid socket: memory corruption or
            // a double close through the raw pointer. Never ignored in debug
            // builds; never a panic (Drop may run while unwinding).
            eprintln!("zmq: zmq_close failed: {}", Error::last());
            std::process::abort();
        }
    }
}

impl Socket<Dynamic> {
    /// The typed socket, if the run-time type is `U`'s; otherwise the socket
    /// back, unchanged.
    ///
    /// ```
    /// let any = zmq::Context::new().dynamic_socket(zmq::SocketKind::Sub)?;
    /// let any = any.downcast::<zmq::Pub>().unwrap_err(); // not a PUB: given back
    /// let sub: zmq::Socket<zmq::Sub> = any.downcast().expect("a SUB");
    /// sub.subscribe("")?; // the typed API again
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn downcast<U: SocketType>(self) -> std::result::Result<Socket<U>, Socket<Dynamic>> {
        match U::KIND {
            Some(kind) if kind == self.kind() => Ok(self.retype()),
            _ => Err(self),
        }
    }
}

/// Converts a typed socket into a dynamic one.
impl<T: SocketType> From<Socket<T>> for Socket<Dynamic>
where
    T: NotDynamic,
{
    fn from(s: Socket<T>) -> Socket<Dynamic> {
        s.into_dynamic()
    }
}

/// Implemented by every marker but [`Dynamic`] (keeps `From` coherent):
/// any typed socket converts into a `Socket<Dynamic>`.
///
/// ```
/// fn erase<T: zmq::NotDynamic>(s: zmq::Socket<T>) -> zmq::Socket<zmq::Dynamic> {
///     s.into()
/// }
/// let any = erase(zmq::Context::new().socket::<zmq::Push>()?);
/// assert_eq!(any.kind(), zmq::SocketKind::Push);
/// # Ok::<(), zmq::Error>(())
/// ```
pub trait NotDynamic: SocketType {}
macro_rules! not_dynamic {
    ($($t:ident $([$cfg:meta])?),*) => { $( $(#[cfg($cfg)])? impl NotDynamic for $t {} )* };
}
not_dynamic!(
    Pair,
    Pub,
    Sub,
    Req,
    Rep,
    Dealer,
    Router,
    Pull,
    Push,
    XPub,
    XSub,
    Stream,
    Server[feature = "draft"],
    Client[feature = "draft"],
    Radio[feature = "draft"],
    Dish[feature = "draft"],
    Gather[feature = "draft"],
    Scatter[feature = "draft"],
    Dgram[feature = "draft"],
    Peer[feature = "draft"],
    Channel[feature = "draft"]
);

impl<T: CanSend> Socket<T> {
    /// Sends one frame, blocking until it is queued (or `SNDTIMEO` expires:
    /// [`Error::WouldBlock`]). `&[u8]`/`&str` are copied; `Vec<u8>`/`String`
    /// are handed over without a copy; a [`Message`] is sent as is.
    ///
    /// On failure the frame is dropped; use [`Socket::send_msg`] to get it
    /// back.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-send")?;
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("inproc://doc-send")?;
    /// push.send("copied")?;              // &str, &[u8]: copied
    /// push.send(vec![1u8, 2, 3])?;       // Vec<u8>, String: handed over
    /// assert_eq!(pull.recv()?, "copied");
    /// assert_eq!(pull.recv()?, [1u8, 2, 3]);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[inline]
    pub fn send(&self, msg: impl Into<Message>) -> Result<()> {
        self.send_raw(msg.into(), SendFlags::NONE)
            .map_err(|e| e.error)
    }

    /// Sends one frame of a multipart message; more follow (`ZMQ_SNDMORE`).
    /// The message is delivered whole, once its last frame is sent with
    /// [`Socket::send`] ([`Socket::send_multipart`] does both).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// a.bind("inproc://doc-send-more")?;
    /// b.connect("inproc://doc-send-more")?;
    /// a.send_more("topic")?;
    /// a.send("body")?;
    /// let first = b.recv()?;
    /// assert!(first.more());
    /// assert_eq!(b.recv()?, "body");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[inline]
    pub fn send_more(&self, msg: impl Into<Message>) -> Result<()> {
        self.send_raw(msg.into(), SendFlags::SNDMORE)
            .map_err(|e| e.error)
    }

    /// Sends without blocking (`ZMQ_DONTWAIT`). When the socket cannot take
    /// the frame now, the error is [`Error::WouldBlock`] and carries the frame
    /// back: nothing is lost.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let push = ctx.socket::<zmq::Push>()?; // no peer: cannot send
    /// let err = push.try_send("task").unwrap_err();
    /// assert_eq!(err.error, zmq::Error::WouldBlock);
    /// assert_eq!(err.message, "task");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[inline]
    pub fn try_send(&self, msg: impl Into<Message>) -> std::result::Result<(), SendError> {
        self.send_raw(msg.into(), SendFlags::DONTWAIT)
    }

    /// Sends a message with explicit flags (cppzmq's `send(msg, flags)`); the
    /// message comes back inside the error on any failure.
    ///
    /// ```
    /// use zmq::{Message, SendFlags};
    ///
    /// let ctx = zmq::Context::new();
    /// let push = ctx.socket::<zmq::Push>()?; // no peer: DONTWAIT fails
    /// let err = push.send_msg(Message::from("job"), SendFlags::DONTWAIT).unwrap_err();
    /// assert_eq!(err.error, zmq::Error::WouldBlock);
    /// let job = err.into_message();
    /// push.bind("inproc://doc-send-msg")?;
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.connect("inproc://doc-send-msg")?;
    /// push.send_msg(job, SendFlags::NONE)?; // the same message, now delivered
    /// assert_eq!(pull.recv()?, "job");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[inline]
    pub fn send_msg(&self, msg: Message, flags: SendFlags) -> std::result::Result<(), SendError> {
        self.send_raw(msg, flags)
    }

    /// Sends an [`UninitMessage`] as it is: the bytes that were not written
    /// go out with whatever the allocation held before, as C's
    /// `zmq_msg_init_size` + `zmq_msg_send` would send them (libzmq's perf
    /// tools do). It is allocated and sent in place, the fastest way to
    /// send a payload built by the caller.
    ///
    /// Safe code has [`UninitMessage::into_message`] (every byte written)
    /// and [`UninitMessage::zero_rest`] instead.
    ///
    /// # Safety
    ///
    /// Unless every byte was written, the bytes are uninitialised memory of
    /// this process, possibly what freed data left there. The caller must
    /// make sure that
    ///
    /// - no receiver **in this process** reads the frame's bytes (an
    ///   `inproc://` peer that derefs the received [`Message`] would read
    ///   uninitialised memory: undefined behaviour; reading only its
    ///   length is fine), and
    /// - whatever the allocation held may be disclosed to the peers.
    #[inline]
    pub unsafe fn send_uninit(&self, mut msg: UninitMessage, flags: SendFlags) -> Result<()> {
        // The bytes go to libzmq (memcpy / the kernel) and, by the contract,
        // to no Rust code that reads them. It is allocated and sent in place
        // (see UninitMessage).
        let raw = msg.raw_for_send();
        let sock = self.as_raw();
        // SAFETY: live socket; raw_for_send gives an initialised message
        // that stays in place (owned by `msg`) across retries.
        let rc = self.blocking(flags.0, Direction::Send, true, |f| unsafe {
            zmq_sys::zmq_msg_send(raw, sock, f)
        });
        if let Err(error) = rc {
            drop(msg);
            return Err(error);
        }
        // libzmq took the content and left an empty message that needs no
        // zmq_msg_close: skip the call.
        std::mem::forget(msg);
        Ok(())
    }

    #[inline]
    fn send_raw(&self, msg: Message, flags: SendFlags) -> std::result::Result<(), SendError> {
        self.send_frame(msg, flags, true)
    }

    /// Sends one frame; signals are retried (see [`Socket::blocking`]).
    #[inline(always)]
    fn send_frame(
        &self,
        mut msg: Message,
        flags: SendFlags,
        interruptible: bool,
    ) -> std::result::Result<(), SendError> {
        if let Err(error) = self.send_in_place(&mut msg, flags.0, interruptible) {
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

    /// Sends all frames as one multipart message (pyzmq's `send_multipart`),
    /// blocking as needed. Atomic: peers receive all frames or none. Once
    /// the first frame is queued libzmq accepts the rest of the message
    /// without blocking, and an interruption (`EINTR`) after the first frame
    /// is retried so a half message is never left behind.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// a.bind("inproc://doc-multipart")?;
    /// b.connect("inproc://doc-multipart")?;
    /// a.send_multipart(["key", "value"])?;
    /// let parts = b.recv_multipart()?;
    /// assert_eq!(parts.len(), 2);
    /// assert_eq!(parts[1], "value");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn send_multipart<I>(&self, frames: I) -> Result<()>
    where
        I: IntoIterator,
        I::Item: Into<Message>,
    {
        // Every frame is converted before the first is sent, so no caller
        // code (the iterator, the conversions) runs, or panics, in the middle
        // of a message. Up to STACK frames wait on the stack, which spares
        // short messages the heap allocation of a Multipart (about 20 ns per
        // message in benches/send_recv.rs); longer ones go through one.
        const STACK: usize = 8;
        let mut iter = frames.into_iter().map(Into::into);
        let mut stack: [Option<Message>; STACK] = [const { None }; STACK];
        let mut n = 0;
        while n < STACK {
            let Some(frame) = iter.next() else { break };
            stack[n] = Some(frame);
            n += 1;
        }
        if let Some(next) = iter.next() {
            let mut all: Multipart = stack.into_iter().flatten().collect();
            all.push_back(next);
            all.extend(iter);
            return self.send_parts(all, SendFlags::NONE).map_err(|e| e.error);
        }
        for (i, slot) in stack[..n].iter_mut().enumerate() {
            let frame = slot.take().expect("filled above");
            let more = if i + 1 < n {
                SendFlags::SNDMORE
            } else {
                SendFlags::NONE
            };
            if i == 0 {
                self.send_raw(frame, more).map_err(|e| e.error)?;
            } else {
                self.finish_frame(frame, more).map_err(|e| e.error)?;
            }
        }
        Ok(())
    }

    /// Like [`Socket::send_multipart`] but without blocking: when the first
    /// frame cannot be queued now, nothing is sent and every frame comes
    /// back inside the error.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let dealer = ctx.socket::<zmq::Dealer>()?; // no peer: cannot send
    /// let err = dealer.try_send_multipart(["header", "body"]).unwrap_err();
    /// assert_eq!(err.error, zmq::Error::WouldBlock);
    /// assert_eq!(err.into_message().into_vec(), ["header", "body"]);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn try_send_multipart(
        &self,
        frames: impl Into<Multipart>,
    ) -> std::result::Result<(), SendError<Multipart>> {
        self.send_parts(frames.into(), SendFlags::DONTWAIT)
    }

    fn send_parts(
        &self,
        mut frames: Multipart,
        flags: SendFlags,
    ) -> std::result::Result<(), SendError<Multipart>> {
        let Some(first) = frames.pop_front() else {
            return Ok(());
        };
        let more = if frames.is_empty() {
            SendFlags::NONE
        } else {
            SendFlags::SNDMORE
        };
        if let Err(e) = self.send_raw(first, flags | more) {
            frames.push_front(e.message);
            return Err(SendError {
                error: e.error,
                message: frames,
            });
        }
        while let Some(frame) = frames.pop_front() {
            let more = if frames.is_empty() {
                SendFlags::NONE
            } else {
                SendFlags::SNDMORE
            };
            if let Err(e) = self.finish_frame(frame, more) {
                frames.push_front(e.message);
                return Err(SendError {
                    error: e.error,
                    message: frames,
                });
            }
        }
        Ok(())
    }

    /// Sends a frame after the first of a multipart message. The first frame
    /// is in: finish the message whatever happens (retrying `EINTR` and
    /// `EAGAIN`, never interrupted by the flag), or the next send would be
    /// glued onto a half-sent one.
    #[inline]
    fn finish_frame(
        &self,
        mut frame: Message,
        more: SendFlags,
    ) -> std::result::Result<(), SendError> {
        loop {
            match self.send_frame(frame, more, false) {
                Ok(()) => return Ok(()),
                Err(SendError {
                    error: Error::Interrupted | Error::WouldBlock,
                    message,
                }) => frame = message,
                Err(e) => return Err(e),
            }
        }
    }
}

impl<T: CanRecv> Socket<T> {
    /// Receives one frame, blocking until it arrives (or `RCVTIMEO` expires:
    /// [`Error::WouldBlock`]). [`Message::more`] tells whether frames of the
    /// same message follow.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-recv")?;
    /// pull.set_rcvtimeo(Some(Duration::from_millis(10)))?;
    /// assert_eq!(pull.recv().unwrap_err(), zmq::Error::WouldBlock); // timed out
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("inproc://doc-recv")?;
    /// push.send("hello")?;
    /// pull.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// let msg = pull.recv()?;
    /// assert_eq!(&msg[..], b"hello"); // a Message derefs to [u8]
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[inline]
    pub fn recv(&self) -> Result<Message> {
        let mut msg = Message::new();
        self.recv_msg(&mut msg)?;
        Ok(msg)
    }

    /// Receives one frame into an existing message, reusing it (no new
    /// `zmq_msg_t`; its old content is released).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-recv-msg")?;
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("inproc://doc-recv-msg")?;
    /// let mut msg = zmq::Message::new();
    /// let mut total = 0;
    /// for n in 1..=3 {
    ///     push.send(vec![0u8; n])?;
    ///     pull.recv_msg(&mut msg)?; // one Message for the whole loop
    ///     total += msg.len();
    /// }
    /// assert_eq!(total, 6);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[inline]
    pub fn recv_msg(&self, msg: &mut Message) -> Result<()> {
        self.recv_msg_flags(msg, RecvFlags::NONE)
    }

    /// [`Socket::recv_msg`] with explicit flags (cppzmq's
    /// `recv(msg, flags)`); with [`RecvFlags::DONTWAIT`], `Ok(false)` means
    /// nothing was waiting.
    #[inline]
    pub fn recv_msg_with(&self, msg: &mut Message, flags: RecvFlags) -> Result<bool> {
        match self.recv_msg_flags(msg, flags) {
            Ok(()) => Ok(true),
            Err(Error::WouldBlock) if flags.0 & zmq_sys::ZMQ_DONTWAIT != 0 => Ok(false),
            Err(e) => Err(e),
        }
    }

    #[inline]
    fn recv_msg_flags(&self, msg: &mut Message, flags: RecvFlags) -> Result<()> {
        self.recv_frame(msg, flags, true)
    }

    /// Receives one frame; signals are retried (see [`Socket::blocking`]).
    #[inline(always)]
    fn recv_frame(&self, msg: &mut Message, flags: RecvFlags, interruptible: bool) -> Result<()> {
        let raw = msg.raw_mut();
        let sock = self.as_raw();
        // SAFETY: live socket and initialised message (zmq_msg_recv releases
        // its previous content, and leaves it initialised on failure).
        self.blocking(flags.0, Direction::Recv, interruptible, |f| unsafe {
            zmq_sys::zmq_msg_recv(raw, sock, f)
        })
        .map(drop)
    }

    /// Receives one frame into `buf` and returns the frame's real size
    /// (any size: a frame over 2 GiB reports its own, where C's `zmq_recv`
    /// stops at `INT_MAX`). If that is larger than `buf.len()`, the frame
    /// was truncated to fit: the excess is gone, and the size shows it.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-recv-into")?;
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("inproc://doc-recv-into")?;
    /// push.send("hi")?;
    /// push.send("much too long")?;
    /// let mut buf = [0u8; 8];
    /// let n = pull.recv_into(&mut buf)?;
    /// assert_eq!(&buf[..n], b"hi");
    /// let n = pull.recv_into(&mut buf)?;
    /// assert_eq!(n, 13); // larger than the buffer: truncated
    /// assert_eq!(&buf, b"much too");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[inline]
    pub fn recv_into(&self, buf: &mut [u8]) -> Result<usize> {
        self.recv_into_flags(buf, RecvFlags::NONE)
    }

    /// [`Socket::recv_into`] without blocking: `Ok(None)` when nothing is
    /// waiting.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-try-recv-into")?;
    /// let mut buf = [0u8; 64];
    /// assert_eq!(pull.try_recv_into(&mut buf)?, None);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn try_recv_into(&self, buf: &mut [u8]) -> Result<Option<usize>> {
        match self.recv_into_flags(buf, RecvFlags::DONTWAIT) {
            Ok(n) => Ok(Some(n)),
            Err(Error::WouldBlock) => Ok(None),
            Err(e) => Err(e),
        }
    }

    #[inline]
    fn recv_into_flags(&self, buf: &mut [u8], flags: RecvFlags) -> Result<usize> {
        // What zmq_recv does (a message on the stack, received, copied out,
        // closed), with the size as a `usize`: zmq_recv's `int` saturates.
        let mut msg = Message::new();
        self.recv_msg_flags(&mut msg, flags)?;
        let n = msg.len().min(buf.len());
        buf[..n].copy_from_slice(&msg[..n]);
        Ok(msg.len())
    }

    /// Receives one frame if one is waiting, without blocking.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-try-recv")?;
    /// assert!(pull.try_recv()?.is_none()); // nothing yet
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("inproc://doc-try-recv")?;
    /// push.send("now")?;
    /// pull.poll(zmq::PollEvents::IN, Some(Duration::from_secs(5)))?;
    /// assert_eq!(pull.try_recv()?.expect("waiting"), "now");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn try_recv(&self) -> Result<Option<Message>> {
        let mut msg = Message::new();
        Ok(self
            .recv_msg_with(&mut msg, RecvFlags::DONTWAIT)?
            .then_some(msg))
    }

    /// Receives every frame of one multipart message (pyzmq's
    /// `recv_multipart`). Once the first frame is in, the rest are already
    /// there (libzmq delivers whole messages); an interruption between
    /// frames is retried so no frame is lost.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let router = ctx.socket::<zmq::Router>()?;
    /// router.bind("inproc://doc-recv-multipart")?;
    /// let dealer = ctx.socket::<zmq::Dealer>()?;
    /// dealer.connect("inproc://doc-recv-multipart")?;
    /// dealer.send_multipart(["", "request"])?;
    /// let parts = router.recv_multipart()?; // [peer id, "", "request"]
    /// assert_eq!(parts.len(), 3);
    /// assert_eq!(parts[2], "request");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn recv_multipart(&self) -> Result<Multipart> {
        let mut parts = Multipart::new();
        self.recv_multipart_into(&mut parts)?;
        Ok(parts)
    }

    /// Receives every frame of one multipart message into `parts`, replacing
    /// what it held (cppzmq's `multipart_t::recv`); on an error `parts` is
    /// left empty. Reusing one [`Multipart`] in a loop spares the allocation
    /// of its frame list on every message, as [`Socket::recv_msg`] spares
    /// [`Socket::recv`]'s new message.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// a.bind("inproc://doc-multipart-into")?;
    /// b.connect("inproc://doc-multipart-into")?;
    /// let mut parts = zmq::Multipart::new();
    /// for n in ["1", "2"] {
    ///     a.send_multipart(["key", n])?;
    ///     b.recv_multipart_into(&mut parts)?;
    ///     assert_eq!(parts.len(), 2);
    ///     assert_eq!(parts[1], n);
    /// }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn recv_multipart_into(&self, parts: &mut Multipart) -> Result<()> {
        parts.clear();
        parts.push_back(Message::new());
        let result = match self.recv_msg(&mut parts[0]) {
            Ok(()) => self.recv_rest_into(parts),
            Err(e) => Err(e),
        };
        if result.is_err() {
            parts.clear();
        }
        result
    }

    /// [`Socket::recv_multipart`] without blocking: `Ok(None)` when no
    /// message is waiting.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let router = ctx.socket::<zmq::Router>()?;
    /// router.bind("inproc://doc-try-recv-multipart")?;
    /// assert!(router.try_recv_multipart()?.is_none());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn try_recv_multipart(&self) -> Result<Option<Multipart>> {
        match self.try_recv()? {
            Some(first) => self.recv_rest(first).map(Some),
            None => Ok(None),
        }
    }

    fn recv_rest(&self, first: Message) -> Result<Multipart> {
        let mut parts = Multipart::new();
        parts.push_back(first);
        self.recv_rest_into(&mut parts)?;
        Ok(parts)
    }

    /// Receives the frames that follow `parts`' last one. Each lands in
    /// place, in a message already inside `parts`: moving a just-received
    /// `zmq_msg_t` costs a store-forwarding stall.
    fn recv_rest_into(&self, parts: &mut Multipart) -> Result<()> {
        let mut last = parts.len() - 1;
        while parts[last].more() {
            parts.push_back(Message::new());
            last += 1;
            self.recv_frame(&mut parts[last], RecvFlags::NONE, false)?;
        }
        Ok(())
    }

    /// Receives one frame as a `String` (pyzmq's `recv_string`). A frame
    /// that is not UTF-8 is [`Error::InvalidUtf8`], which keeps the bytes.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// a.bind("inproc://doc-recv-string")?;
    /// b.connect("inproc://doc-recv-string")?;
    /// a.send("héllo")?;
    /// a.send(vec![0xffu8])?;
    /// assert_eq!(b.recv_string()?, "héllo");
    /// assert!(matches!(b.recv_string(), Err(zmq::Error::InvalidUtf8 { .. })));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn recv_string(&self) -> Result<String> {
        let msg = self.recv()?;
        String::from_utf8(msg.to_vec()).map_err(|e| Error::InvalidUtf8 {
            valid_up_to: e.utf8_error().valid_up_to(),
            bytes: e.into_bytes(),
        })
    }
}

impl<T: CanSubscribe> Socket<T> {
    /// Subscribes to messages starting with `prefix` (empty: everything).
    /// On `Sub` this is `ZMQ_SUBSCRIBE`; on `XSub` it sends the subscription
    /// frame (`\x01` + prefix) upstream, as libzmq expects there.
    ///
    /// The subscription reaches the publisher asynchronously; what it sends
    /// before then is dropped (the guide's "slow joiner", see the crate
    /// docs' publish-subscribe recipe). An XPUB publisher sees it arrive:
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let publisher = ctx.socket::<zmq::XPub>()?;
    /// publisher.bind("inproc://doc-subscribe")?;
    /// publisher.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// let sub = ctx.socket::<zmq::Sub>()?;
    /// sub.connect("inproc://doc-subscribe")?;
    /// sub.subscribe("weather.")?;
    /// assert_eq!(publisher.recv()?, b"\x01weather.".as_slice()); // it has arrived
    /// publisher.send("sports.score 2-1")?; // filtered out
    /// publisher.send("weather.paris sunny")?;
    /// sub.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// assert_eq!(sub.recv()?, "weather.paris sunny");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn subscribe(&self, prefix: impl AsRef<[u8]>) -> Result<()> {
        self.subscription(true, prefix.as_ref())
    }

    /// Removes a subscription made with [`Socket::subscribe`].
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let sub = ctx.socket::<zmq::Sub>()?;
    /// sub.subscribe("a")?;
    /// sub.unsubscribe("a")?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn unsubscribe(&self, prefix: impl AsRef<[u8]>) -> Result<()> {
        self.subscription(false, prefix.as_ref())
    }

    fn subscription(&self, on: bool, prefix: &[u8]) -> Result<()> {
        if self.kind() == SocketKind::XSub {
            let mut frame = Vec::with_capacity(prefix.len() + 1);
            frame.push(u8::from(on));
            frame.extend_from_slice(prefix);
            let mut msg = Message::from(frame);
            // XSUB can send; the frame is released with `msg` either way.
            self.send_in_place(&mut msg, 0, true).map(drop)
        } else {
            let opt = if on {
                zmq_sys::ZMQ_SUBSCRIBE
            } else {
                zmq_sys::ZMQ_UNSUBSCRIBE
            };
            options::set_bytes(self.as_raw(), opt, prefix)
        }
    }
}

#[cfg(feature = "draft")]
impl<T: CanJoin> Socket<T> {
    /// Joins a group (DISH sockets, `zmq_join`); names are at most
    /// `ZMQ_GROUP_MAX_LENGTH` (255) bytes.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::{Dish, Message, Radio};
    ///
    /// let ctx = zmq::Context::new();
    /// let dish = ctx.socket::<Dish>()?;
    /// dish.bind("inproc://doc-join")?;
    /// dish.join("news")?;
    /// let radio = ctx.socket::<Radio>()?;
    /// radio.connect("inproc://doc-join")?;
    /// // The join reaches the radio asynchronously; until then it drops
    /// // what it sends, so repeat the first message until one arrives.
    /// for tries in 0.. {
    ///     assert!(tries < 500, "the join never arrived");
    ///     let mut msg = Message::from("headline");
    ///     msg.set_group("news")?;
    ///     radio.send(msg)?;
    ///     if dish.poll(zmq::PollEvents::IN, Some(Duration::from_millis(10)))?.is_readable() {
    ///         break;
    ///     }
    /// }
    /// let got = dish.recv()?;
    /// assert_eq!(got.group(), Some("news"));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn join(&self, group: &str) -> Result<()> {
        let g = CString::new(group).map_err(|_| Error::InteriorNul)?;
        // SAFETY: live socket, NUL-terminated group.
        check(unsafe { zmq_sys::zmq_join(self.as_raw(), g.as_ptr()) }).map(drop)
    }

    /// Leaves a group (`zmq_leave`).
    ///
    /// ```
    /// let dish = zmq::Context::new().socket::<zmq::Dish>()?;
    /// dish.join("news")?;
    /// dish.leave("news")?;
    /// assert!(dish.leave("news").is_err()); // not a member any more
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn leave(&self, group: &str) -> Result<()> {
        let g = CString::new(group).map_err(|_| Error::InteriorNul)?;
        // SAFETY: live socket, NUL-terminated group.
        check(unsafe { zmq_sys::zmq_leave(self.as_raw(), g.as_ptr()) }).map(drop)
    }
}
