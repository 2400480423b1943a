//! The pieces added for cppzmq parity (docs/cppzmq.md): SocketRef,
//! recv_multipart_n, option_into, flag operators, Multipart helpers,
//! Poller entries, monitors on chosen endpoints and their abort, foreign
//! message buffers and properties, raw context options.

mod common;

use common::{TIMEOUT, Transport, connected, inproc, socket};
use std::collections::{BTreeSet, HashSet};
use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};
use zmq::{
    BytesOption, Context, Dealer, Error, Message, MessageProperty, MonitorEvent, MonitorEvents,
    Multipart, Pair, PollEvents, Poller, Pub, Pull, Push, RecvFlags, Router, SendFlags, SocketRef,
};

fn pair(ctx: &Context) -> (zmq::Socket<Pair>, zmq::Socket<Pair>) {
    connected::<Pair, Pair>(ctx, Transport::Inproc)
}

// ----- SocketRef --------------------------------------------------------

#[test]
fn socket_refs_identify_sockets_in_maps_and_sets() {
    let ctx = Context::new();
    let (a, b) = pair(&ctx);
    let (ra, rb) = (a.socket_ref(), SocketRef::from(&b));
    assert_eq!(ra, a.socket_ref());
    assert_ne!(ra, rb);
    assert_eq!(ra.cmp(&rb), ra.as_raw().cmp(&rb.as_raw()));
    let hashed: HashSet<SocketRef> = [ra, rb, ra].into_iter().collect();
    let ordered: BTreeSet<SocketRef> = [rb, ra, rb].into_iter().collect();
    assert_eq!((hashed.len(), ordered.len()), (2, 2));
    // A typed socket turned dynamic is still the same socket.
    let raw = a.as_raw();
    let dynamic = a.into_dynamic();
    assert_eq!(dynamic.socket_ref().as_raw(), raw);
}

#[test]
fn socket_refs_do_untyped_work_with_libzmqs_errors() {
    let ctx = Context::new();
    let (pull, push) = connected::<Pull, Push>(&ctx, Transport::Inproc);
    let (rp, rs) = (pull.socket_ref(), push.socket_ref());
    assert_eq!(rp.kind().unwrap(), zmq::SocketKind::Pull);
    rs.send("a", SendFlags::SNDMORE).unwrap();
    rs.send(Message::from("b"), SendFlags::NONE).unwrap();
    let mut first = Message::new();
    rp.recv_msg(&mut first, RecvFlags::NONE).unwrap();
    assert!(first.more());
    let mut buf = [0u8; 4];
    assert_eq!(rp.recv_into(&mut buf, RecvFlags::NONE).unwrap(), 1);
    assert_eq!(&buf[..1], b"b");
    assert_eq!(rp.recv(RecvFlags::DONTWAIT), Err(Error::WouldBlock));
    // What the type cannot do fails as libzmq says, nothing is lost.
    let err = rp.send("nope", SendFlags::DONTWAIT).unwrap_err();
    assert_eq!(err.error, Error::NotSupported);
    assert_eq!(err.message, "nope");
    assert_eq!(rs.recv(RecvFlags::DONTWAIT), Err(Error::NotSupported));
    assert!(rs.events().unwrap().is_writable());
}

#[test]
fn a_socket_ref_from_a_raw_pointer_works_like_the_socket() {
    let ctx = Context::new();
    let (a, b) = pair(&ctx);
    // SAFETY: `b` stays open and on this thread while `r` is used.
    let r = unsafe { SocketRef::from_raw(b.as_raw()) }.unwrap();
    assert_eq!(r, b.socket_ref());
    a.send("via raw").unwrap();
    assert_eq!(r.recv(RecvFlags::NONE).unwrap(), "via raw");
    // SAFETY: null is refused before anything is dereferenced.
    assert!(unsafe { SocketRef::from_raw(std::ptr::null_mut()) }.is_none());
}

