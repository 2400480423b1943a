//! Socket defaults set on a context, and the shared default context.

use std::time::Duration;
use zmq::{Context, Error, Pull, Push, SocketDefaults};

#[test]
fn new_sockets_start_with_the_context_defaults() {
    let ctx = Context::new();
    let before = ctx.socket::<Push>().unwrap();
    let clone = ctx.clone();
    clone.set_default_linger(Some(Duration::ZERO));
    clone.set_default_hwm(42);
    clone.set_default_timeouts(
        Some(Duration::from_millis(5)),
        Some(Duration::from_millis(6)),
    );
    ctx.update_socket_defaults(|d| {
        d.immediate = Some(true);
        d.maxmsgsize = Some(Some(1 << 20));
    });

    let push = ctx.socket::<Push>().unwrap();
    assert_eq!(push.linger().unwrap(), Some(Duration::ZERO));
    assert_eq!(push.sndhwm().unwrap(), 42);
    assert_eq!(push.rcvhwm().unwrap(), 42);
    assert_eq!(push.sndtimeo().unwrap(), Some(Duration::from_millis(5)));
    assert_eq!(push.rcvtimeo().unwrap(), Some(Duration::from_millis(6)));
    assert!(push.immediate().unwrap());
    assert_eq!(push.maxmsgsize().unwrap(), Some(1 << 20));
    // Dynamic sockets too.
    let dynamic = ctx.dynamic_socket(zmq::SocketKind::Pull).unwrap();
    assert_eq!(dynamic.rcvhwm().unwrap(), 42);
    // A socket made before keeps libzmq's defaults.
    assert_eq!(before.sndhwm().unwrap(), 1000);
    assert_eq!(before.linger().unwrap(), None);

    // The timeout default is in force: a receive gives up.
    let pull = ctx.socket::<Pull>().unwrap();
    pull.bind("inproc://ctx-defaults").unwrap();
    assert_eq!(pull.recv().unwrap_err(), Error::WouldBlock);

    // Clearing them restores libzmq's defaults for later sockets.
    ctx.set_socket_defaults(SocketDefaults::default());
    assert_eq!(ctx.socket_defaults(), SocketDefaults::default());
    assert_eq!(ctx.socket::<Push>().unwrap().sndhwm().unwrap(), 1000);
}

#[test]
fn a_default_libzmq_refuses_fails_socket_creation() {
    let ctx = Context::new();
    ctx.set_default_hwm(-5);
    assert_eq!(ctx.socket::<Push>().unwrap_err(), Error::InvalidArgument);
    ctx.set_default_hwm(10);
    assert_eq!(ctx.socket::<Push>().unwrap().sndhwm().unwrap(), 10);
}

#[test]
fn the_shared_instance_is_one_context_for_every_thread() {
    let here = Context::instance();
    let there: Vec<_> = (0..4)
        .map(|_| std::thread::spawn(|| Context::instance().as_raw() as usize))
        .collect();
    for t in there {
        assert_eq!(t.join().unwrap(), here.as_raw() as usize);
    }
    // It works like any context: a round trip through it.
    let pull = here.socket::<Pull>().unwrap();
    pull.set_rcvtimeo(Some(Duration::from_secs(10))).unwrap();
    pull.bind("inproc://shared-instance").unwrap();
    let push = Context::instance().socket::<Push>().unwrap();
    push.connect("inproc://shared-instance").unwrap();
    push.send("via instance").unwrap();
    assert_eq!(pull.recv().unwrap(), "via instance");
}

#[test]
fn the_throughput_profile_sets_its_options_on_new_and_existing_sockets() {
    let ctx = Context::new();
    let before = ctx.socket::<Pull>().unwrap();
    ctx.set_socket_defaults(SocketDefaults::throughput());
    let push = ctx.socket::<Push>().unwrap();
    SocketDefaults::throughput().apply(&before).unwrap();
    for (sndbuf, rcvbuf) in [
        (push.sndbuf(), push.rcvbuf()),
        (before.sndbuf(), before.rcvbuf()),
    ] {
        assert_eq!(sndbuf.unwrap(), Some(SocketDefaults::THROUGHPUT_BUF));
        assert_eq!(rcvbuf.unwrap(), Some(SocketDefaults::THROUGHPUT_BUF));
    }
    #[cfg(feature = "draft")]
    {
        let batch = SocketDefaults::THROUGHPUT_BATCH;
        assert_eq!(push.in_batch_size().unwrap(), batch);
        assert_eq!(push.out_batch_size().unwrap(), batch);
        assert_eq!(before.in_batch_size().unwrap(), batch);
        assert_eq!(before.out_batch_size().unwrap(), batch);
    }
    // Everything else keeps libzmq's defaults.
    assert_eq!(
        push.linger().unwrap(),
        Context::new().socket::<Push>().unwrap().linger().unwrap()
    );
}
