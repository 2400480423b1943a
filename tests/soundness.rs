//! One test per hole found by the soundness review (issue 9), and their
//! siblings: uninitialised payloads, impossible sizes, a shut-down context,
//! malformed CURVE keys and endpoints, long option values, huge frames,
//! termination with queued messages, and forked children.

mod common;

use common::{TIMEOUT, Transport, connected, socket, within};
use std::io::Write;
use std::process::Command;
use std::time::Duration;
use zmq::{
    Context, CurveKey, Dynamic, Error, Message, Pair, Proxy, ProxyControl, Pull, Push, Sub,
    UninitMessage,
};

/// Runs this test binary again with only `test` and `ZMQ_TEST_CHILD=1`, for
/// behaviour that ends the process; returns its status and stderr.
fn run_child(test: &str) -> (std::process::ExitStatus, String) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env("ZMQ_TEST_CHILD", "1")
        .output()
        .expect("run the test binary");
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn in_child() -> bool {
    std::env::var_os("ZMQ_TEST_CHILD").is_some()
}

// ---- 1. uninitialised payloads ---------------------------------------------

#[test]
fn uninit_message_gives_safe_code_only_written_bytes() {
    // Partly written: no message, the rest comes back.
    let mut m = UninitMessage::new(8);
    m.write_all(b"abc").unwrap();
    assert_eq!(m.filled(), 3);
    let m = m.into_message().unwrap_err();
    // Zero the rest: every byte initialised.
    assert_eq!(m.zero_rest(), b"abc\0\0\0\0\0");

    // Fully written: the message, with exactly those bytes.
    let mut m = UninitMessage::new(4);
    m.write_all(b"full").unwrap();
    assert_eq!(m.into_message().unwrap(), "full");

    // Writing past the end fails and writes nothing there.
    let mut m = UninitMessage::new(2);
    assert!(m.write_all(b"toolong").is_err());
    assert_eq!(m.filled(), 2);
    assert_eq!(m.into_message().unwrap(), "to");
}

#[test]
fn zero_rest_frames_arrive_zeroed_over_inproc_and_tcp() {
    let ctx = Context::new();
    for transport in [Transport::Inproc, Transport::Tcp] {
        let (pull, push) = connected::<Pull, Push>(&ctx, transport);
        // Dirty the heap with a "secret" first, freed before the send.
        drop(vec![0xA5u8; 4096]);
        let mut msg = UninitMessage::new(4096);
        msg.write_all(b"head").unwrap();
        push.send(msg.zero_rest()).unwrap();
        let got = pull.recv().unwrap();
        assert_eq!(&got[..4], b"head");
        assert!(got[4..].iter().all(|&b| b == 0), "{transport:?}");
    }
}

// ---- 2. impossible sizes ---------------------------------------------------

#[test]
fn impossible_sizes_are_errors_not_segfaults() {
    for len in [usize::MAX, isize::MAX as usize + 1, isize::MAX as usize] {
        assert_eq!(Message::try_with_size(len).unwrap_err(), Error::OutOfMemory);
    }
    // The message is still usable afterwards: nothing was left half made.
    assert_eq!(Message::try_with_size(5).unwrap(), [0u8; 5]);
}

#[test]
fn with_size_usize_max_aborts_like_rust_allocation_failure() {
    if in_child() {
        let _ = Message::with_size(usize::MAX);
        return;
    }
    let (status, stderr) = run_child("with_size_usize_max_aborts_like_rust_allocation_failure");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGABRT), "{status:?} {stderr}");
    assert!(stderr.contains("memory allocation of"), "{stderr}");
}

#[test]
fn uninit_message_of_huge_size_aborts_cleanly() {
    if in_child() {
        let _ = UninitMessage::new(isize::MAX as usize).zero_rest();
        return;
    }
    let (status, stderr) = run_child("uninit_message_of_huge_size_aborts_cleanly");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGABRT), "{status:?} {stderr}");
    assert!(stderr.contains("memory allocation of"), "{stderr}");
}

// ---- 3. a shut-down context ------------------------------------------------