#[test]
fn poller_entries_report_the_socket_that_fired() {
    let ctx = Context::new();
    let (pull_a, push_a) = connected::<Pull, Push>(&ctx, Transport::Inproc);
    let (pull_b, _push_b) = connected::<Pull, Push>(&ctx, Transport::Inproc);
    let mut poller = Poller::new();
    poller.add(&pull_a, PollEvents::IN, ()).unwrap();
    poller.add(&pull_b, PollEvents::IN, ()).unwrap();
    push_a.send("x").unwrap();
    let fired: Vec<_> = poller
        .wait_entries(Some(TIMEOUT))
        .unwrap()
        .map(|(entry, ())| (entry.socket_ref(), entry.revents()))
        .collect();
    assert_eq!(fired, [(Some(pull_a.socket_ref()), PollEvents::IN)]);
    // Unknown event bits are refused, as zmq_poller_add does.
    let unknown = PollEvents::IN | PollEvents::from_bits(0x100);
    assert_eq!(poller.modify(&pull_a, unknown), Err(Error::InvalidArgument));
    let (pull_c, _push_c) = connected::<Pull, Push>(&ctx, Transport::Inproc);
    assert_eq!(
        poller.add(&pull_c, unknown, ()),
        Err(Error::InvalidArgument)
    );
    assert_eq!(poller.len(), 2);
}

// ----- recv_multipart_n -------------------------------------------------

#[test]
fn recv_multipart_n_fills_caller_storage() {
    let ctx = Context::new();
    let (a, b) = pair(&ctx);
    let mut frames: [Message; 3] = Default::default();
    assert_eq!(b.try_recv_multipart_n(&mut frames), Ok(None));
    a.send_multipart(["x", "y"]).unwrap();
    assert_eq!(b.recv_multipart_n(&mut frames).unwrap(), 2);
    assert_eq!((&frames[0][..], &frames[1][..]), (&b"x"[..], &b"y"[..]));
    a.send_multipart(["1", "2", "3"]).unwrap();
    assert_eq!(b.try_recv_multipart_n(&mut frames).unwrap(), Some(3));
    assert_eq!(frames[2], "3");
}

#[test]
fn recv_multipart_n_with_too_little_room_fails_and_drains_the_rest() {
    let ctx = Context::new();
    let (a, b) = pair(&ctx);
    let mut two: [Message; 2] = Default::default();
    a.send_multipart(["1", "2", "3", "4"]).unwrap();
    a.send_multipart(["next", "message"]).unwrap();
    assert_eq!(b.recv_multipart_n(&mut two), Err(Error::MessageTooLarge));
    assert_eq!((&two[0][..], &two[1][..]), (&b"1"[..], &b"2"[..]));
    // The rest of the first message is gone; the socket is in step.
    assert_eq!(b.recv_multipart_n(&mut two).unwrap(), 2);
    assert_eq!(two[0], "next");
    // No room at all: still an error, still in step.
    a.send("single").unwrap();
    a.send("after").unwrap();
    assert_eq!(b.recv_multipart_n(&mut []), Err(Error::MessageTooLarge));
    assert_eq!(b.recv().unwrap(), "after");
}

#[test]
fn recv_multipart_n_times_out_with_rcvtimeo() {
    let ctx = Context::new();
    let (_a, b) = pair(&ctx);
    b.set_rcvtimeo(Some(std::time::Duration::from_millis(10)))
        .unwrap();
    let mut one: [Message; 1] = Default::default();
    assert_eq!(b.recv_multipart_n(&mut one), Err(Error::WouldBlock));
}

// ----- option_into ------------------------------------------------------

