//! Forked children: they never touch the parent's libzmq state, and
//! `Context::instance()` there is a new context (pyzmq's behaviour). In a
//! test binary of their own, one at a time: no other test thread may hold a
//! lock while the process forks.

mod common;

use common::{Transport, connected, wait_child};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use zmq::{Context, Pair, Pull, Push};

fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

#[test]
fn a_forked_child_gets_its_own_shared_instance() {
    let _one = one_at_a_time();
    let parent = Context::instance();
    let parent_ptr = parent.as_raw() as usize;

    // SAFETY: the test binary has no other test thread; the child creates
    // a context (libzmq supports a fresh context in a child) and ends with
    // _exit.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let child = Context::instance();
        let again = Context::instance();
        let round_trip = || -> zmq::Result<bool> {
            let (a, b) = (child.socket::<Pair>()?, child.socket::<Pair>()?);
            a.set_rcvtimeo(Some(Duration::from_secs(5)))?;
            a.bind("inproc://fork-instance")?;
            b.connect("inproc://fork-instance")?;
            b.send("in the child")?;
            Ok(a.recv()? == "in the child")
        };
        let ok = child.as_raw() as usize != parent_ptr
            && again.as_raw() == child.as_raw()
            && round_trip().unwrap_or(false);
        // SAFETY: ends the child at once, without the harness teardown.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    let status = wait_child(pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "child status {status}"
    );
    // The parent's instance is still the same, and works.
    assert_eq!(Context::instance().as_raw() as usize, parent_ptr);
    let s = parent.socket::<Pair>().unwrap();
    s.bind("inproc://parent-after-fork").unwrap();
}

#[test]
fn forked_child_drops_inherited_context_and_sockets_without_hanging() {
    let _one = one_at_a_time();
    let ctx = Context::new();
    let (pull, push) = connected::<Pull, Push>(&ctx, Transport::Tcp);
    let monitor = push.monitor(zmq::MonitorEvents::ALL).unwrap();
    let pending = ctx.socket::<Push>().unwrap();
    pending.connect("tcp://127.0.0.1:9").unwrap();
    pending.send("queued in the parent").unwrap(); // infinite linger
    let auth = zmq::Authenticator::start(&ctx).unwrap();

    // SAFETY: the child only drops values and calls _exit (no allocation-
    // heavy work; glibc keeps malloc usable after fork).
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        drop(auth);
        drop(monitor);
        drop(pending);
        drop(push);
        drop(pull);
        drop(ctx);
        // SAFETY: ends the child at once, without running the parent's
        // test harness teardown.
        unsafe { libc::_exit(0) };
    }
    // The parent's copy must not wait for its undeliverable message when
    // this test ends (whether or not it fails); the child's copy kept the
    // infinite linger.
    pending.set_linger(Some(Duration::ZERO)).unwrap();
    let status = wait_child(pid);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{status}"
    );

    // The parent's context is untouched.
    push.send("after the fork").unwrap();
    assert_eq!(pull.recv().unwrap(), "after the fork");
    drop(auth);
}
