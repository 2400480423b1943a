//! Zero-copy send tracking ([`MessageTracker`], pyzmq's `MessageTracker`
//! from `send(buf, copy=False, track=True)`).
//!
//! A `Vec<u8>` handed to libzmq without a copy belongs to libzmq until it
//! says it is done with it: after the I/O thread has written it to the
//! network, or, over `inproc://`, after the receiver has dropped the
//! message (the receiver reads the very same buffer). A tracked message
//! tells when that happens, and gives the buffer back so it can be reused.

use crate::error::Error;
use crate::message::Message;
use crate::socket::{CanSend, SendError, SendFlags, Socket};
use std::ffi::c_void;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// What the tracked buffer's release fills in.
#[derive(Default)]
struct Released {
    buffer: Option<Vec<u8>>,
    notify: Vec<Box<dyn FnOnce() + Send>>,
}

#[derive(Default)]
struct State {
    done: AtomicBool,
    released: Mutex<Released>,
    cond: Condvar,
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Released> {
        // Nothing panics while the lock is held but user callbacks, which
        // run after it is released; a poisoned lock still holds valid data.
        self.released.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What libzmq's free function gets: the buffer and where to report.
struct Hint {
    buffer: Vec<u8>,
    state: Arc<State>,
}

/// libzmq's free function for tracked buffers: moves the buffer into the
/// tracker's state, marks it done and wakes the waiters.
unsafe extern "C" fn release(_data: *mut c_void, hint: *mut c_void) {
    // SAFETY: `hint` is the `Box<Hint>` leaked in `Message::tracked`, and
    // libzmq calls the free function exactly once.
    let hint = unsafe { Box::from_raw(hint.cast::<Hint>()) };
    let Hint { buffer, state } = *hint;
    let notify = {
        let mut released = state.lock();
        released.buffer = Some(buffer);
        state.done.store(true, Ordering::Release);
        std::mem::take(&mut released.notify)
    };
    state.cond.notify_all();
    for f in notify {
        // Never unwind into libzmq's C++ frames.
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err() {
            eprintln!("zmq: a MessageTracker callback panicked");
        }
    }
}

/// Learns when libzmq has released a buffer sent without copying, and gets
/// the buffer back (pyzmq's `MessageTracker`).
///
/// Made by [`Socket::send_tracked`] or [`Message::tracked`]. Clones watch
/// the same buffer. It offers three ways to wait, for blocking and async
/// code alike:
///
/// - [`is_done`](MessageTracker::is_done): a plain flag, never blocks;
/// - [`wait_timeout`](MessageTracker::wait_timeout) /
///   [`wait`](MessageTracker::wait): block the thread;
/// - [`on_done`](MessageTracker::on_done): a callback run once on release
///   (on libzmq's thread that releases it), which is what an async layer
///   needs to wake a task (store a `Waker`, then wake it).
///
/// ```
/// use std::time::Duration;
/// let ctx = zmq::Context::new();
/// let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
/// a.bind("inproc://doc-tracker")?;
/// b.connect("inproc://doc-tracker")?;
/// let tracker = a.send_tracked(vec![7u8; 1 << 20]).map_err(zmq::Error::from)?;
/// let msg = b.recv()?;              // inproc: the receiver holds the buffer
/// assert!(!tracker.is_done());
/// drop(msg);                         // ... until it drops it
/// assert!(tracker.wait_timeout(Duration::from_secs(5)));
/// let buffer = tracker.take_buffer().unwrap(); // back, for reuse
/// assert_eq!(buffer.len(), 1 << 20);
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Clone)]
pub struct MessageTracker {
    state: Arc<State>,
}

impl fmt::Debug for MessageTracker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageTracker")
            .field("done", &self.is_done())
            .finish()
    }
}

impl MessageTracker {
    /// Whether libzmq has released the buffer (pyzmq's `tracker.done`).
    pub fn is_done(&self) -> bool {
        self.state.done.load(Ordering::Acquire)
    }