#[test]
fn option_into_reads_bytes_and_text_without_allocating() {
    let ctx = Context::new();
    let s = socket::<Dealer>(&ctx);
    let id = [0u8, 1, 2, 0];
    s.set_routing_id(id).unwrap();
    let mut buf = [0xAAu8; 300];
    // Binary: a trailing zero byte is part of the value.
    assert_eq!(s.option_into(BytesOption::ROUTING_ID, &mut buf).unwrap(), 4);
    assert_eq!(buf[..4], id);
    let mut two = [0u8; 2];
    assert_eq!(s.option_into(BytesOption::ROUTING_ID, &mut two).unwrap(), 4);
    assert_eq!(two, id[..2]);
    // Text: the NUL is not counted; unset is empty.
    assert_eq!(s.option_into(BytesOption::ZAP_DOMAIN, &mut buf).unwrap(), 0);
    s.set_zap_domain("global").unwrap();
    let n = s.option_into(BytesOption::ZAP_DOMAIN, &mut buf).unwrap();
    assert_eq!(&buf[..n], b"global");
    s.bind("tcp://127.0.0.1:*").unwrap();
    let endpoint = s.last_endpoint().unwrap();
    let n = s.option_into(BytesOption::LAST_ENDPOINT, &mut buf).unwrap();
    assert_eq!(&buf[..n], endpoint.as_bytes());
    // Too small: the prefix, and the real length.
    let mut small = [0u8; 8];
    assert_eq!(
        s.option_into(BytesOption::LAST_ENDPOINT, &mut small)
            .unwrap(),
        endpoint.len()
    );
    assert_eq!(&small, &endpoint.as_bytes()[..8]);
    // The raw escape hatch reports libzmq's length, NUL included.
    assert_eq!(
        s.get_option_raw(zmq::sys::ZMQ_LAST_ENDPOINT, &mut buf)
            .unwrap(),
        endpoint.len() + 1
    );
    assert_eq!(
        s.option_into(BytesOption::text(-12345), &mut buf),
        Err(Error::InvalidArgument)
    );
}

#[test]
#[cfg_attr(
    not(zmq_curve),
    ignore = "the linked libzmq has no CURVE (or the build could not tell)"
)]
fn option_into_reads_curve_keys_in_binary_or_z85() {
    let ctx = Context::new();
    let s = socket::<Router>(&ctx);
    let keys = zmq::CurveKeyPair::new().unwrap();
    s.set_curve_publickey(keys.public.as_bytes()).unwrap();
    let mut binary = [0u8; 32];
    assert_eq!(
        s.option_into(BytesOption::CURVE_PUBLICKEY, &mut binary)
            .unwrap(),
        32
    );
    assert_eq!(&binary, keys.public.as_bytes());
    let mut text = [0u8; 64];
    let n = s
        .option_into(BytesOption::CURVE_PUBLICKEY, &mut text)
        .unwrap();
    assert_eq!(&text[..n], keys.public.to_z85().as_bytes());
    // Z85 into a short buffer: the prefix, and the real length.
    let mut short = [0u8; 20];
    assert_eq!(
        s.option_into(BytesOption::CURVE_PUBLICKEY, &mut short)
            .unwrap(),
        40
    );
    assert_eq!(&short[..], &keys.public.to_z85().as_bytes()[..20]);
}

// ----- flags ------------------------------------------------------------

#[test]
fn flags_have_every_bit_operator() {
    let both = RecvFlags::NONE | RecvFlags::DONTWAIT;
    assert_eq!(both, RecvFlags::DONTWAIT);
    assert_eq!(both & RecvFlags::NONE, RecvFlags::NONE);
    assert_eq!(both ^ RecvFlags::DONTWAIT, RecvFlags::NONE);
    assert_eq!((!RecvFlags::DONTWAIT & both), RecvFlags::NONE);
    let mut s = SendFlags::SNDMORE;
    s |= SendFlags::DONTWAIT;
    assert_eq!(s.bits(), zmq::sys::ZMQ_SNDMORE | zmq::sys::ZMQ_DONTWAIT);
    s &= !SendFlags::SNDMORE;
    assert_eq!(s, SendFlags::DONTWAIT);
    s ^= SendFlags::DONTWAIT;
    assert_eq!(s, SendFlags::NONE);
    let mut e = PollEvents::IN ^ PollEvents::OUT;
    e &= PollEvents::OUT;
    assert_eq!(e, PollEvents::OUT);
    e ^= PollEvents::OUT;
    assert!(e.is_empty());
    assert!((!PollEvents::IN).contains(PollEvents::OUT));
}