#[test]
fn no_method_panics_after_shutdown() {
    let ctx = Context::new();
    let dynamic = ctx.dynamic_socket(zmq::SocketKind::Sub).unwrap();
    let xsub = ctx.dynamic_socket(zmq::SocketKind::XSub).unwrap();
    let pair = ctx.socket::<Pair>().unwrap();
    let other = ctx.socket::<Pair>().unwrap();
    ctx.shutdown().unwrap();

    assert_eq!(dynamic.kind(), zmq::SocketKind::Sub);
    assert!(format!("{dynamic:?}").contains("Sub"));
    // Option calls fail with ETERM once the socket has seen the shutdown
    // (libzmq processes it lazily): either way, no panic.
    let ok_or_term = |r: zmq::Result<()>| matches!(r, Ok(()) | Err(Error::ContextTerminated));
    assert!(ok_or_term(dynamic.subscribe("x")));
    assert!(ok_or_term(xsub.subscribe("x")));
    assert!(ok_or_term(dynamic.rcvtimeo().map(drop)));
    let dynamic = dynamic.downcast::<Sub>().unwrap();
    assert_eq!(dynamic.recv().unwrap_err(), Error::ContextTerminated);
    let _ = Proxy::new(&other, &other).control(&pair);
    let control = ProxyControl::new(pair);
    assert_eq!(control.pause().unwrap_err(), Error::ContextTerminated);
    assert_eq!(ctx.socket::<Pair>().unwrap_err(), Error::ContextTerminated);
}

#[test]
fn from_raw_rejects_null_and_foreign_types() {
    let ctx = Context::new();
    // SAFETY: null is allowed and refused.
    let null = unsafe { zmq::Socket::<Pair>::from_raw(&ctx, std::ptr::null_mut()) };
    assert_eq!(null.unwrap_err(), Error::InvalidArgument);
    let raw = ctx.socket::<Push>().unwrap().into_raw();
    // SAFETY: an open socket of `ctx` that nothing else uses.
    let wrong = unsafe { zmq::Socket::<Pull>::from_raw(&ctx, raw) };
    assert_eq!(wrong.unwrap_err(), Error::InvalidArgument);
    // SAFETY: still ours (the failed call did not take it).
    let right = unsafe { zmq::Socket::<Dynamic>::from_raw(&ctx, raw) }.unwrap();
    assert_eq!(right.kind(), zmq::SocketKind::Push);
}

// ---- 4. CURVE keys ---------------------------------------------------------

#[test]
fn curve_key_setters_accept_exactly_what_z85_decode_accepts() {
    let ctx = Context::new();
    let s = ctx.socket::<Pair>().unwrap();
    let good = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
    if zmq::has("curve") {
        s.set_curve_serverkey(good).unwrap();
        assert_eq!(s.curve_serverkey().unwrap().to_z85(), good);
    }
    // A NUL inside 40 bytes: libzmq would keep the tail of the old key.
    let mut with_nul = good.as_bytes().to_vec();
    with_nul[20] = 0;
    assert_eq!(
        s.set_curve_serverkey(&with_nul).unwrap_err(),
        Error::InvalidArgument
    );
    if zmq::has("curve") {
        assert_eq!(
            s.curve_serverkey().unwrap().to_z85(),
            good,
            "old key unchanged"
        );
    }
    // Pseudo-random 40-byte strings: the setter agrees with z85::decode.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut accepted = 0;
    for _ in 0..2000 {
        let key: Vec<u8> = (0..40)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Mostly Z85 characters, sometimes anything.
                let alphabet =
                    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
                if x % 50 == 0 { (x >> 8) as u8 } else { alphabet[(x >> 16) as usize % 85] }
            })
            .collect();
        let decoded = std::str::from_utf8(&key)
            .ok()
            .and_then(|t| zmq::z85::decode(t).ok());
        let set = CurveKey::from_bytes_or_z85(&key);
        assert_eq!(decoded.is_some(), set.is_ok(), "{key:?}");
        if let Some(bytes) = decoded {
            accepted += 1;
            assert_eq!(set.unwrap().0.to_vec(), bytes);
            if zmq::has("curve") {
                s.set_curve_publickey(&key).unwrap();
            }
        } else {
            assert_eq!(
                s.set_curve_publickey(&key).unwrap_err(),
                Error::InvalidArgument
            );
        }
    }
    assert!(accepted > 100 && accepted < 2000, "{accepted}");
}