    /// Blocks until the buffer is released; prefer
    /// [`wait_timeout`](MessageTracker::wait_timeout) unless the peer is
    /// sure to take it.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// a.bind("inproc://doc-tracker-wait")?;
    /// b.connect("inproc://doc-tracker-wait")?;
    /// let tracker = a.send_tracked(vec![1u8; 4096]).map_err(zmq::Error::from)?;
    /// drop(b.recv()?); // the receiver releases the buffer
    /// tracker.wait();
    /// assert!(tracker.is_done());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn wait(&self) {
        let mut released = self.state.lock();
        while !self.is_done() {
            released = self
                .state
                .cond
                .wait(released)
                .unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Blocks up to `timeout` for the release; `true` if it happened
    /// (pyzmq's `tracker.wait(timeout)`, which raises instead).
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
    /// a.bind("inproc://doc-tracker-timeout")?;
    /// b.connect("inproc://doc-tracker-timeout")?;
    /// let tracker = a.send_tracked(vec![1u8; 4096]).map_err(zmq::Error::from)?;
    /// let held = b.recv()?; // inproc: the receiver holds the buffer
    /// assert!(!tracker.wait_timeout(Duration::from_millis(10)));
    /// drop(held);
    /// assert!(tracker.wait_timeout(Duration::from_secs(5)));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn wait_timeout(&self, timeout: Duration) -> bool {
        let deadline = Instant::now().checked_add(timeout);
        let mut released = self.state.lock();
        while !self.is_done() {
            let left = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => Duration::MAX,
            };
            if left.is_zero() {
                return false;
            }
            released = self
                .state
                .cond
                .wait_timeout(released, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        true
    }

    /// The released buffer, for reuse: `Some` once, to the first caller
    /// after the release; `None` before it (or after another took it).
    pub fn take_buffer(&self) -> Option<Vec<u8>> {
        self.state.lock().buffer.take()
    }

    /// Runs `f` once when the buffer is released: at once, here, if it
    /// already was; otherwise on the thread where libzmq releases it
    /// (usually its I/O thread), so `f` must be short and must not block.
    /// A panic in `f` is caught and reported on standard error.
    pub fn on_done(&self, f: impl FnOnce() + Send + 'static) {
        {
            let mut released = self.state.lock();
            if !self.is_done() {
                released.notify.push(Box::new(f));
                return;
            }
        }
        f();
    }
}

impl Message {
    /// A message over `buffer`, never copied (not even when small), with a
    /// [`MessageTracker`] that learns when libzmq releases it and gets it
    /// back. Clones of the message (`zmq_msg_copy`) share the buffer: it is
    /// released when the last one is gone.
    ///
    /// ```
    /// let (msg, tracker) = zmq::Message::tracked(b"payload".to_vec());
    /// assert_eq!(msg, "payload");
    /// assert!(!tracker.is_done());
    /// drop(msg); // never sent: released at once
    /// assert_eq!(tracker.take_buffer().unwrap(), b"payload");
    /// ```
    pub fn tracked(buffer: Vec<u8>) -> (Message, MessageTracker) {
        let state = Arc::new(State::default());
        let (ptr, len) = (buffer.as_ptr(), buffer.len());
        let hint = Box::into_raw(Box::new(Hint {
            buffer,
            state: Arc::clone(&state),
        }));
        let mut msg = Message::new();
        // SAFETY: `msg` is an empty message that owns nothing, so it may be
        // initialised again without a close. The bytes at `ptr..ptr+len`
        // live in the Vec inside `hint`, which does not move them (moving a
        // Vec moves no heap data) and is freed only by `release`, called
        // once by libzmq when the last reference to the data goes.
        let rc = unsafe {
            zmq_sys::zmq_msg_init_data(
                msg.raw_mut(),
                ptr as *mut c_void,
                len,
                Some(release),
                hint.cast(),
            )
        };
        if rc != 0 {
            // ENOMEM for libzmq's reference counter: the buffer is still
            // ours. Fail as an allocation failure does.
            // SAFETY: libzmq did not take `hint`; reclaim it once.
            drop(unsafe { Box::from_raw(hint) });
            std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 64]>());
        }
        (msg, MessageTracker { state })
    }
}

impl<T: CanSend> Socket<T> {
    /// Sends `buffer` without copying it and returns a [`MessageTracker`]
    /// that says when libzmq is done with it (pyzmq's
    /// `send(buf, copy=False, track=True)`), then gives it back.
    ///
    /// On failure the buffer comes back inside the error, untouched.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let push = ctx.socket::<zmq::Push>()?;
    /// push.bind("inproc://doc-send-tracked")?;
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.connect("inproc://doc-send-tracked")?;
    /// let mut buffer = vec![0u8; 1 << 16];
    /// for round in 0..3u8 {
    ///     buffer.fill(round);
    ///     let tracker = push.send_tracked(buffer).map_err(zmq::Error::from)?;
    ///     let received = pull.recv()?; // inproc: the very same buffer
    ///     assert_eq!(received[0], round);
    ///     drop(received);
    ///     assert!(tracker.wait_timeout(Duration::from_secs(5)));
    ///     buffer = tracker.take_buffer().expect("released"); // reuse it
    /// }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn send_tracked(
        &self,
        buffer: Vec<u8>,
    ) -> std::result::Result<MessageTracker, SendError<Vec<u8>>> {
        self.send_tracked_with(buffer, SendFlags::NONE)
    }

    /// [`Socket::send_tracked`] with flags ([`SendFlags::DONTWAIT`],
    /// [`SendFlags::SNDMORE`]).
    pub fn send_tracked_with(
        &self,
        buffer: Vec<u8>,
        flags: SendFlags,
    ) -> std::result::Result<MessageTracker, SendError<Vec<u8>>> {
        let (msg, tracker) = Message::tracked(buffer);
        match self.send_msg(msg, flags) {
            Ok(()) => Ok(tracker),
            Err(e) => {
                // Dropping the unsent message releases the buffer now.
                drop(e.message);
                let message = tracker.take_buffer().ok_or(Error::Fault);
                match message {
                    Ok(message) => Err(SendError {
                        error: e.error,
                        message,
                    }),
                    // Unreachable: the only reference was just dropped.
                    Err(fault) => Err(SendError {
                        error: fault,
                        message: Vec::new(),
                    }),
                }
            }
        }
    }
}