// ----- Multipart --------------------------------------------------------

#[test]
fn multipart_prepend_append_and_strings() {
    let mut m = Multipart::from(["body"]);
    m.prepend(Multipart::from(["id", ""]));
    m.append(Multipart::from(["tail"]));
    assert_eq!(m, Multipart::from(["id", "", "body", "tail"]));
    assert_eq!(m.peek_str(2), Some("body"));
    assert_eq!(m.peek_str(9), None);
    assert_eq!(m.pop_string().unwrap().unwrap(), "id");
    m.push_front(vec![0xFFu8, 0xFE]);
    match m.pop_string().unwrap() {
        Err(Error::InvalidUtf8 { bytes, .. }) => assert_eq!(bytes, [0xFF, 0xFE]),
        other => panic!("{other:?}"),
    }
    assert_eq!(m.len(), 3);
    let mut empty = Multipart::new();
    assert!(empty.pop_string().is_none());
}

#[test]
fn multipart_deep_clone_owns_its_bytes_and_clone_shares_them() {
    let m = Multipart::from([vec![7u8; 64]]);
    let mut shared = m.clone();
    assert!(
        shared[0].get_mut().is_none(),
        "a shallow clone is read-only"
    );
    let mut deep = m.deep_clone();
    deep[0].get_mut().unwrap()[0] = 1;
    assert_eq!(m[0][0], 7);
    assert_eq!(deep[0][0], 1);
}

#[test]
fn multipart_display_is_cppzmqs_str() {
    let big = vec![b'x'; 1000];
    let m = Multipart::from(vec![
        Message::from("text"),
        Message::from(&[1u8, 0xAB][..]),
        Message::new(),
        Message::from(big),
    ]);
    assert_eq!(
        m.to_string(),
        "[004] text\n[002] 01ab\n[000] \n[1000] ... (too big to print)"
    );
}

// ----- monitors ---------------------------------------------------------

#[test]
fn a_monitor_on_a_chosen_endpoint_is_read_by_another_thread() {
    let ctx = Context::new();
    let server = socket::<Pull>(&ctx);
    let endpoint = inproc("monitor-at");
    let monitor = server
        .monitor_at(&endpoint, MonitorEvents::LISTENING)
        .unwrap();
    // The endpoint is the one asked for: it is taken now.
    let other = socket::<Pair>(&ctx);
    assert_eq!(
        other.bind(&endpoint).unwrap_err().cause(),
        &Error::AddressInUse
    );
    let reader = std::thread::spawn(move || monitor.next_timeout(TIMEOUT));
    server.bind("tcp://127.0.0.1:*").unwrap();
    let event = reader.join().unwrap().unwrap().expect("an event in time");
    assert!(matches!(event, MonitorEvent::Listening { .. }), "{event:?}");
}

#[test]
fn abort_stops_a_blocked_monitor_read_from_another_thread() {
    let ctx = Context::new();
    let server = socket::<Pull>(&ctx);
    let monitor = server.monitor(MonitorEvents::ALL).unwrap();
    let abort = monitor.abort_handle();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // Blocks (no timeout) until the abort ends the stream.
        let events: Vec<_> = monitor.map(Result::unwrap).collect();
        let _ = tx.send(events);
    });
    std::thread::spawn(move || abort.abort())
        .join()
        .map(|stopped| assert!(stopped))
        .unwrap();
    let events = rx.recv_timeout(TIMEOUT).expect("the read ended");
    assert!(matches!(
        events.last(),
        Some(MonitorEvent::MonitorStopped { .. })
    ));
    // The socket is still usable and can be monitored again.
    let again = server.monitor(MonitorEvents::LISTENING).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    assert!(matches!(
        again.next_timeout(TIMEOUT).unwrap(),
        Some(MonitorEvent::Listening { .. })
    ));
}

