//! Context lifetime, options, shutdown, and whether the last drop waits.

mod common;

use common::{TIMEOUT, Transport, connected, ipc, within};
use std::sync::mpsc;
use std::time::Duration;
use zmq::{Context, Error, Pair, Pull, Push};

/// Long enough to be sure something did *not* happen in a negative check.
const QUIET: Duration = Duration::from_millis(300);

#[test]
fn handles_are_cheap_and_thread_safe() {
    fn is_send_sync<T: Send + Sync + Clone>() {}
    is_send_sync::<Context>();
    let ctx = Context::new();
    let other = ctx.clone();
    assert_eq!(ctx.as_raw(), other.as_raw());
    std::thread::spawn(move || other.socket::<Pair>().map(drop))
        .join()
        .unwrap()
        .unwrap();
    let ctx2 = Context::with_io_threads(2).unwrap();
    assert_eq!(ctx2.io_threads().unwrap(), 2);
    assert!(Context::try_new().is_ok());
}

#[test]
fn options_round_trip() {
    let ctx = Context::new();
    ctx.set_io_threads(3).unwrap();
    assert_eq!(ctx.io_threads().unwrap(), 3);
    ctx.set_max_sockets(64).unwrap();
    assert_eq!(ctx.max_sockets().unwrap(), 64);
    ctx.set_ipv6(true).unwrap();
    assert!(ctx.ipv6().unwrap());
    ctx.set_blocky(false).unwrap();
    assert!(!ctx.blocky().unwrap());
    ctx.set_max_msgsz(1 << 20).unwrap();
    assert_eq!(ctx.max_msgsz().unwrap(), 1 << 20);
    assert!(ctx.socket_limit().unwrap() >= 1023);
    assert_eq!(ctx.msg_t_size().unwrap(), 64);
    ctx.set_thread_name_prefix(7).unwrap();
    ctx.set_thread_name_prefix_str("42").unwrap();
    ctx.add_thread_affinity_cpu(0).unwrap();
    ctx.remove_thread_affinity_cpu(0).unwrap();
    ctx.set_thread_sched_policy(libc::SCHED_OTHER).unwrap();
    assert_eq!(ctx.set_io_threads(-1), Err(Error::InvalidArgument));
    assert_eq!(
        ctx.set_thread_name_prefix_str("a\0b"),
        Err(Error::InteriorNul)
    );
}

#[test]
fn max_sockets_is_enforced() {
    let ctx = Context::new();
    ctx.set_max_sockets(2).unwrap();
    let _a = ctx.socket::<Pair>().unwrap();
    let _b = ctx.socket::<Pair>().unwrap();
    assert_eq!(ctx.socket::<Pair>().unwrap_err(), Error::TooManyOpenFiles);
}

#[test]
fn shutdown_wakes_a_blocked_recv_in_another_thread() {
    let ctx = Context::new();
    let pull = ctx.socket::<Pull>().unwrap(); // no timeout: blocks for good
    pull.set_linger(Some(Duration::ZERO)).unwrap();
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        tx.send(pull.recv().map(drop)).unwrap();
        drop(pull);
    });
    ctx.shutdown().unwrap();
    assert_eq!(
        rx.recv_timeout(TIMEOUT).expect("recv returned"),
        Err(Error::ContextTerminated)
    );
    worker.join().unwrap();
    // With the socket closed, dropping the last handle terminates at once.
    within(TIMEOUT, move || drop(ctx));
    // New sockets on a shut-down context are refused.
    let ctx = Context::new();
    ctx.shutdown().unwrap();
    assert_eq!(ctx.socket::<Pair>().unwrap_err(), Error::ContextTerminated);
}

#[test]
fn sockets_keep_their_context_alive() {
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    drop(ctx); // the last Context handle, but sockets still hold it
    a.send("still alive").unwrap();
    assert_eq!(b.recv().unwrap(), "still alive");
    assert!(b.context().io_threads().is_ok());
}

/// A PUSH connected to an ipc endpoint nobody listens on yet, holding one
/// queued message; returns the endpoint and a channel that reports when
/// dropping the socket and its context has finished.
fn drop_with_queued_message(
    ctx: Context,
    linger: Option<Option<Duration>>,
) -> (String, mpsc::Receiver<()>) {
    let ep = ipc("linger");
    let push = ctx.socket::<Push>().unwrap();
    if let Some(l) = linger {
        push.set_linger(l).unwrap();
    }
    push.connect(&ep).unwrap();
    push.send("queued").unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        drop(push);
        drop(ctx);
        let _ = tx.send(());
    });
    (ep, rx)
}

fn receive_on(ep: &str, wait: Duration) -> Result<String, Error> {
    let ctx = Context::new();
    let pull = ctx.socket::<Pull>().unwrap();
    pull.set_rcvtimeo(Some(wait)).unwrap();
    pull.set_linger(Some(Duration::ZERO)).unwrap();
    pull.bind(ep).unwrap();
    pull.recv_string()
}

#[test]
fn default_drop_waits_until_queued_messages_are_delivered() {
    let (ep, done) = drop_with_queued_message(Context::new(), None);
    assert!(
        done.recv_timeout(QUIET).is_err(),
        "the drop must wait for the peer"
    );
    assert_eq!(
        receive_on(&ep, TIMEOUT).unwrap(),
        "queued",
        "nothing is lost"
    );
    done.recv_timeout(TIMEOUT)
        .expect("the drop returns once delivered");
}

#[test]
fn non_blocky_context_drops_at_once() {
    let ctx = Context::new();
    ctx.set_blocky(false).unwrap();
    let (ep, done) = drop_with_queued_message(ctx, None);
    done.recv_timeout(TIMEOUT)
        .expect("a non-blocky context does not wait");
    assert_eq!(
        receive_on(&ep, QUIET),
        Err(Error::WouldBlock),
        "the message was dropped"
    );
}

#[test]
fn zero_linger_drops_at_once() {
    let (ep, done) = drop_with_queued_message(Context::new(), Some(Some(Duration::ZERO)));
    done.recv_timeout(TIMEOUT).expect("linger 0 does not wait");
    assert_eq!(receive_on(&ep, QUIET), Err(Error::WouldBlock));
}
