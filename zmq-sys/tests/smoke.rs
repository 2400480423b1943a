//! A smoke test of the linked libzmq through the raw declarations: its
//! version, its capabilities, and one message over `inproc://`. CI runs it
//! in the unpacked `zmq-sys` package too, where it proves that the bundled
//! sources travel with the package.

use std::ffi::{CStr, c_int, c_void};
use std::ptr;
use zmq_sys as sys;

fn version() -> (c_int, c_int, c_int) {
    let (mut major, mut minor, mut patch) = (0, 0, 0);
    // SAFETY: zmq_version writes three ints through valid pointers.
    unsafe { sys::zmq_version(&mut major, &mut minor, &mut patch) };
    (major, minor, patch)
}

fn has(capability: &CStr) -> bool {
    // SAFETY: a valid NUL-terminated string.
    unsafe { sys::zmq_has(capability.as_ptr()) == 1 }
}

/// Fails with libzmq's errno message when `rc` is -1.
fn check(rc: c_int, what: &str) {
    if rc == -1 {
        // SAFETY: zmq_errno and zmq_strerror have no preconditions;
        // zmq_strerror returns a static NUL-terminated string.
        let msg = unsafe { CStr::from_ptr(sys::zmq_strerror(sys::zmq_errno())) };
        panic!("{what} failed: {}", msg.to_string_lossy());
    }
}

#[test]
fn linked_library_answers() {
    let (major, minor, patch) = version();
    println!(
        "libzmq {major}.{minor}.{patch}, bundled: {}, curve: {}",
        sys::vendored(),
        has(c"curve")
    );
    assert!((major, minor, patch) >= (4, 3, 4));
    if sys::vendored() {
        assert_eq!((major, minor, patch), (4, 3, 5));
        assert_eq!(has(c"curve"), cfg!(feature = "curve"));
        assert_eq!(has(c"draft"), cfg!(feature = "draft"));
    }
    assert!(has(c"ipc"));
}

#[test]
fn one_message_over_inproc() {
    // SAFETY: the usual C sequence: every pointer passed is one libzmq
    // returned and checked for null, or a live local; the message is
    // initialised before use and closed once; sockets are closed before the
    // context is terminated. RCVTIMEO bounds the receive.
    unsafe {
        let ctx = sys::zmq_ctx_new();
        assert!(!ctx.is_null());
        let a = sys::zmq_socket(ctx, sys::ZMQ_PAIR);
        let b = sys::zmq_socket(ctx, sys::ZMQ_PAIR);
        assert!(!a.is_null() && !b.is_null());
        check(sys::zmq_bind(a, c"inproc://smoke".as_ptr()), "bind");
        check(sys::zmq_connect(b, c"inproc://smoke".as_ptr()), "connect");
        let timeout: c_int = 5000;
        check(
            sys::zmq_setsockopt(
                a,
                sys::ZMQ_RCVTIMEO,
                ptr::from_ref(&timeout).cast::<c_void>(),
                size_of::<c_int>(),
            ),
            "setsockopt",
        );
        check(sys::zmq_send(b, b"ping".as_ptr().cast(), 4, 0), "send");
        let mut msg = sys::zmq_msg_t::default();
        check(sys::zmq_msg_init(&mut msg), "msg_init");
        let n = sys::zmq_msg_recv(&mut msg, a, 0);
        check(n, "recv");
        let data = std::slice::from_raw_parts(sys::zmq_msg_data(&mut msg).cast::<u8>(), n as usize);
        assert_eq!(data, b"ping");
        check(sys::zmq_msg_close(&mut msg), "msg_close");
        check(sys::zmq_close(a), "close");
        check(sys::zmq_close(b), "close");
        check(sys::zmq_ctx_term(ctx), "ctx_term");
    }
}
