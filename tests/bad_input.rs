//! Bad input, table-driven: endpoints, option values, keys and Z85, sizes,
//! state-machine misuse and a terminated context. Every case asserts a
//! clean `Err` of the named kind (or the correct acceptance), and the socket
//! it used must still work afterwards. The counts are checked at the end of
//! each table so that a case cannot silently disappear.

mod common;

use common::{TIMEOUT, Transport, connected, socket};
use std::time::Duration;
use zmq::{Context, CurveKey, Error, Message, Multipart, Pair, Pull, Push, Rep, Req, Socket};

/// The socket still exchanges a message with a fresh peer.
fn still_works(s: &Socket<Pair>, ctx: &Context) {
    let peer = socket::<Pair>(ctx);
    peer.bind("tcp://127.0.0.1:*").unwrap();
    s.connect(&peer.last_endpoint().unwrap()).unwrap();
    s.send("still works").unwrap();
    assert_eq!(peer.recv().unwrap(), "still works");
}

/// What a case expects: acceptance, or an error whose cause is this one.
#[derive(Debug, Clone)]
enum Want {
    Ok,
    Err(Error),
}
use Want::{Err as E, Ok as Accept};

fn check<T: std::fmt::Debug>(what: &str, got: zmq::Result<T>, want: Want) {
    match (&want, &got) {
        (Accept, Ok(_)) => {}
        (E(expected), Err(e)) if e.cause() == expected => {}
        _ => panic!("{what}: expected {want:?}, got {got:?}"),
    }
}

#[test]
fn endpoints() {
    let inval = E(Error::InvalidArgument);
    let proto = E(Error::ProtocolNotSupported);
    let too_long = E(Error::from_errno(libc::ENAMETOOLONG));
    let long_ipc = format!("ipc:///tmp/{}", "x".repeat(120));
    let bind_cases: Vec<(&str, Want)> = vec![
        ("tcp://127.0.0.1:99999", inval.clone()),
        ("tcp://127.0.0.1:65536", inval.clone()),
        ("tcp://127.0.0.1:+5601", inval.clone()),
        ("tcp://127.0.0.1:-1", inval.clone()),
        ("tcp://127.0.0.1:5602x", inval.clone()),
        ("tcp://127.0.0.1: 5603", inval.clone()),
        ("tcp://127.0.0.1:5604 ", inval.clone()),
        ("tcp://127.0.0.1:", inval.clone()),
        ("tcp://127.0.0.1", inval.clone()),
        ("tcp://127.0.0.1:5605/extra", inval.clone()),
        ("tcp://127.0.0.1:5606:5607", inval.clone()),
        ("tcp://:5608", inval.clone()),
        ("tcp://[]:5609", inval.clone()),
        ("tcp://[::1:5610", inval.clone()),
        ("tcp://[::1]]:5611", inval.clone()),
        ("tcp://[::1]5612", inval.clone()),
        ("tcp://[nonsense]:5613", inval.clone()),
        ("tcp://127.0.0.1 :5614", inval.clone()),
        ("tcp://local host:5615", inval.clone()),
        ("tcp://127.0.0.1:0x10", inval.clone()),
        ("tcp://127.0.0.1:1e3", inval.clone()),
        ("tcp:/127.0.0.1:5616", inval.clone()),
        ("127.0.0.1:5617", inval.clone()),
        ("", inval.clone()),
        ("://", inval.clone()),
        ("TCP://127.0.0.1:5618", proto.clone()),
        (" tcp://127.0.0.1:5619", proto.clone()),
        ("bogus://x", proto.clone()),
        ("ipc://", inval.clone()),
        (long_ipc.as_str(), too_long.clone()),
        ("inproc://", inval.clone()),
        ("tcp://127.0.0.1:5620\0junk", E(Error::InteriorNul)),
        ("udp://127.0.0.1:99999", inval.clone()),
        ("ws://127.0.0.1:99999/path", inval.clone()),
        // Correct acceptance, beside the refusals.
        ("tcp://127.0.0.1:*", Accept),
        ("tcp://127.0.0.1:0", Accept),
        ("tcp://0.0.0.0:*", Accept),
        ("tcp://lo:*", Accept),
        ("tcp://*:*", Accept),
        ("ipc://*", Accept),
        ("inproc://with space", Accept),
        ("inproc://a", Accept),
    ];
    let connect_cases: Vec<(&str, Want)> = vec![
        ("tcp://[::1]]:5555", inval.clone()),
        ("tcp://:5555", inval.clone()),
        ("tcp://[]:5555", inval.clone()),
        ("tcp://127.0.0.1:*", inval.clone()),
        ("tcp://127.0.0.1::5617", inval.clone()),
        ("tcp://127.0.0.1:5555;", inval.clone()),
        ("tcp://;127.0.0.1:5555", inval.clone()),
        ("tcp://127.0.0.1:99999", inval.clone()),
        ("tcp://127.0.0.1:5555;127.0.0.1:99999", inval.clone()),
        ("tcp://127.0.0.1:99999;127.0.0.1:5555", inval.clone()),
        ("tcp://host name:5555", inval.clone()),
        ("ipc://", inval.clone()),
        // Correct acceptance.
        ("tcp://127.0.0.1:5555", Accept),
        ("tcp://localhost:5555", Accept),
        ("tcp://[::1]:5555", Accept),
        ("tcp://::1:5555", Accept),
        ("tcp://127.0.0.1:0;127.0.0.1:5555", Accept),
        ("tcp://127.0.0.1:00005555", Accept),
    ];
    let ctx = Context::new();
    let s = socket::<Pair>(&ctx);
    for (endpoint, want) in &bind_cases {
        let got = s.bind(endpoint);
        check(&format!("bind {endpoint:?}"), got.clone(), want.clone());
        if let Err(e) = got {
            assert_eq!(
                e.endpoint(),
                Some(*endpoint),
                "the error names the endpoint"
            );
        }
    }
    let c = socket::<Pair>(&ctx);
    for (endpoint, want) in &connect_cases {
        check(
            &format!("connect {endpoint:?}"),
            c.connect(endpoint),
            want.clone(),
        );
    }
    still_works(&socket::<Pair>(&ctx), &ctx);
    let fresh = socket::<Pair>(&ctx);
    for (endpoint, want) in &connect_cases {
        if matches!(want, E(_)) {
            let _ = fresh.connect(endpoint);
        }
    }
    still_works(&fresh, &ctx);
    assert!(bind_cases.len() + connect_cases.len() >= 60);
}

