//! [`Context`]: the libzmq context, shared by handles and sockets.

use crate::error::{Error, Result, check};
use std::ffi::{CString, c_void};
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

/// The owner of the raw context pointer; terminates it exactly once.
struct RawContext {
    ptr: *mut c_void,
    /// Options new sockets start with (see `SocketDefaults`).
    defaults: crate::defaults::DefaultsCell,
    /// The process that created the context: a child forked from it must
    /// never touch libzmq's state (its I/O threads live in the parent).
    pid: u32,
    /// Set by [`Context::destroy`]: the longest linger, in milliseconds, of
    /// sockets closed from then on, and of the termination (-1: none).
    linger_bound: AtomicI64,
}

// SAFETY: libzmq contexts are thread-safe: every zmq_ctx_* function may be
// called from any thread, concurrently.
unsafe impl Send for RawContext {}
// SAFETY: as above; shared references only call thread-safe zmq_ctx_* functions.
unsafe impl Sync for RawContext {}

/// The raw context pointer, to terminate on another thread.
struct TermHandle(*mut c_void);
// SAFETY: zmq_ctx_term may be called from any thread.
unsafe impl Send for TermHandle {}

impl TermHandle {
    /// `zmq_ctx_term`, retried after signals.
    fn term(self) {
        loop {
            // SAFETY: the pointer came from zmq_ctx_new and is terminated
            // only here, once (the handle is consumed).
            let rc = unsafe { zmq_sys::zmq_ctx_term(self.0) };
            if rc == 0 || Error::last() != Error::Interrupted {
                break;
            }
        }
    }
}

impl Drop for RawContext {
    fn drop(&mut self) {
        if self.forked() {
            // A forked child: the context's threads and sockets are the
            // parent's; terminating would hang (or disturb the parent).
            return;
        }
        // Every socket holds a clone of the Arc around us, so all sockets are
        // closed by now and zmq_ctx_term cannot wait for an open socket; it
        // still waits for each closed socket's linger (see Context docs).
        let handle = TermHandle(self.ptr);
        let bound = self.linger_bound.load(Ordering::Acquire);
        if bound < 0 {
            handle.term();
            return;
        }
        // After `destroy`: sockets closed since then linger at most `bound`,
        // but one closed earlier with an infinite linger would make the
        // termination wait forever. Terminate on a thread and wait for it
        // at most the bound; past that, leave it to finish (or not) on its
        // own, abandoning the queued messages as promised.
        let (done, finished) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("zmq-ctx-term".into())
            .spawn(move || {
                handle.term();
                let _ = done.send(());
            });
        if spawned.is_ok() {
            let _ = finished.recv_timeout(Duration::from_millis(bound.unsigned_abs()));
        }
    }
}

impl RawContext {
    fn forked(&self) -> bool {
        std::process::id() != self.pid
    }
}

/// A ZeroMQ context (cppzmq `context_t`, pyzmq `Context`): the container for
/// sockets and the I/O threads that serve them.
///
/// `Context` is a cheap handle: `Clone + Send + Sync`, with every clone and
/// every socket sharing one libzmq context. That context is terminated when
/// the last handle *and* the last socket are gone, so dropping a `Context`
/// can never deadlock on sockets that are still open.
///
/// # Whether the last drop waits: linger and `blocky`
///
/// Terminating a context waits, for every socket already closed, until its
/// unsent messages are delivered or its `LINGER` period expires. libzmq's
/// default context is *blocky*: sockets start with `LINGER = -1`, so the last
/// drop keeps its no-loss promise and waits until queued messages are sent
/// (forever, if the peer never comes). To exit promptly instead, either set a
/// socket's `set_linger(Some(Duration::ZERO))` (or a bound), or build the
/// context with `set_blocky(false)` *before creating sockets*: their default
/// linger is then 0 and queued messages are dropped at once.
///
/// [`Context::shutdown`] makes every blocking call on the context's sockets,
/// in any thread, return [`Error::ContextTerminated`];
/// [`Context::destroy`] also bounds how long the termination may wait for
/// queued messages.
///
/// # `fork()`
///
/// A child process forked from a process with a context inherits copies of
/// the context and its sockets, but not libzmq's I/O threads. Like pyzmq,
/// the crate never touches the parent's libzmq state from such a child:
/// dropping an inherited `Context`, `Socket`, `Monitor` or `Authenticator`
/// there does nothing (no `zmq_close`, no `zmq_ctx_term`, which would
/// hang), so a child that just exits, or goes on to `exec`, is safe. Using
/// an inherited socket in the child is not supported; create a new
/// `Context` there instead.
///
/// ```
/// let ctx = zmq::Context::new();
/// ctx.set_io_threads(2)?;
/// assert_eq!(ctx.io_threads()?, 2);
/// let other = ctx.clone(); // same libzmq context
/// std::thread::spawn(move || drop(other)).join().unwrap();
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Clone)]
pub struct Context {
    raw: Arc<RawContext>,
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("ptr", &self.raw.ptr)
            .finish()
    }
}

