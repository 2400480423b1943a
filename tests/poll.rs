//! PollSet and Poller: readiness, timeouts, raw descriptors, changing the
//! set between polls.

mod common;

use common::{ALL, TIMEOUT, Transport, bind_any, socket, within};
use std::io::Write;
use std::net::UdpSocket;
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::time::Duration;
use zmq::{Context, Error, PollEvents, PollSet, Poller, Pull, Push};

/// A connected PUSH -> PULL pair over `transport`.
fn pipeline(ctx: &Context, transport: Transport) -> (zmq::Socket<Push>, zmq::Socket<Pull>) {
    let pull = socket::<Pull>(ctx);
    let endpoint = bind_any(&pull, transport);
    let push = socket::<Push>(ctx);
    push.connect(&endpoint).unwrap();
    (push, pull)
}

#[test]
fn pollset_reports_in_and_out_on_every_transport() {
    for transport in ALL {
        let ctx = Context::new();
        let (push, pull) = pipeline(&ctx, transport);
        let mut set = PollSet::new();
        let out = set.add(&push, PollEvents::OUT);
        let inp = set.add(&pull, PollEvents::IN);

        // PUSH becomes writable once the connection is up (at once for
        // inproc, after the handshake for ipc/tcp); PULL has nothing yet.
        assert_eq!(set.poll(Some(TIMEOUT)).unwrap(), 1, "{transport:?}");
        assert_eq!(set.revents(out), PollEvents::OUT, "{transport:?}");
        assert!(set.revents(inp).is_empty(), "{transport:?}");

        push.send("hello").unwrap();
        set.set_events(out, PollEvents::empty()).unwrap();
        assert_eq!(set.poll(Some(TIMEOUT)).unwrap(), 1, "{transport:?}");
        assert!(set.is_readable(inp), "{transport:?}");
        assert!(!set.is_writable(out), "{transport:?}");
        let ready: Vec<_> = set.ready().collect();
        assert_eq!(ready.len(), 1);
        assert_eq!(ready[0].handle(), inp);
        let socket = ready[0].socket::<Pull>().expect("the PULL socket itself");
        assert!(std::ptr::eq(socket, &pull));
        assert!(ready[0].socket::<Push>().is_none());
        assert_eq!(socket.recv().unwrap(), "hello");

        // Drained: a zero-timeout poll finds nothing.
        assert_eq!(set.poll(Some(Duration::ZERO)).unwrap(), 0);
        assert!(set.revents(inp).is_empty());
    }
}

#[test]
fn poller_reports_in_and_out_on_every_transport() {
    for transport in ALL {
        let ctx = Context::new();
        let (push, pull) = pipeline(&ctx, transport);
        let mut poller = Poller::new();
        poller.add(&push, PollEvents::OUT, "push").unwrap();
        poller.add(&pull, PollEvents::IN, "pull").unwrap();

        let ready: Vec<_> = poller.wait(Some(TIMEOUT)).unwrap().collect();
        assert_eq!(ready, [(&"push", PollEvents::OUT)], "{transport:?}");

        push.send("hello").unwrap();
        poller.modify(&push, PollEvents::empty()).unwrap();
        let ready: Vec<_> = poller.wait(Some(TIMEOUT)).unwrap().collect();
        assert_eq!(ready, [(&"pull", PollEvents::IN)], "{transport:?}");
        assert_eq!(pull.recv().unwrap(), "hello");
        assert_eq!(poller.wait(Some(Duration::ZERO)).unwrap().count(), 0);
    }
}

#[test]
fn zero_and_finite_timeouts_return_nothing_when_idle() {
    let ctx = Context::new();
    let (_push, pull) = pipeline(&ctx, Transport::Inproc);
    let mut set = PollSet::new();
    let h = set.add(&pull, PollEvents::IN);
    assert_eq!(set.poll(Some(Duration::ZERO)).unwrap(), 0);
    assert_eq!(set.poll(Some(Duration::from_millis(20))).unwrap(), 0);
    assert!(set.revents(h).is_empty());

    let mut poller = Poller::new();
    poller.add(&pull, PollEvents::IN, ()).unwrap();
    assert_eq!(poller.wait(Some(Duration::ZERO)).unwrap().count(), 0);
    assert_eq!(
        poller
            .wait(Some(Duration::from_millis(20)))
            .unwrap()
            .count(),
        0
    );
}