#[test]
fn option_values() {
    let ctx = Context::new();
    let s = socket::<Pair>(&ctx);
    let dealer = socket::<zmq::Dealer>(&ctx);
    let inval = E(Error::InvalidArgument);
    let huge = Duration::from_secs(u64::MAX);
    let cases: Vec<(&str, zmq::Result<()>, Want)> = vec![
        ("linger huge", s.set_linger(Some(huge)), inval.clone()),
        ("rcvtimeo huge", s.set_rcvtimeo(Some(huge)), inval.clone()),
        (
            "sndtimeo 2^31 ms",
            s.set_sndtimeo(Some(Duration::from_millis(1 << 31))),
            inval.clone(),
        ),
        (
            "connect_timeout huge",
            s.set_connect_timeout(huge),
            inval.clone(),
        ),
        (
            "heartbeat_ivl huge",
            s.set_heartbeat_ivl(huge),
            inval.clone(),
        ),
        ("rcvbuf negative", s.set_rcvbuf(Some(-5)), inval.clone()),
        ("sndbuf negative", s.set_sndbuf(Some(-2)), inval.clone()),
        (
            "tcp_keepalive_cnt negative",
            s.set_tcp_keepalive_cnt(Some(-3)),
            inval.clone(),
        ),
        (
            "maxmsgsize > i64",
            s.set_maxmsgsize(Some(u64::MAX)),
            inval.clone(),
        ),
        ("sndhwm negative", s.set_sndhwm(-1), inval.clone()),
        ("rcvhwm negative", s.set_rcvhwm(-7), inval.clone()),
        (
            "routing id 256 bytes",
            dealer.set_routing_id([1u8; 256]),
            inval.clone(),
        ),
        ("routing id empty", dealer.set_routing_id([]), inval.clone()),
        (
            "socks proxy with NUL",
            s.set_socks_proxy("a\0b"),
            E(Error::InteriorNul),
        ),
        (
            "socks proxy 64 KiB + 1",
            s.set_socks_proxy(&"p".repeat(65537)),
            inval.clone(),
        ),
        (
            "zap domain 256 bytes",
            s.set_zap_domain(&"d".repeat(256)),
            inval.clone(),
        ),
        (
            "plain username 256 bytes",
            s.set_plain_username(&"u".repeat(256)),
            inval.clone(),
        ),
        (
            "plain password 256 bytes",
            s.set_plain_password(&"p".repeat(256)),
            inval.clone(),
        ),
        (
            "curve key 31 bytes",
            s.set_curve_serverkey([0u8; 31]),
            inval.clone(),
        ),
        (
            "curve key 41 bytes",
            s.set_curve_serverkey([b'a'; 41]),
            inval.clone(),
        ),
        (
            "curve key 40 non-Z85",
            s.set_curve_serverkey([b'"'; 40]),
            inval.clone(),
        ),
        (
            "curve key 40 with NUL",
            s.set_curve_secretkey(*b"0000000000\x000000000000000000000000000000"),
            inval.clone(),
        ),
        (
            "tcp accept filter nonsense",
            s.set_tcp_accept_filter("not an address"),
            inval.clone(),
        ),
        (
            "bindtodevice with NUL",
            s.set_bindtodevice("e\0th0"),
            E(Error::InteriorNul),
        ),
        ("use_fd below -1", s.set_use_fd(-2), inval.clone()),
        // Correct acceptance at the limits.
        (
            "linger max",
            s.set_linger(Some(Duration::from_millis(i32::MAX as u64))),
            Accept,
        ),
        (
            "routing id 255 bytes",
            dealer.set_routing_id([1u8; 255]),
            Accept,
        ),
        ("maxmsgsize none", s.set_maxmsgsize(None), Accept),
        (
            "socks proxy 64 KiB",
            s.set_socks_proxy(&"p".repeat(65536)),
            Accept,
        ),
        (
            "zap domain 255 bytes",
            s.set_zap_domain(&"d".repeat(255)),
            Accept,
        ),
    ];
    for (what, got, want) in &cases {
        check(what, got.clone(), want.clone());
    }
    s.set_socks_proxy("").unwrap();
    s.set_zap_domain("").unwrap_or(()); // libzmq refuses "" for the domain
    s.set_plain_username("").unwrap();
    s.set_tcp_accept_filter("").unwrap(); // documented: clears the filters
    s.set_linger(Some(Duration::ZERO)).unwrap();
    s.set_rcvtimeo(Some(TIMEOUT)).unwrap();
    still_works(&s, &ctx);
    assert!(cases.len() >= 30);
}

