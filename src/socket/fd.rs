//! `AsFd`/`AsRawFd` for sockets and monitors: libzmq's `ZMQ_FD`, borrowed,
//! for readiness only (other runtimes build their async layer on it).

use super::{Socket, SocketType};
use crate::monitor::Monitor;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::sync::OnceLock;

/// The socket's `ZMQ_FD`, or `None` when libzmq refuses it (the context
/// was shut down, or a thread-safe draft socket).
fn zmq_fd<T: SocketType>(socket: &Socket<T>) -> Option<RawFd> {
    socket.fd().ok().filter(|&fd| fd >= 0)
}

/// A descriptor that is always readable and never closed: what `as_fd`
/// lends when libzmq has no `ZMQ_FD` to give, so that a reactor waiting on
/// it wakes at once and the next operation reports the real error.
fn always_ready() -> BorrowedFd<'static> {
    static FD: OnceLock<OwnedFd> = OnceLock::new();
    let fd = FD.get_or_init(|| {
        // SAFETY: plain syscall; a non-negative result is a new descriptor
        // that we own. The counter starts at 1 and is never read, so the
        // descriptor stays readable forever.
        let raw = unsafe { libc::eventfd(1, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) };
        if raw < 0 {
            // No descriptor left in the whole process, like an allocation
            // failure: nothing sound can be lent.
            eprintln!(
                "zmq: cannot create a fallback descriptor: {}",
                std::io::Error::last_os_error()
            );
            std::process::abort();
        }
        // SAFETY: `raw` is a fresh descriptor nobody else owns.
        unsafe { OwnedFd::from_raw_fd(raw) }
    });
    fd.as_fd()
}

/// `ZMQ_FD`, for readiness only: it becomes readable (edge-triggered) when
/// libzmq has commands for the socket, which may or may not change what
/// [`Socket::events`] reports, and reading `ZMQ_EVENTS` or any send or
/// receive consumes the edge. Never read from or write to it. -1 when
/// libzmq has no descriptor to give (after [`Context::shutdown`](crate::Context::shutdown),
/// or a thread-safe draft socket).
impl<T: SocketType> AsRawFd for Socket<T> {
    fn as_raw_fd(&self) -> RawFd {
        zmq_fd(self).unwrap_or(-1)
    }
}

/// [`AsRawFd::as_raw_fd`], borrowed for as long as the socket lives (libzmq
/// closes `ZMQ_FD` only in `zmq_close`). When libzmq has no descriptor to
/// give (the context was shut down, or a thread-safe draft socket behind
/// [`Dynamic`](super::Dynamic)), this lends a process-wide descriptor that is always
/// readable, so that a reactor wakes and the next operation reports the
/// error. Readiness only: never read from or write to it.
macro_rules! as_fd {
    ($($t:ident),*) => {$(
        impl AsFd for Socket<super::$t> {
            fn as_fd(&self) -> BorrowedFd<'_> {
                match zmq_fd(self) {
                    // SAFETY: libzmq keeps ZMQ_FD open until zmq_close,
                    // which needs the socket by value: it outlives `&self`.
                    Some(fd) => unsafe { BorrowedFd::borrow_raw(fd) },
                    None => always_ready(),
                }
            }
        }
    )*};
}
as_fd!(
    Pair, Pub, Sub, Req, Rep, Dealer, Router, Pull, Push, XPub, XSub, Stream, Dynamic
);
#[cfg(feature = "draft")]
as_fd!(Dgram);

/// The `ZMQ_FD` of the PAIR socket that events arrive on, for readiness
/// only (see [`AsFd for Socket`](Socket)).
impl AsFd for Monitor {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.socket().as_fd()
    }
}

/// See [`AsFd for Monitor`](Monitor).
impl AsRawFd for Monitor {
    fn as_raw_fd(&self) -> RawFd {
        self.socket().as_raw_fd()
    }
}