// ----- Message ----------------------------------------------------------

static FREED: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn free_vec(data: *mut c_void, hint: *mut c_void) {
    // SAFETY: `data` and `hint` are the pointer and capacity of the Vec
    // taken apart in the test below.
    drop(unsafe { Vec::from_raw_parts(data.cast::<u8>(), 0, hint as usize) });
    FREED.fetch_add(1, Ordering::SeqCst);
}

#[test]
fn a_foreign_buffer_is_freed_once_by_its_own_function() {
    let ctx = Context::new();
    let (a, b) = pair(&ctx);
    let mut v = vec![9u8; 1000];
    let (ptr, len, cap) = (v.as_mut_ptr(), v.len(), v.capacity());
    std::mem::forget(v);
    // SAFETY: the Vec's parts; free_vec rebuilds and frees it.
    let msg = unsafe { Message::from_raw_parts(ptr, len, free_vec, cap as *mut c_void) }.unwrap();
    let copy = msg.clone();
    a.send(msg).unwrap();
    let got = b.recv().unwrap();
    assert_eq!(got.len(), 1000);
    assert_eq!(got[999], 9);
    drop(got);
    assert_eq!(FREED.load(Ordering::SeqCst), 0, "the clone still holds it");
    drop(copy);
    assert_eq!(FREED.load(Ordering::SeqCst), 1);
    // A null buffer with a length is refused before libzmq sees it.
    // SAFETY: refused without touching the pointer.
    let null =
        unsafe { Message::from_raw_parts(std::ptr::null_mut(), 1, free_vec, std::ptr::null_mut()) };
    assert_eq!(null.err(), Some(Error::InvalidArgument));
}

#[test]
fn messages_collect_bytes_and_report_properties() {
    let m: Message = b"abc".iter().copied().chain([b'd']).collect();
    assert_eq!(m, "abcd");
    let ctx = Context::new();
    let (a, b) = pair(&ctx);
    a.send_multipart(["x", "y"]).unwrap();
    let first = b.recv().unwrap();
    assert_eq!(first.property(MessageProperty::More), Ok(1));
    let last = b.recv().unwrap();
    assert_eq!(last.property(MessageProperty::More), Ok(0));
    let big = Message::from(vec![0u8; 100]);
    assert_eq!(big.property(MessageProperty::Shared), Ok(0));
    let _clone = big.clone();
    assert_eq!(big.property(MessageProperty::Shared), Ok(1));
    #[allow(deprecated)]
    let srcfd = last.property(MessageProperty::SrcFd);
    assert_eq!(srcfd, Ok(-1), "inproc has no descriptor");
}

// ----- Context ----------------------------------------------------------

#[test]
fn context_options_by_number() {
    let ctx = Context::new();
    ctx.set_option_raw(zmq::sys::ZMQ_MAX_SOCKETS, 77).unwrap();
    assert_eq!(ctx.max_sockets().unwrap(), 77);
    assert_eq!(ctx.get_option_raw(zmq::sys::ZMQ_MAX_SOCKETS), Ok(77));
    assert_eq!(ctx.get_option_raw(-1), Err(Error::InvalidArgument));
    assert_eq!(ctx.set_option_raw(-1, 0), Err(Error::InvalidArgument));
    let _unused = socket::<Pub>(&ctx);
}

#[cfg(feature = "draft")]
#[test]
fn zero_copy_recv_is_a_context_option() {
    let ctx = Context::new();
    assert!(ctx.zero_copy_recv().unwrap());
    ctx.set_zero_copy_recv(false).unwrap();
    assert!(!ctx.zero_copy_recv().unwrap());
    // Messages still arrive whole with it off.
    let (a, b) = pair(&ctx);
    a.send(vec![5u8; 10_000]).unwrap();
    assert_eq!(b.recv().unwrap(), vec![5u8; 10_000][..]);
}