impl Default for Context {
    fn default() -> Self {
        Context::new()
    }
}

/// Declares typed integer/boolean context options: one body for all of them.
macro_rules! ctx_options {
    ($(
        $(#[$doc:meta])*
        $name:ident / $setter:ident : $ty:ty = $opt:ident, $access:ident;
    )*) => {
        impl Context {
            $( ctx_options!(@one $(#[$doc])* $name / $setter : $ty = $opt, $access); )*
        }
    };
    (@one $(#[$doc:meta])* $name:ident / $setter:ident : $ty:ty = $opt:ident, rw) => {
        ctx_options!(@one $(#[$doc])* $name / $setter : $ty = $opt, r);
        ctx_options!(@one $(#[$doc])* $name / $setter : $ty = $opt, w);
    };
    (@one $(#[$doc:meta])* $name:ident / $setter:ident : $ty:ty = $opt:ident, r) => {
        $(#[$doc])*
        ///
        /// Reads the value (`zmq_ctx_get`).
        pub fn $name(&self) -> Result<$ty> {
            self.get(zmq_sys::$opt).map(<$ty as CtxValue>::from_raw)
        }
    };
    (@one $(#[$doc:meta])* $name:ident / $setter:ident : $ty:ty = $opt:ident, w) => {
        $(#[$doc])*
        ///
        /// Sets the value (`zmq_ctx_set`); out-of-range values are
        /// [`Error::InvalidArgument`].
        pub fn $setter(&self, value: $ty) -> Result<()> {
            self.set(zmq_sys::$opt, <$ty as CtxValue>::to_raw(value)?)
        }
    };
}

/// The Rust types a context option can have, and their `int` encoding.
trait CtxValue: Sized {
    fn to_raw(self) -> Result<i32>;
    fn from_raw(raw: i32) -> Self;
}

impl CtxValue for i32 {
    fn to_raw(self) -> Result<i32> {
        Ok(self)
    }
    fn from_raw(raw: i32) -> Self {
        raw
    }
}

impl CtxValue for bool {
    fn to_raw(self) -> Result<i32> {
        Ok(i32::from(self))
    }
    fn from_raw(raw: i32) -> Self {
        raw != 0
    }
}

impl CtxValue for usize {
    fn to_raw(self) -> Result<i32> {
        i32::try_from(self).map_err(|_| Error::InvalidArgument)
    }
    fn from_raw(raw: i32) -> Self {
        usize::try_from(raw).unwrap_or(0)
    }
}

ctx_options! {
    /// Number of I/O threads (`ZMQ_IO_THREADS`, default 1). Set it before
    /// creating sockets.
    io_threads / set_io_threads: i32 = ZMQ_IO_THREADS, rw;
    /// Maximum number of sockets (`ZMQ_MAX_SOCKETS`, default 1023).
    max_sockets / set_max_sockets: i32 = ZMQ_MAX_SOCKETS, rw;
    /// Largest `max_sockets` this libzmq accepts (`ZMQ_SOCKET_LIMIT`).
    socket_limit / set_socket_limit: i32 = ZMQ_SOCKET_LIMIT, r;
    /// Whether new sockets use IPv6 (`ZMQ_IPV6`, default false).
    ipv6 / set_ipv6: bool = ZMQ_IPV6, rw;
    /// Whether termination waits for lingering messages (`ZMQ_BLOCKY`,
    /// default true). With `false`, new sockets default to `LINGER = 0`.
    blocky / set_blocky: bool = ZMQ_BLOCKY, rw;
    /// Largest message size accepted (`ZMQ_MAX_MSGSZ`, default `i32::MAX`).
    max_msgsz / set_max_msgsz: i32 = ZMQ_MAX_MSGSZ, rw;
    /// Size of a `zmq_msg_t` in this libzmq (`ZMQ_MSG_T_SIZE`).
    msg_t_size / set_msg_t_size: usize = ZMQ_MSG_T_SIZE, r;
    /// Scheduling priority of the I/O threads (`ZMQ_THREAD_PRIORITY`; the OS
    /// decides when unset). Write-only in libzmq.
    thread_priority / set_thread_priority: i32 = ZMQ_THREAD_PRIORITY, w;
    /// Scheduling policy of the I/O threads (`ZMQ_THREAD_SCHED_POLICY`).
    /// Write-only in libzmq.
    thread_sched_policy / set_thread_sched_policy: i32 = ZMQ_THREAD_SCHED_POLICY, w;
    /// Adds a CPU to the I/O threads' affinity set
    /// (`ZMQ_THREAD_AFFINITY_CPU_ADD`). Write-only.
    thread_affinity_cpu_add / add_thread_affinity_cpu: i32 = ZMQ_THREAD_AFFINITY_CPU_ADD, w;
    /// Removes a CPU from the I/O threads' affinity set
    /// (`ZMQ_THREAD_AFFINITY_CPU_REMOVE`). Write-only.
    thread_affinity_cpu_remove / remove_thread_affinity_cpu: i32 = ZMQ_THREAD_AFFINITY_CPU_REMOVE, w;
    /// Numeric prefix of the I/O threads' names (`ZMQ_THREAD_NAME_PREFIX`).
    /// Write-only; see [`Context::set_thread_name_prefix_str`] for text.
    thread_name_prefix / set_thread_name_prefix: i32 = ZMQ_THREAD_NAME_PREFIX, w;
}

impl Context {
    /// A new context with libzmq's defaults (`zmq_ctx_new`).
    ///
    /// # Panics
    ///
    /// Only when libzmq cannot create a context at all (out of memory or
    /// file descriptors); use [`Context::try_new`] to handle that.
    ///
    /// ```
    /// let ctx = zmq::Context::new(); // one per process is usual
    /// let socket = ctx.socket::<zmq::Rep>()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn new() -> Context {
        Context::try_new().expect("zmq_ctx_new failed")
    }

    /// A new context, or the error that prevented it.
    ///
    /// ```
    /// let ctx = zmq::Context::try_new()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn try_new() -> Result<Context> {
        // SAFETY: zmq_ctx_new has no preconditions; NULL signals failure.
        let ptr = unsafe { zmq_sys::zmq_ctx_new() };
        if ptr.is_null() {
            return Err(Error::last());
        }
        Ok(Context {
            raw: Arc::new(RawContext {
                ptr,
                defaults: Default::default(),
                pid: std::process::id(),
                linger_bound: AtomicI64::new(-1),
            }),
        })
    }

    /// A new context with `io_threads` I/O threads (cppzmq's
    /// `context_t(io_threads)`).
    ///
    /// ```
    /// let ctx = zmq::Context::with_io_threads(4)?;
    /// assert_eq!(ctx.io_threads()?, 4);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn with_io_threads(io_threads: i32) -> Result<Context> {
        let ctx = Context::try_new()?;
        ctx.set_io_threads(io_threads)?;
        Ok(ctx)
    }

    /// The raw `void *` context, for other C code. It stays valid while this
    /// handle (or any clone, or any socket of it) lives.
    pub fn as_raw(&self) -> *mut c_void {
        self.raw.ptr
    }

    /// Shuts the context down (`zmq_ctx_shutdown`): blocking calls on its
    /// sockets return [`Error::ContextTerminated`] from now on, in every
    /// thread, and so does creating new sockets. Sockets must still be
    /// dropped; the context is terminated after the last one is.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let worker = {
    ///     let ctx = ctx.clone();
    ///     std::thread::spawn(move || -> zmq::Result<()> {
    ///         let pull = ctx.socket::<zmq::Pull>()?;
    ///         pull.bind("inproc://doc-shutdown")?;
    ///         match pull.recv() {
    ///             Err(zmq::Error::ContextTerminated) => Ok(()), // time to stop
    ///             other => panic!("{other:?}"),
    ///         }
    ///     })
    /// };
    /// ctx.shutdown()?; // wakes the blocked recv (or fails the bind first)
    /// let stopped = worker.join().unwrap();
    /// assert!(stopped.is_ok() || stopped.unwrap_err().cause() == &zmq::Error::ContextTerminated);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn shutdown(&self) -> Result<()> {
        // SAFETY: the pointer is live (we hold the Arc) and shutdown is
        // thread-safe and idempotent.
        check(unsafe { zmq_sys::zmq_ctx_shutdown(self.raw.ptr) }).map(drop)
    }

    /// Terminates the context without waiting more than `linger` for
    /// queued messages (pyzmq's `Context.destroy(linger=...)`), even when
    /// its sockets live in other threads:
    ///
    /// 1. the context is [shut down](Context::shutdown): blocking calls on
    ///    its sockets, in every thread, return
    ///    [`Error::ContextTerminated`], so their owners drop them;
    /// 2. sockets closed from now on get `LINGER` at most `linger` where
    ///    libzmq still accepts the option (a socket that has already seen
    ///    the shutdown refuses it: the next step bounds the wait anyway);
    /// 3. this handle is dropped. The termination runs when the last handle
    ///    or socket goes (here, if this was the last one) and that drop
    ///    waits at most `linger` for it, whatever the sockets' own linger:
    ///    past the bound, the messages still queued are abandoned (libzmq's
    ///    termination goes on in a background thread until it finishes or
    ///    the process exits).
    ///
    /// ```
    /// use std::time::Duration;
    /// let ctx = zmq::Context::new();
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.connect("tcp://127.0.0.1:9")?;        // nobody there
    /// push.send("queued, never delivered")?;      // LINGER is infinite
    /// let worker = std::thread::spawn(move || drop(push)); // another thread
    /// ctx.destroy(Duration::from_millis(50));     // returns promptly
    /// worker.join().unwrap();                      // so does the last drop
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn destroy(self, linger: Duration) {
        let ms = i64::try_from(linger.as_millis()).unwrap_or(i64::MAX);
        self.raw.linger_bound.store(ms, Ordering::Release);
        // Shutting down a live context cannot fail (only a bad pointer can).
        let _ = self.shutdown();
    }

    /// Before a socket of this context closes: whether to close it at all
    /// (not in a forked child), after applying the [`Context::destroy`]
    /// linger bound to it.
    pub(crate) fn before_close(&self, socket: *mut c_void) -> bool {
        if self.raw.forked() {
            return false;
        }
        let bound = self.raw.linger_bound.load(Ordering::Acquire);
        if bound >= 0 {
            let bound = i32::try_from(bound).unwrap_or(i32::MAX);
            let mut current: i32 = -1;
            let mut len = std::mem::size_of::<i32>();
            // SAFETY: `socket` is open (about to be closed by our caller, on
            // the thread that owns it); the buffers match the option's int.
            let rc = unsafe {
                zmq_sys::zmq_getsockopt(
                    socket,
                    zmq_sys::ZMQ_LINGER,
                    std::ptr::from_mut(&mut current).cast(),
                    &mut len,
                )
            };
            if rc != 0 || current < 0 || current > bound {
                // SAFETY: as above; an int option with its size.
                unsafe {
                    zmq_sys::zmq_setsockopt(
                        socket,
                        zmq_sys::ZMQ_LINGER,
                        std::ptr::from_ref(&bound).cast(),
                        std::mem::size_of::<i32>(),
                    )
                };
            }
        }
        true
    }

    /// Whether this process is a child forked after the context was made.
    pub(crate) fn is_forked(&self) -> bool {
        self.raw.forked()
    }

    /// Sets the I/O threads' name prefix from text (`ZMQ_THREAD_NAME_PREFIX`
    /// takes an integer in `zmq_ctx_set`; text needs the draft
    /// `zmq_ctx_set_ext`, so without `draft` only decimal numbers are
    /// accepted here).
    pub fn set_thread_name_prefix_str(&self, prefix: &str) -> Result<()> {
        #[cfg(feature = "draft")]
        {
            let c = CString::new(prefix).map_err(|_| Error::InteriorNul)?;
            // SAFETY: live context pointer; `c` outlives the call and libzmq
            // copies the bytes.
            let rc = unsafe {
                zmq_sys::zmq_ctx_set_ext(
                    self.raw.ptr,
                    zmq_sys::ZMQ_THREAD_NAME_PREFIX,
                    c.as_ptr().cast(),
                    c.as_bytes().len(),
                )
            };
            check(rc).map(drop)
        }
        #[cfg(not(feature = "draft"))]
        {
            let _ = CString::new(prefix).map_err(|_| Error::InteriorNul)?;
            let n: i32 = prefix.parse().map_err(|_| Error::InvalidArgument)?;
            self.set_thread_name_prefix(n)
        }
    }

    pub(crate) fn defaults_cell(&self) -> &crate::defaults::DefaultsCell {
        &self.raw.defaults
    }

    fn set(&self, option: i32, value: i32) -> Result<()> {
        // SAFETY: live context pointer; zmq_ctx_set is thread-safe.
        check(unsafe { zmq_sys::zmq_ctx_set(self.raw.ptr, option, value) }).map(drop)
    }

    fn get(&self, option: i32) -> Result<i32> {
        // SAFETY: live context pointer; zmq_ctx_get is thread-safe.
        check(unsafe { zmq_sys::zmq_ctx_get(self.raw.ptr, option) })
    }
}
