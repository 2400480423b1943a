//! `ActivePoller`: handlers run per ready item and may add and remove
//! entries (their own included) during `wait` (tests/alloc.rs: a `wait`
//! makes no heap allocation once the poller is sized).

mod common;

use common::{TIMEOUT, Transport, await_readable, connected};
use std::cell::{Cell, RefCell};
use std::os::fd::AsFd;
use zmq::{ActivePoller, Context, Error, PollEntry, PollEvents, Pull, Push, SocketRef};

fn pipeline(ctx: &Context) -> (zmq::Socket<Pull>, zmq::Socket<Push>) {
    connected::<Pull, Push>(ctx, Transport::Inproc)
}

#[test]
fn handlers_run_for_ready_items_only_and_see_their_socket() {
    let ctx = Context::new();
    let (pull_a, push_a) = pipeline(&ctx);
    let (pull_b, _push_b) = pipeline(&ctx);
    let seen: RefCell<Vec<(SocketRef, PollEvents)>> = RefCell::new(Vec::new());
    fn record<'a>(
        seen: &'a RefCell<Vec<(SocketRef<'a>, PollEvents)>>,
    ) -> impl FnMut(&mut ActivePoller<'a>, PollEntry<'a>) + 'a {
        move |_, entry| {
            let socket = entry.socket_ref().unwrap();
            socket.recv(zmq::RecvFlags::NONE).unwrap();
            seen.borrow_mut().push((socket, entry.revents()));
        }
    }
    let mut poller = ActivePoller::new();
    poller.add(&pull_a, PollEvents::IN, record(&seen)).unwrap();
    poller.add(&pull_b, PollEvents::IN, record(&seen)).unwrap();
    assert_eq!(poller.len(), 2);
    push_a.send("x").unwrap();
    assert_eq!(poller.wait(Some(TIMEOUT)).unwrap(), 1);
    assert_eq!(poller.wait(Some(std::time::Duration::ZERO)).unwrap(), 0);
    drop(poller);
    assert_eq!(*seen.borrow(), [(pull_a.socket_ref(), PollEvents::IN)]);
}

#[test]
fn add_modify_remove_follow_zmq_poller_rules() {
    let ctx = Context::new();
    let (pull, push) = pipeline(&ctx);
    let mut poller = ActivePoller::new();
    // Nothing to wait for, forever: EFAULT, as zmq_poller_wait_all.
    assert_eq!(poller.wait(None), Err(Error::Fault));
    assert_eq!(
        poller.wait(Some(std::time::Duration::from_millis(1))),
        Ok(0)
    );
    poller.add(&pull, PollEvents::IN, |_, _| ()).unwrap();
    assert_eq!(
        poller.add(&pull, PollEvents::IN, |_, _| ()),
        Err(Error::InvalidArgument)
    );
    let unknown = PollEvents::from_bits(0x40);
    assert_eq!(
        poller.add(&push, unknown, |_, _| ()),
        Err(Error::InvalidArgument)
    );
    assert_eq!(poller.modify(&pull, unknown), Err(Error::InvalidArgument));
    assert_eq!(
        poller.modify(&push, PollEvents::OUT),
        Err(Error::InvalidArgument)
    );
    assert_eq!(poller.remove(&push), Err(Error::InvalidArgument));
    poller.modify(&pull, PollEvents::empty()).unwrap();
    assert_eq!(poller.wait(None), Err(Error::Fault));
    poller.remove(&pull).unwrap();
    assert!(poller.is_empty());
}

#[test]
fn a_handler_removes_itself_and_is_dropped_after_it_returns() {
    let ctx = Context::new();
    let (pull, push) = pipeline(&ctx);
    struct DropFlag<'a>(&'a Cell<bool>);
    impl Drop for DropFlag<'_> {
        fn drop(&mut self) {
            self.0.set(true);
        }
    }
    let dropped = Cell::new(false);
    let runs = Cell::new(0);
    let flag = DropFlag(&dropped);
    let runs_ref = &runs;
    let mut poller = ActivePoller::new();
    poller
        .add(&pull, PollEvents::IN, move |poller, entry| {
            let _keep = &flag;
            runs_ref.set(runs_ref.get() + 1);
            let socket = entry.socket::<Pull>().unwrap();
            poller.remove(socket).unwrap();
            // Still running: not dropped yet.
            assert!(!flag.0.get());
            assert_eq!(poller.remove(socket), Err(Error::InvalidArgument));
        })
        .unwrap();
    push.send("a").unwrap();
    push.send("b").unwrap();
    assert_eq!(poller.wait(Some(TIMEOUT)).unwrap(), 1);
    assert!(dropped.get());
    assert!(poller.is_empty());
    assert_eq!(poller.wait(Some(std::time::Duration::ZERO)).unwrap(), 0);
    assert_eq!(runs.get(), 1);
}