/// Blocks in an infinite poll (on a watchdog thread) until another thread
/// provides the event.
#[test]
fn infinite_timeout_wakes_on_an_event_from_another_thread() {
    let ctx = Context::new();
    let pull = socket::<Pull>(&ctx);
    let endpoint = bind_any(&pull, Transport::Inproc);
    let push = socket::<Push>(&ctx);
    push.connect(&endpoint).unwrap();
    let sender = std::thread::spawn(move || push.send("wake up").unwrap());

    let (set_n, poller_ready) = within(TIMEOUT, move || {
        let n = {
            let mut set = PollSet::new();
            let h = set.add(&pull, PollEvents::IN);
            let n = set.poll(None).unwrap();
            assert!(set.is_readable(h));
            n
        };
        let mut poller = Poller::new();
        poller.add(&pull, PollEvents::IN, 7).unwrap();
        let ready: Vec<(i32, PollEvents)> =
            poller.wait(None).unwrap().map(|(d, e)| (*d, e)).collect();
        assert_eq!(pull.recv().unwrap(), "wake up");
        (n, ready)
    });
    sender.join().unwrap();
    assert_eq!(set_n, 1);
    assert_eq!(poller_ready, [(7, PollEvents::IN)]);
}

#[test]
fn raw_descriptors_mix_with_zmq_sockets() {
    let ctx = Context::new();
    let (push, pull) = pipeline(&ctx, Transport::Tcp);
    let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let (mut pipe_w, pipe_r) = UnixStream::pair().unwrap();

    let mut set = PollSet::new();
    let zh = set.add(&pull, PollEvents::IN);
    let uh = set.add_fd(udp.as_fd(), PollEvents::IN);
    let ph = set.add_fd(pipe_r.as_fd(), PollEvents::IN);
    assert_eq!(set.poll(Some(Duration::ZERO)).unwrap(), 0);

    // Only the UDP socket gets data.
    let peer = UdpSocket::bind("127.0.0.1:0").unwrap();
    peer.send_to(b"datagram", udp.local_addr().unwrap())
        .unwrap();
    assert_eq!(set.poll(Some(TIMEOUT)).unwrap(), 1);
    assert!(set.is_readable(uh));
    assert!(!set.is_readable(zh) && !set.is_readable(ph));
    let entry = set.ready().next().unwrap();
    assert!(entry.socket::<Pull>().is_none());
    assert!(entry.fd().is_some());
    let mut buf = [0u8; 16];
    assert_eq!(udp.recv(&mut buf).unwrap(), 8);

    // Then the pipe and the zmq socket together.
    pipe_w.write_all(b"x").unwrap();
    push.send("msg").unwrap();
    let mut seen = 0;
    while seen < 2 {
        set.poll(Some(TIMEOUT)).unwrap();
        seen = [zh, ph].iter().filter(|h| set.is_readable(**h)).count();
    }
    assert!(!set.is_readable(uh));

    // The same through a Poller.
    let mut poller = Poller::new();
    poller.add(&pull, PollEvents::IN, "zmq").unwrap();
    poller
        .add_fd(pipe_r.as_fd(), PollEvents::IN, "pipe")
        .unwrap();
    poller.add_fd(udp.as_fd(), PollEvents::IN, "udp").unwrap();
    let mut ready: Vec<&str> = poller
        .wait(Some(TIMEOUT))
        .unwrap()
        .map(|(d, _)| *d)
        .collect();
    ready.sort();
    assert_eq!(ready, ["pipe", "zmq"]);
    assert_eq!(poller.remove_fd(pipe_r.as_fd()).unwrap(), "pipe");
    assert_eq!(pull.recv().unwrap(), "msg");
    assert_eq!(poller.wait(Some(Duration::ZERO)).unwrap().count(), 0);
}

