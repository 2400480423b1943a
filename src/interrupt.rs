//! Signals and blocking calls: retried by default, interruptible on request.
//!
//! A signal that arrives while a thread waits inside libzmq makes the call
//! fail with `EINTR`. This crate **retries** such calls, so a signal the
//! program does not care about (`SIGCHLD` from a child process, `SIGWINCH`
//! from a resized terminal, `SIGPROF` from a profiler) never makes `recv`,
//! `send`, `poll`, a proxy or a monitor read fail. Timeouts stay total
//! deadlines across the retries: a `recv` with `RCVTIMEO = 100 ms` returns
//! [`Error::WouldBlock`](crate::Error::WouldBlock) about 100 ms after it
//! started, however many signals arrived meanwhile. (The deadline is kept
//! for timeouts set through the crate's setters, such as
//! [`Socket::set_rcvtimeo`](crate::Socket::set_rcvtimeo); one set with a raw
//! `zmq_setsockopt` is restarted by each retry.)
//!
//! A program that *does* care, such as a server that stops on Ctrl-C,
//! registers a flag: blocking calls then return
//! [`Error::Interrupted`](crate::Error::Interrupted) once the flag is set,
//! both when a signal interrupts them and when they are about to start.
//! [`catch_signals`] installs a handler that sets the crate's own flag:
//!
//! ```no_run
//! let interrupted = zmq::interrupt::catch_signals(&[libc::SIGINT, libc::SIGTERM])?;
//! let ctx = zmq::Context::new();
//! let server = ctx.socket::<zmq::Rep>()?;
//! server.bind("tcp://127.0.0.1:5555")?;
//! loop {
//!     match server.recv() {
//!         Ok(request) => server.send(request)?,
//!         Err(zmq::Error::Interrupted) => break, // Ctrl-C
//!         Err(e) => return Err(e.into()),
//!     }
//! }
//! assert!(interrupted.load(std::sync::atomic::Ordering::Relaxed));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A program with a handler of its own (or the `ctrlc` crate) passes its
//! flag to [`set_flag`] instead. One caveat is inherent to flags: a signal
//! that arrives after a call has checked the flag but before it starts
//! waiting does not wake it; the next signal (a second Ctrl-C) does.
//!
//! Continuation frames are never interrupted: once the first frame of a
//! multipart message is sent or received, the rest follow, so no half
//! message is left behind.

use std::ffi::c_int;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

/// The registered flag, or null.
static FLAG: AtomicPtr<AtomicBool> = AtomicPtr::new(std::ptr::null_mut());

/// The flag that [`catch_signals`]' handler sets.
static CAUGHT: AtomicBool = AtomicBool::new(false);

/// Makes blocking calls return [`Error::Interrupted`](crate::Error::Interrupted)
/// while `flag` is `true` (instead of retrying after a signal). Replaces any
/// flag registered before.
///
/// ```
/// use std::sync::atomic::{AtomicBool, Ordering};
///
/// static STOP: AtomicBool = AtomicBool::new(false); // set by your own signal handler
/// zmq::interrupt::set_flag(&STOP);
/// let pull = zmq::Context::new().socket::<zmq::Pull>()?;
/// pull.bind("inproc://doc-set-flag")?;
/// STOP.store(true, Ordering::Relaxed);
/// assert_eq!(pull.recv().unwrap_err(), zmq::Error::Interrupted); // does not wait
/// zmq::interrupt::clear_flag();
/// # Ok::<(), zmq::Error>(())
/// ```
pub fn set_flag(flag: &'static AtomicBool) {
    FLAG.store(std::ptr::from_ref(flag).cast_mut(), Ordering::Release);
}

/// Unregisters the flag: signals are retried again, whatever any flag says.
///
/// ```
/// use std::sync::atomic::AtomicBool;
///
/// static STOP: AtomicBool = AtomicBool::new(true);
/// zmq::interrupt::set_flag(&STOP);
/// assert!(zmq::interrupt::is_interrupted());
/// zmq::interrupt::clear_flag();
/// assert!(!zmq::interrupt::is_interrupted());
/// ```
pub fn clear_flag() {
    FLAG.store(std::ptr::null_mut(), Ordering::Release);
}

/// Whether the registered flag is set (`false` without one): a long loop
/// of non-blocking work can check it too.
///
/// ```
/// # let pull = zmq::Context::new().socket::<zmq::Pull>()?;
/// while !zmq::interrupt::is_interrupted() {
///     match pull.try_recv()? {
///         Some(job) => println!("working on {job}"),
///         None => break,
///     }
/// }
/// # Ok::<(), zmq::Error>(())
/// ```
#[inline]
pub fn is_interrupted() -> bool {
    let flag = FLAG.load(Ordering::Acquire);
    // SAFETY: only `&'static AtomicBool`s are ever stored.
    !flag.is_null() && unsafe { (*flag).load(Ordering::Relaxed) }
}

/// Installs a handler for each of `signals` (`sigaction`, without
/// `SA_RESTART`) that sets the crate's own flag, registers that flag with
/// [`set_flag`], clears it, and returns it. Blocking calls interrupted by
/// one of these signals return [`Error::Interrupted`](crate::Error::Interrupted)
/// from then on; reset the flag (`store(false)`) to go on waiting. The
/// module docs show a server loop.
///
/// ```
/// use std::sync::atomic::Ordering;
///
/// let interrupted = zmq::interrupt::catch_signals(&[libc::SIGUSR1])?;
/// let pull = zmq::Context::new().socket::<zmq::Pull>()?;
/// pull.bind("inproc://doc-catch-signals")?;
/// // SAFETY: raising a signal whose handler was just installed.
/// unsafe { libc::raise(libc::SIGUSR1) }; // as a Ctrl-C would
/// assert!(interrupted.load(Ordering::Relaxed));
/// assert_eq!(pull.recv().unwrap_err(), zmq::Error::Interrupted); // does not wait
/// interrupted.store(false, Ordering::Relaxed); // blocking calls wait again
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn catch_signals(signals: &[c_int]) -> io::Result<&'static AtomicBool> {
    extern "C" fn on_signal(_: c_int) {
        // Async-signal-safe: one atomic store.
        CAUGHT.store(true, Ordering::Relaxed);
    }
    for &signal in signals {
        // SAFETY: a zeroed sigaction is a valid "no flags, empty mask"
        // value; the handler only stores to an atomic, which is
        // async-signal-safe; sigemptyset and sigaction get valid pointers.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as extern "C" fn(c_int) as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            if libc::sigaction(signal, &action, std::ptr::null_mut()) != 0 {
                return Err(io::Error::last_os_error());
            }
        }
    }
    CAUGHT.store(false, Ordering::Relaxed);
    set_flag(&CAUGHT);
    Ok(&CAUGHT)
}