#[test]
fn keys_and_z85() {
    let cases: Vec<(&str, zmq::Result<()>, Want)> = vec![
        (
            "decode length 4",
            zmq::z85::decode("Hell").map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "decode length 6",
            zmq::z85::decode("HelloW").map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "decode quote",
            zmq::z85::decode("Hell\"").map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "decode space",
            zmq::z85::decode("Hel o").map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "decode NUL",
            zmq::z85::decode("Hel\0o").map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "decode non-ASCII",
            zmq::z85::decode("Hellé").map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "decode overflow",
            zmq::z85::decode("%nSc1").map(drop),
            E(Error::InvalidArgument),
        ),
        ("decode max", zmq::z85::decode("%nSc0").map(drop), Accept),
        ("decode empty", zmq::z85::decode("").map(drop), Accept),
        (
            "encode 3 bytes",
            zmq::z85::encode(&[1, 2, 3]).map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "encode 5 bytes",
            zmq::z85::encode(&[0; 5]).map(drop),
            E(Error::InvalidArgument),
        ),
        ("encode empty", zmq::z85::encode(&[]).map(drop), Accept),
        (
            "key from 39 chars",
            CurveKey::from_z85(&"0".repeat(39)).map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "key from 45 chars",
            CurveKey::from_z85(&"0".repeat(45)).map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "key from 5 chars",
            CurveKey::from_z85("Hello").map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "key bytes 33",
            CurveKey::from_bytes_or_z85(&[0; 33]).map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "key bytes 0",
            CurveKey::from_bytes_or_z85(&[]).map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "key 40 invalid UTF-8",
            CurveKey::from_bytes_or_z85(&[0xFF; 40]).map(drop),
            E(Error::InvalidArgument),
        ),
        (
            "key 40 valid",
            CurveKey::from_bytes_or_z85(&[b'0'; 40]).map(drop),
            Accept,
        ),
        (
            "key 32 bytes",
            CurveKey::from_bytes_or_z85(&[0xFF; 32]).map(drop),
            Accept,
        ),
    ];
    for (what, got, want) in &cases {
        check(what, got.clone(), want.clone());
    }
    assert!(cases.len() >= 20);
}