// ---- 5. endpoints that libzmq misreads (more in tests/bad_input.rs) ---------

#[test]
fn truncated_ports_are_refused() {
    let ctx = Context::new();
    let s = socket::<Pull>(&ctx);
    for endpoint in [
        "tcp://127.0.0.1:+99999",
        "tcp://127.0.0.1:-1",
        "tcp://127.0.0.1:99999x",
        "tcp://127.0.0.1: 99999",
        "tcp://127.0.0.1:99999",
    ] {
        let e = s.bind(endpoint).unwrap_err();
        assert_eq!(e.cause(), &Error::InvalidArgument, "{endpoint}");
        assert_eq!(e.endpoint(), Some(endpoint));
    }
    for endpoint in ["tcp://[::1]]:5555", "tcp://:5555", "tcp://[]:5555"] {
        let e = s.connect(endpoint).unwrap_err();
        assert_eq!(e.cause(), &Error::InvalidArgument, "{endpoint}");
    }
    // Still usable.
    s.bind("tcp://127.0.0.1:*").unwrap();
}

// ---- 6. long option values read back ---------------------------------------

#[test]
fn string_options_read_back_every_length_their_setters_accept() {
    let ctx = Context::new();
    let s = ctx.socket::<Push>().unwrap();
    for len in [0, 1, 255, 1023, 1024, 5000, 64 * 1024] {
        let value = "p".repeat(len);
        s.set_socks_proxy(&value).unwrap();
        assert_eq!(s.socks_proxy().unwrap().len(), len);
    }
    let too_long = "p".repeat(64 * 1024 + 1);
    assert_eq!(
        s.set_socks_proxy(&too_long).unwrap_err(),
        Error::InvalidArgument
    );
    assert_eq!(s.socks_proxy().unwrap().len(), 64 * 1024, "unchanged");

    // last_endpoint of a long inproc name.
    let name = format!("inproc://{}", "n".repeat(2000));
    s.bind(&name).unwrap();
    assert_eq!(s.last_endpoint().unwrap(), name);

    // A 255-byte routing id, the most libzmq takes.
    let dealer = ctx.socket::<zmq::Dealer>().unwrap();
    dealer.set_routing_id([7u8; 255]).unwrap();
    assert_eq!(dealer.routing_id().unwrap(), [7u8; 255]);
}

// ---- 7. huge frames --------------------------------------------------------

#[test]
fn recv_into_reports_the_real_size_of_a_3_gib_frame() {
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    let size = 3usize << 30;
    // Zeroed pages from the OS: nothing is touched until read.
    a.send(vec![0u8; size]).unwrap();
    let mut buf = [1u8; 16];
    assert_eq!(b.recv_into(&mut buf).unwrap(), size);
    assert_eq!(buf, [0u8; 16]);
}

// ---- 8. terminating with queued messages -----------------------------------

#[test]
fn destroy_returns_within_its_bound_with_sockets_in_other_threads() {
    within(TIMEOUT, || {
        let ctx = Context::new();
        // A socket closed *before* destroy, holding an undeliverable message
        // under the default infinite linger.
        let early = ctx.socket::<Push>().unwrap();
        early.connect("tcp://127.0.0.1:9").unwrap();
        early.send("never delivered").unwrap();
        drop(early);

        // A socket in another thread, blocked, with a queued message too.
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let worker_ctx = ctx.clone();
        let worker = std::thread::spawn(move || {
            let push = worker_ctx.socket::<Push>().unwrap();
            push.connect("tcp://127.0.0.1:9").unwrap();
            push.send("queued").unwrap();
            let pull = worker_ctx.socket::<Pull>().unwrap();
            ready_tx.send(()).unwrap();
            let woke = pull.recv().unwrap_err();
            (woke, push, pull) // dropped by the joiner, after destroy
        });
        ready_rx.recv().unwrap();
        ctx.destroy(Duration::from_millis(100));
        let (woke, push, pull) = worker.join().unwrap();
        assert_eq!(woke, Error::ContextTerminated);
        drop(pull);
        drop(push); // the last holder: terminates, within the bound
    });
}

// ---- 9. forked children: tests/fork.rs (alone in its binary) -------------