#[test]
fn a_handler_removes_another_ready_entry_which_then_does_not_run() {
    let ctx = Context::new();
    let (pull_a, push_a) = pipeline(&ctx);
    let (pull_b, push_b) = pipeline(&ctx);
    push_a.send("a").unwrap();
    push_b.send("b").unwrap();
    let ran = RefCell::new(Vec::new());
    let (a, b) = (pull_a.socket_ref(), pull_b.socket_ref());
    /// Records itself and removes `other` (whoever runs first wins).
    fn remover<'a>(
        ran: &'a RefCell<Vec<SocketRef<'a>>>,
        other: &'a zmq::Socket<Pull>,
    ) -> impl FnMut(&mut ActivePoller<'a>, PollEntry<'a>) + 'a {
        move |poller, entry| {
            ran.borrow_mut().push(entry.socket_ref().unwrap());
            poller.remove(other).unwrap();
        }
    }
    let mut poller = ActivePoller::new();
    poller
        .add(&pull_a, PollEvents::IN, remover(&ran, &pull_b))
        .unwrap();
    poller
        .add(&pull_b, PollEvents::IN, remover(&ran, &pull_a))
        .unwrap();
    // Both are ready before the wait.
    await_readable(&pull_a);
    await_readable(&pull_b);
    assert_eq!(poller.wait(Some(TIMEOUT)).unwrap(), 2);
    assert_eq!(poller.len(), 1);
    drop(poller);
    let ran = ran.borrow();
    assert_eq!(ran.len(), 1, "the removed entry must not run");
    assert!(ran[0] == a || ran[0] == b);
}

#[test]
fn a_handler_adds_an_entry_that_runs_from_the_next_wait() {
    let ctx = Context::new();
    let (pull_a, push_a) = pipeline(&ctx);
    let (pull_b, push_b) = pipeline(&ctx);
    push_a.send("a").unwrap();
    push_b.send("b").unwrap();
    await_readable(&pull_b);
    let log = RefCell::new(Vec::new());
    let mut poller = ActivePoller::new();
    let pull_b = &pull_b;
    let log_ref = &log;
    poller
        .add(&pull_a, PollEvents::IN, move |poller, entry| {
            let socket = entry.socket::<Pull>().unwrap();
            log_ref.borrow_mut().push(socket.recv_string().unwrap());
            poller.remove(socket).unwrap();
            poller
                .add(pull_b, PollEvents::IN, move |poller, entry| {
                    let socket = entry.socket::<Pull>().unwrap();
                    log_ref.borrow_mut().push(socket.recv_string().unwrap());
                    poller.remove(socket).unwrap();
                })
                .unwrap();
        })
        .unwrap();
    assert_eq!(poller.wait(Some(TIMEOUT)).unwrap(), 1);
    assert_eq!(*log.borrow(), ["a"]);
    assert_eq!(poller.wait(Some(TIMEOUT)).unwrap(), 1);
    assert!(poller.is_empty());
    drop(poller);
    assert_eq!(log.into_inner(), ["a", "b"]);
}

#[test]
fn a_handler_removes_and_re_adds_its_own_socket() {
    let ctx = Context::new();
    let (pull, push) = pipeline(&ctx);
    let generations = Cell::new(0);
    fn handler<'a>(
        generations: &'a Cell<u32>,
    ) -> impl FnMut(&mut ActivePoller<'a>, zmq::PollEntry<'a>) + 'a {
        move |poller, entry| {
            let socket = entry.socket::<Pull>().unwrap();
            socket.recv().unwrap();
            generations.set(generations.get() + 1);
            poller.remove(socket).unwrap();
            poller
                .add(socket, PollEvents::IN, handler(generations))
                .unwrap();
        }
    }
    let mut poller = ActivePoller::new();
    poller
        .add(&pull, PollEvents::IN, handler(&generations))
        .unwrap();
    for i in 1..=3 {
        push.send("x").unwrap();
        assert_eq!(poller.wait(Some(TIMEOUT)).unwrap(), 1);
        assert_eq!(generations.get(), i);
        assert_eq!(poller.len(), 1);
    }
}

#[test]
fn file_descriptors_have_handlers_too() {
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let fired = Cell::new(false);
    let mut poller = ActivePoller::new();
    poller
        .add_fd(udp.as_fd(), PollEvents::OUT, |poller, entry| {
            assert!(entry.socket_ref().is_none());
            let fd = entry.fd().unwrap();
            fired.set(true);
            poller.modify_fd(fd, PollEvents::empty()).unwrap();
        })
        .unwrap();
    assert_eq!(poller.wait(Some(TIMEOUT)).unwrap(), 1);
    assert_eq!(poller.wait(Some(std::time::Duration::ZERO)).unwrap(), 0);
    poller.remove_fd(udp.as_fd()).unwrap();
    drop(poller);
    assert!(fired.get());
}