#[test]
fn sizes() {
    let cases: Vec<(&str, zmq::Result<()>, Want)> = vec![
        (
            "message usize::MAX",
            Message::try_with_size(usize::MAX).map(drop),
            E(Error::OutOfMemory),
        ),
        (
            "message isize::MAX",
            Message::try_with_size(isize::MAX as usize).map(drop),
            E(Error::OutOfMemory),
        ),
        (
            "message isize::MAX + 1",
            Message::try_with_size(isize::MAX as usize + 1).map(drop),
            E(Error::OutOfMemory),
        ),
        ("message 0", Message::try_with_size(0).map(drop), Accept),
        (
            "message 33 (inline limit)",
            Message::try_with_size(33).map(drop),
            Accept,
        ),
        ("message 34", Message::try_with_size(34).map(drop), Accept),
    ];
    for (what, got, want) in &cases {
        check(what, got.clone(), want.clone());
    }
    // A capacity that cannot be had is a hint, not a crash.
    let mut m = Multipart::with_capacity(usize::MAX);
    m.push_back("ok");
    assert_eq!(m.len(), 1);
    // recv_into with an empty buffer still reports the size.
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    a.send("12345").unwrap();
    assert_eq!(b.recv_into(&mut []).unwrap(), 5);
    a.send("next").unwrap();
    assert_eq!(b.recv().unwrap(), "next");
}

#[test]
fn state_machine_misuse() {
    let ctx = Context::new();
    let (rep, req) = connected::<Rep, Req>(&ctx, Transport::Inproc);
    check("REQ recv before send", req.recv(), E(Error::WrongState));
    check("REP send before recv", rep.send("x"), E(Error::WrongState));
    req.send("1").unwrap();
    check("REQ send twice", req.send("2"), E(Error::WrongState));
    assert_eq!(rep.recv().unwrap(), "1");
    check("REP recv twice", rep.recv(), E(Error::WrongState));
    rep.send("one").unwrap();
    assert_eq!(req.recv().unwrap(), "one"); // both still work

    let dynamic_pub = ctx.dynamic_socket(zmq::SocketKind::Pub).unwrap();
    check("PUB recv", dynamic_pub.recv(), E(Error::NotSupported));
    let dynamic_pull = ctx.dynamic_socket(zmq::SocketKind::Pull).unwrap();
    check("PULL send", dynamic_pull.send("x"), E(Error::NotSupported));
    let dynamic_push = ctx.dynamic_socket(zmq::SocketKind::Push).unwrap();
    dynamic_push.set_rcvtimeo(Some(TIMEOUT)).unwrap();
    check("PUSH recv", dynamic_push.recv(), E(Error::NotSupported));
    let pair = ctx.dynamic_socket(zmq::SocketKind::Pair).unwrap();
    check(
        "PAIR subscribe",
        pair.subscribe("x"),
        E(Error::InvalidArgument),
    );

    let s = socket::<Pair>(&ctx);
    check(
        "unbind never bound",
        s.unbind("tcp://127.0.0.1:5999"),
        E(Error::NotFound),
    );
    check(
        "disconnect never connected",
        s.disconnect("tcp://127.0.0.1:5999"),
        E(Error::NotFound),
    );
    s.bind("inproc://bad-input-twice").unwrap();
    check(
        "bind twice",
        s.bind("inproc://bad-input-twice"),
        E(Error::AddressInUse),
    );
    let push = socket::<Push>(&ctx);
    check(
        "try_send without peer",
        push.try_send("x").map_err(|e| e.error),
        E(Error::WouldBlock),
    );
    let pull = socket::<Pull>(&ctx);
    check(
        "try_recv empty",
        pull.try_recv().map(|m| assert!(m.is_none())),
        Accept,
    );
    still_works(&s, &ctx);
}

#[test]
fn terminated_context() {
    let ctx = Context::new();
    let s = ctx.socket::<Pair>().unwrap();
    s.set_linger(Some(Duration::ZERO)).unwrap();
    let pull = ctx.socket::<Pull>().unwrap();
    pull.set_linger(Some(Duration::ZERO)).unwrap();
    ctx.shutdown().unwrap();
    let term = E(Error::ContextTerminated);
    check("new socket", ctx.socket::<Pair>().map(drop), term.clone());
    check("recv", pull.recv(), term.clone());
    check("try_recv", pull.try_recv(), term.clone());
    check("send", s.send("x"), term.clone());
    check("recv_multipart", pull.recv_multipart(), term.clone());
    check(
        "poll",
        s.poll(zmq::PollEvents::IN, Some(Duration::ZERO)),
        term.clone(),
    );
    check("bind", s.bind("inproc://after-shutdown"), term.clone());
    check(
        "connect",
        s.connect("inproc://after-shutdown"),
        term.clone(),
    );
    check(
        "monitor",
        s.monitor(zmq::MonitorEvents::ALL).map(drop),
        term.clone(),
    );
    check(
        "authenticator",
        zmq::Authenticator::start(&ctx).map(drop),
        term.clone(),
    );
    check("proxy ends cleanly", zmq::proxy(&s, &pull), Accept);
    check("shutdown again", ctx.shutdown(), Accept);
    assert_eq!(s.kind(), zmq::SocketKind::Pair);
}
