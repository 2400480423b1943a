//! Helpers shared by the integration tests: bounded sockets, unique
//! endpoints per transport, and a watchdog for calls that could hang.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;
use zmq::{Context, Socket, SocketType};

/// Upper bound for any single blocking step in a test (before
/// [`scaled`]).
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// `bound` stretched by `ZMQ_TEST_TIMEOUT_SCALE` (a positive number,
/// default 1): slow runs such as `.ci/valgrind.sh`, where code runs 20-50x
/// slower, set it so that a bound meant for a hang is not hit by a slow
/// but working test.
pub fn scaled(bound: Duration) -> Duration {
    let scale = std::env::var("ZMQ_TEST_TIMEOUT_SCALE")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(1.0);
    bound.mul_f64(scale)
}

/// A socket whose blocking calls give up after the [`scaled`] [`TIMEOUT`] (so
/// a hang fails the test) and whose close never waits.
pub fn socket<T: SocketType>(ctx: &Context) -> Socket<T> {
    let s = ctx.socket::<T>().expect("create socket");
    bound(&s);
    s
}

/// Applies the test bounds to any socket.
pub fn bound<T: SocketType>(s: &Socket<T>) {
    s.set_rcvtimeo(Some(scaled(TIMEOUT))).expect("rcvtimeo");
    s.set_sndtimeo(Some(scaled(TIMEOUT))).expect("sndtimeo");
    s.set_linger(Some(Duration::ZERO)).expect("linger");
}

/// The transports a connection-oriented test runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Inproc,
    Ipc,
    Tcp,
}

pub const ALL: [Transport; 3] = [Transport::Inproc, Transport::Ipc, Transport::Tcp];

fn unique() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A fresh inproc endpoint.
pub fn inproc(tag: &str) -> String {
    format!("inproc://{tag}-{}", unique())
}

/// A fresh ipc endpoint in a per-process temporary directory.
pub fn ipc(tag: &str) -> String {
    let dir = std::env::temp_dir().join(format!("zmq-rs-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    format!("ipc://{}/{tag}-{}.sock", dir.display(), unique())
}

/// Binds `s` on a fresh endpoint of `transport` and returns the endpoint
/// to connect to (for tcp, the real port the OS chose).
pub fn bind_any<T: SocketType>(s: &Socket<T>, transport: Transport) -> String {
    match transport {
        Transport::Inproc => {
            let ep = inproc("t");
            s.bind(&ep).expect("bind inproc");
            ep
        }
        Transport::Ipc => {
            let ep = ipc("t");
            s.bind(&ep).expect("bind ipc");
            ep
        }
        Transport::Tcp => {
            s.bind("tcp://127.0.0.1:*").expect("bind tcp");
            s.last_endpoint().expect("last endpoint")
        }
    }
}

/// A bounded socket of type `B` bound on a fresh endpoint of `transport`,
/// and a bounded socket of type `C` connected to it.
pub fn connected<B: SocketType, C: SocketType>(
    ctx: &Context,
    transport: Transport,
) -> (Socket<B>, Socket<C>) {
    let bound = socket::<B>(ctx);
    let ep = bind_any(&bound, transport);
    let connecting = socket::<C>(ctx);
    connecting.connect(&ep).expect("connect");
    (bound, connecting)
}

/// Runs `f` on another thread and fails the test if it does not finish
/// within `limit` ([`scaled`]).
pub fn within<R: Send + 'static>(limit: Duration, f: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(scaled(limit))
        .expect("operation did not finish in time")
}

/// A fresh empty directory under the system's temporary one, unique to
/// this process and call.
pub fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "zmq-rs-tests-{tag}-{}-{}",
        std::process::id(),
        unique()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Waits (at most [`TIMEOUT`]) for the forked child `pid` to exit and
/// returns its wait status; kills it and fails the test if it hangs.
pub fn wait_child(pid: libc::pid_t) -> i32 {
    let mut status = 0;
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        // SAFETY: waitpid on our own child with a valid status pointer.
        let rc = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if rc == pid {
            return status;
        }
        if std::time::Instant::now() > deadline {
            // SAFETY: kill our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("the forked child hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits (bounded) until `s` has a message to receive, so that a poll that
/// follows is sure to see it.
pub fn await_readable<T: SocketType>(s: &Socket<T>) {
    let ready = s
        .poll(zmq::PollEvents::IN, Some(TIMEOUT))
        .expect("poll for readability");
    assert!(ready.is_readable(), "nothing arrived in time");
}

/// A bound and a connected async socket over `transport` (feature `tokio`),
/// bounded like [`connected`]'s.
#[cfg(all(feature = "tokio", unix))]
pub fn async_pair<B: SocketType, C: SocketType>(
    ctx: &Context,
    transport: Transport,
) -> (zmq::tokio::AsyncSocket<B>, zmq::tokio::AsyncSocket<C>) {
    let (b, c) = connected::<B, C>(ctx, transport);
    (
        zmq::tokio::AsyncSocket::new(b).unwrap(),
        zmq::tokio::AsyncSocket::new(c).unwrap(),
    )
}
