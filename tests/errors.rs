//! Error mapping, messages, io::Error conversion, and bad input that must
//! give a specific error rather than a panic.

mod common;

use common::{TIMEOUT, Transport, bind_any, socket};
use std::io;
use std::time::Duration;
use zmq::{Context, Error, Pair, Pull, Push, Sub};

#[test]
fn every_errno_maps_without_panicking() {
    for errno in (-10..1000).chain([i32::MIN, i32::MAX, 156_384_712, 156_384_765]) {
        let e = Error::from_errno(errno);
        assert_eq!(e.errno(), errno, "{e:?}");
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn named_variants() {
    assert_eq!(Error::from_errno(libc::EAGAIN), Error::WouldBlock);
    assert_eq!(Error::from_errno(libc::EINTR), Error::Interrupted);
    assert_eq!(Error::from_errno(zmq::sys::ETERM), Error::ContextTerminated);
    assert_eq!(Error::from_errno(zmq::sys::EFSM), Error::WrongState);
    assert_eq!(
        Error::from_errno(libc::EHOSTUNREACH),
        Error::HostUnreachable
    );
    assert_eq!(Error::from_errno(libc::EADDRINUSE), Error::AddressInUse);
    assert_eq!(Error::from_errno(12345), Error::Other(12345));
}

#[test]
fn messages_come_from_zmq_strerror() {
    assert_eq!(
        Error::WrongState.to_string(),
        "Operation cannot be accomplished in current state"
    );
    assert_eq!(
        Error::ContextTerminated.to_string(),
        "Context was terminated"
    );
    // A receive timeout says what happened, still as WouldBlock.
    let text = Error::WouldBlock.to_string();
    assert!(
        text.starts_with("Resource temporarily unavailable"),
        "{text}"
    );
    assert!(text.contains("timeout expired"), "{text}");
}

#[test]
fn converts_to_io_error() {
    let cases = [
        (Error::WouldBlock, io::ErrorKind::WouldBlock),
        (Error::Interrupted, io::ErrorKind::Interrupted),
        (Error::InvalidArgument, io::ErrorKind::InvalidInput),
        (Error::AddressInUse, io::ErrorKind::AddrInUse),
        (Error::NotFound, io::ErrorKind::NotFound),
        (Error::ProtocolNotSupported, io::ErrorKind::Unsupported),
        (Error::HostUnreachable, io::ErrorKind::HostUnreachable),
        (Error::WrongState, io::ErrorKind::Other),
        (
            Error::AddressInUse.with_test_endpoint(),
            io::ErrorKind::AddrInUse,
        ),
    ];
    for (e, kind) in cases {
        let text = e.to_string();
        let io_err: io::Error = e.into();
        assert_eq!(io_err.kind(), kind);
        assert_eq!(io_err.to_string(), text);
    }
}

/// Builds an endpoint error the way `bind` does, through a real failure.
trait WithTestEndpoint {
    fn with_test_endpoint(self) -> Error;
}
impl WithTestEndpoint for Error {
    fn with_test_endpoint(self) -> Error {
        let ctx = Context::new();
        let a = socket::<Pair>(&ctx);
        let ep = bind_any(&a, Transport::Tcp);
        let b = socket::<Pair>(&ctx);
        let e = b.bind(&ep).unwrap_err();
        assert_eq!(e.cause(), &self);
        e
    }
}

#[test]
fn bad_endpoints_give_specific_errors_that_name_them() {
    let ctx = Context::new();
    let s = socket::<Pull>(&ctx);
    let long_ipc = format!("ipc:///tmp/{}", "x".repeat(200));
    let cases: [(&str, Error); 7] = [
        ("", Error::InvalidArgument),
        ("tcp://", Error::InvalidArgument),
        ("tcp://*:99999", Error::InvalidArgument),
        ("foo://x", Error::ProtocolNotSupported),
        ("no-scheme", Error::InvalidArgument),
        (long_ipc.as_str(), Error::Other(libc::ENAMETOOLONG)),
        ("tcp://127.0.0.1:5555\0junk", Error::InteriorNul),
    ];
    for (ep, want) in cases {
        let err = s.bind(ep).unwrap_err();
        assert_eq!(err.cause(), &want, "bind {ep:?}");
        assert_eq!(err.endpoint(), Some(ep));
        assert!(err.to_string().contains(&format!("{ep:?}")), "{err}");
        // connect parses less eagerly (some endpoints only fail later),
        // but whatever it rejects names the endpoint too.
        if let Err(err) = s.connect(ep) {
            assert_eq!(err.endpoint(), Some(ep), "connect {ep:?}: {err}");
        }
    }
    assert_eq!(
        s.disconnect("tcp://127.0.0.1:1").unwrap_err().cause(),
        &Error::NotFound
    );
}

#[test]
fn invalid_option_values() {
    let ctx = Context::new();
    let s = socket::<Sub>(&ctx);
    assert_eq!(s.set_sndhwm(-1), Err(Error::InvalidArgument));
    assert_eq!(s.set_rcvhwm(-5), Err(Error::InvalidArgument));
    assert_eq!(
        s.set_curve_serverkey([0u8; 31]),
        Err(Error::InvalidArgument)
    );
    assert_eq!(
        s.set_curve_publickey("too short"),
        Err(Error::InvalidArgument)
    );
    assert_eq!(s.set_zap_domain("nul\0inside"), Err(Error::InteriorNul));
    assert_eq!(
        s.set_linger(Some(Duration::from_secs(u64::MAX))),
        Err(Error::InvalidArgument)
    );
    assert_eq!(s.set_rcvbuf(Some(-2)), Err(Error::InvalidArgument));
    assert_eq!(
        s.set_maxmsgsize(Some(u64::MAX)),
        Err(Error::InvalidArgument)
    );
    assert_eq!(
        s.set_routing_id_via_dynamic(&[0u8; 300]),
        Err(Error::InvalidArgument)
    );
}

trait RoutingIdViaDynamic {
    fn set_routing_id_via_dynamic(&self, id: &[u8]) -> zmq::Result<()>;
}
impl RoutingIdViaDynamic for zmq::Socket<Sub> {
    /// Routing ids longer than 255 bytes are invalid; `Sub` has no
    /// `set_routing_id`, so go through a dynamic DEALER.
    fn set_routing_id_via_dynamic(&self, id: &[u8]) -> zmq::Result<()> {
        let d = self.context().dynamic_socket(zmq::SocketKind::Dealer)?;
        d.set_routing_id(id)
    }
}

#[test]
fn oversized_messages_drop_the_peer_and_deliver_nothing_partial() {
    let ctx = Context::new();
    let pull = socket::<Pull>(&ctx);
    // Not too small: libzmq also applies the limit to handshake commands.
    pull.set_maxmsgsize(Some(100)).unwrap();
    assert_eq!(pull.maxmsgsize().unwrap(), Some(100));
    let ep = bind_any(&pull, Transport::Tcp);
    let push = socket::<Push>(&ctx);
    push.set_reconnect_ivl(Some(Duration::from_millis(10)))
        .unwrap();
    push.connect(&ep).unwrap();
    push.send(vec![b'x'; 1000]).unwrap();
    // The violation drops the connection (with whatever was queued behind
    // the big message); the pusher reconnects. Keep offering small messages
    // until one arrives: the first thing the puller ever sees is a small
    // one, never a piece of the big one.
    let deadline = std::time::Instant::now() + TIMEOUT;
    let first = loop {
        push.send("small").unwrap();
        if let Some(m) = pull
            .poll(zmq::PollEvents::IN, Some(Duration::from_millis(20)))
            .unwrap()
            .is_readable()
            .then(|| pull.recv().unwrap())
        {
            break m;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the pusher never got through again"
        );
    };
    assert_eq!(first, "small");
}