#[test]
fn entries_can_be_removed_and_readded_between_polls() {
    let ctx = Context::new();
    let (push_a, pull_a) = pipeline(&ctx, Transport::Inproc);
    let (push_b, pull_b) = pipeline(&ctx, Transport::Inproc);
    push_a.send("a").unwrap();
    push_b.send("b").unwrap();

    let mut set = PollSet::new();
    let ha = set.add(&pull_a, PollEvents::IN);
    let hb = set.add(&pull_b, PollEvents::IN);
    assert_eq!(set.poll(Some(TIMEOUT)).unwrap(), 2);

    // Without A, only B is reported; A's handle is dead.
    set.remove(ha).unwrap();
    assert_eq!(set.len(), 1);
    assert_eq!(set.poll(Some(TIMEOUT)).unwrap(), 1);
    assert!(set.is_readable(hb));
    assert!(set.revents(ha).is_empty());
    assert_eq!(set.remove(ha), Err(Error::InvalidArgument));
    assert_eq!(
        set.set_events(ha, PollEvents::IN),
        Err(Error::InvalidArgument)
    );

    // Re-added (as the load-balancing broker does with its frontend): a new
    // handle, which the old one does not alias.
    let ha2 = set.add(&pull_a, PollEvents::IN);
    assert_ne!(ha, ha2);
    assert_eq!(set.poll(Some(TIMEOUT)).unwrap(), 2);
    assert!(set.is_readable(ha2) && set.is_readable(hb));
    assert!(!set.contains(ha));

    // Pausing by events works too.
    set.set_events(hb, PollEvents::empty()).unwrap();
    assert_eq!(set.poll(Some(TIMEOUT)).unwrap(), 1);
    assert!(set.is_readable(ha2) && !set.is_readable(hb));

    // Handles of another set are refused.
    let mut other = PollSet::new();
    let foreign = other.add(&pull_a, PollEvents::IN);
    assert_eq!(set.remove(foreign), Err(Error::InvalidArgument));
    assert_eq!(pull_a.recv().unwrap(), "a");
    assert_eq!(pull_b.recv().unwrap(), "b");
}

#[test]
fn poller_add_modify_remove_follow_zmq_poller_rules() {
    let ctx = Context::new();
    let (push, pull) = pipeline(&ctx, Transport::Inproc);
    let mut poller = Poller::new();
    // As zmq_poller_wait_all: waiting forever on nothing is EFAULT.
    assert_eq!(poller.wait(None).err(), Some(Error::Fault));
    poller.add(&pull, PollEvents::IN, 1).unwrap();
    assert_eq!(
        poller.add(&pull, PollEvents::IN, 2).err(),
        Some(Error::InvalidArgument)
    );
    assert_eq!(
        poller.modify(&push, PollEvents::OUT),
        Err(Error::InvalidArgument)
    );
    assert_eq!(poller.remove(&push), Err(Error::InvalidArgument));
    *poller.data_mut(&pull).unwrap() += 10;
    assert_eq!(poller.data(&pull), Some(&11));

    push.send("x").unwrap();
    let ready: Vec<_> = poller.wait(Some(TIMEOUT)).unwrap().collect();
    assert_eq!(ready, [(&11, PollEvents::IN)]);
    assert_eq!(poller.remove(&pull), Ok(11));
    assert!(poller.is_empty());
    // With every subscription disabled, an endless wait could never end.
    poller.add(&pull, PollEvents::empty(), 3).unwrap();
    assert_eq!(poller.wait(None).err(), Some(Error::Fault));
    assert_eq!(pull.recv().unwrap(), "x");
}

#[test]
fn empty_pollset_sleeps_or_refuses_to_wait_forever() {
    let mut set = PollSet::new();
    assert!(set.is_empty());
    assert_eq!(set.poll(Some(Duration::from_millis(1))), Ok(0));
    assert_eq!(set.poll(None), Err(Error::InvalidArgument));
}

#[test]
fn shutdown_ends_an_endless_poll() {
    let ctx = Context::new();
    let pull = socket::<Pull>(&ctx);
    bind_any(&pull, Transport::Inproc);
    let handle = ctx.clone();
    // Before or after the poll starts, the poll ends with ETERM.
    let stopper = std::thread::spawn(move || handle.shutdown().unwrap());
    let result = within(TIMEOUT, move || {
        let mut set = PollSet::new();
        set.add(&pull, PollEvents::IN);
        set.poll(None)
    });
    stopper.join().unwrap();
    assert_eq!(result, Err(Error::ContextTerminated));
}
