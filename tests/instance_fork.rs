//! `Context::instance()` in a forked child is a new context (pyzmq's
//! behaviour). Alone in its test binary: no other test thread may hold a
//! lock while the process forks.

use std::time::{Duration, Instant};
use zmq::{Context, Pair};

#[test]
fn a_forked_child_gets_its_own_shared_instance() {
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
    let mut status = 0;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        // SAFETY: waitpid on our own child with a valid status pointer.
        let rc = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if rc == pid {
            break;
        }
        if Instant::now() > deadline {
            // SAFETY: kill our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("the forked child hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "child status {status}"
    );
    // The parent's instance is still the same, and works.
    assert_eq!(Context::instance().as_raw() as usize, parent_ptr);
    let s = parent.socket::<Pair>().unwrap();
    s.bind("inproc://parent-after-fork").unwrap();
}
