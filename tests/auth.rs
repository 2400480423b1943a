//! Security: NULL, PLAIN and CURVE handshakes through the ZAP
//! authenticator, address rules, reconfiguration.

mod common;

use common::{TIMEOUT, socket, temp_dir};
use zmq::{
    Authenticator, Context, CurveKey, CurveKeyPair, CurvePolicy, Error, Message, Monitor,
    MonitorEvent, MonitorEvents, Pull, Push, Socket,
};

/// How a connection attempt ended.
#[derive(Debug)]
enum Outcome {
    /// The handshake succeeded and the client's message arrived.
    Delivered(Message),
    /// The server refused the client; nothing was delivered.
    Refused(MonitorEvent),
}

fn handshake_outcome(monitor: &Monitor) -> MonitorEvent {
    loop {
        let event = monitor
            .next_timeout(TIMEOUT)
            .unwrap()
            .expect("no handshake outcome in time");
        if event.is_handshake_failure() || matches!(event, MonitorEvent::HandshakeSucceeded { .. })
        {
            return event;
        }
    }
}

/// Connects a client to a server over tcp, each configured by its closure,
/// sends one message and reports what happened on the server side.
fn connect(
    ctx: &Context,
    server_setup: impl FnOnce(&Socket<Pull>),
    client_setup: impl FnOnce(&Socket<Push>),
) -> Outcome {
    let server = socket::<Pull>(ctx);
    server_setup(&server);
    let monitor = server.monitor(MonitorEvents::ALL).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    let client = socket::<Push>(ctx);
    client_setup(&client);
    client.connect(&server.last_endpoint().unwrap()).unwrap();
    let _ = client.try_send("payload");
    match handshake_outcome(&monitor) {
        MonitorEvent::HandshakeSucceeded { .. } => {
            let msg = server.recv().unwrap();
            assert_eq!(msg, "payload");
            Outcome::Delivered(msg)
        }
        failure => {
            assert_eq!(
                server.try_recv().unwrap(),
                None,
                "a refused client delivered"
            );
            Outcome::Refused(failure)
        }
    }
}

fn assert_denied(outcome: Outcome) {
    match outcome {
        Outcome::Refused(MonitorEvent::HandshakeFailedAuth { status, .. }) => {
            assert_eq!(status, 400)
        }
        other => panic!("expected an auth failure, got {other:?}"),
    }
}

fn delivered(outcome: Outcome) -> Message {
    match outcome {
        Outcome::Delivered(msg) => msg,
        other => panic!("expected delivery, got {other:?}"),
    }
}

fn null_in_domain(s: &Socket<Pull>) {
    s.set_zap_domain("test").unwrap();
}

#[test]
fn null_handshake_succeeds_with_and_without_authenticator() {
    let ctx = Context::new();
    delivered(connect(&ctx, |_| {}, |_| {}));
    let _auth = Authenticator::start(&ctx).unwrap();
    delivered(connect(&ctx, null_in_domain, |_| {}));
}

#[test]
fn plain_handshake_needs_the_right_password() {
    let ctx = Context::new();
    let auth = Authenticator::start(&ctx).unwrap();
    auth.add_plain_user("*", "admin", "secret").unwrap();
    let server = |s: &Socket<Pull>| s.set_plain_server(true).unwrap();

    let msg = delivered(connect(&ctx, server, |c| {
        c.set_plain_client("admin", "secret").unwrap()
    }));
    assert_eq!(msg.gets("User-Id"), Some("admin"));
    assert_denied(connect(&ctx, server, |c| {
        c.set_plain_client("admin", "guess").unwrap()
    }));
    assert_denied(connect(&ctx, server, |c| {
        c.set_plain_client("nobody", "secret").unwrap()
    }));
}

#[test]
#[cfg_attr(
    not(zmq_curve),
    ignore = "the linked libzmq has no CURVE (or the build could not tell)"
)]
fn curve_handshake_with_keys_from_keypairs() {
    let ctx = Context::new();
    let auth = Authenticator::start(&ctx).unwrap();
    let server_keys = CurveKeyPair::new().unwrap();
    let (friend, stranger) = (CurveKeyPair::new().unwrap(), CurveKeyPair::new().unwrap());
    auth.allow_curve_keys("*", [friend.public]).unwrap();
    let server = |s: &Socket<Pull>| s.set_curve_server_keys(&server_keys).unwrap();

    let msg = delivered(connect(&ctx, server, |c| {
        c.set_curve_client(server_keys.public, &friend).unwrap()
    }));
    assert_eq!(msg.gets("User-Id"), Some(friend.public.to_z85().as_str()));
    assert_denied(connect(&ctx, server, |c| {
        c.set_curve_client(server_keys.public, &stranger).unwrap()
    }));
    // "Any key" lets the stranger in.
    auth.allow_any_curve_key("*").unwrap();
    delivered(connect(&ctx, server, |c| {
        c.set_curve_client(server_keys.public, &stranger).unwrap()
    }));
}

#[test]
#[cfg_attr(
    not(zmq_curve),
    ignore = "the linked libzmq has no CURVE (or the build could not tell)"
)]
fn curve_handshake_with_keys_as_z85_text() {
    // The key pair of the CurveZMQ test vectors, as in libzmq's tests.
    let server_public = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
    let server_secret = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";
    let client_public = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";
    let client_secret = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs";
    assert_eq!(
        zmq::curve_public(&CurveKey::from_z85(server_secret).unwrap()).unwrap(),
        CurveKey::from_z85(server_public).unwrap()
    );

    let ctx = Context::new();
    let auth = Authenticator::start(&ctx).unwrap();
    auth.allow_curve_keys("*", [CurveKey::from_z85(client_public).unwrap()])
        .unwrap();
    let msg = delivered(connect(
        &ctx,
        |s| {
            s.set_curve_server(true).unwrap();
            s.set_curve_secretkey(server_secret).unwrap();
        },
        |c| {
            c.set_curve_serverkey(server_public).unwrap();
            c.set_curve_publickey(client_public).unwrap();
            c.set_curve_secretkey(client_secret).unwrap();
        },
    ));
    assert_eq!(msg.gets("User-Id"), Some(client_public));
}

#[test]
fn addresses_are_allowed_and_denied() {
    let ctx = Context::new();
    let auth = Authenticator::start(&ctx).unwrap();

    auth.allow("*", "127.0.0.1").unwrap();
    delivered(connect(&ctx, null_in_domain, |_| {}));

    // Allow-list without our address.
    auth.update("*", |p| p.allow.clear());
    auth.allow("*", "10.1.2.3").unwrap();
    assert_denied(connect(&ctx, null_in_domain, |_| {}));

    // Deny-list with our address, reconfigured while running.
    auth.update("*", |p| p.allow.clear());
    auth.deny("*", "127.0.0.1").unwrap();
    assert_denied(connect(&ctx, null_in_domain, |_| {}));
    auth.update("*", |p| p.deny.clear());
    delivered(connect(&ctx, null_in_domain, |_| {}));
    assert!(auth.requests_handled() >= 4);
}

#[test]
fn each_domain_has_its_own_policy() {
    let ctx = Context::new();
    let auth = Authenticator::start(&ctx).unwrap();
    auth.add_plain_user("*", "everyone", "pw").unwrap();
    auth.add_plain_user("vip", "boss", "pw").unwrap();
    let in_domain = |domain: &'static str| {
        move |s: &Socket<Pull>| {
            s.set_plain_server(true).unwrap();
            s.set_zap_domain(domain).unwrap();
        }
    };
    let as_user =
        |user: &'static str| move |c: &Socket<Push>| c.set_plain_client(user, "pw").unwrap();

    delivered(connect(&ctx, in_domain("other"), as_user("everyone")));
    assert_denied(connect(&ctx, in_domain("other"), as_user("boss")));
    delivered(connect(&ctx, in_domain("vip"), as_user("boss")));
    assert_denied(connect(&ctx, in_domain("vip"), as_user("everyone")));
    auth.remove_domain("vip");
    delivered(connect(&ctx, in_domain("vip"), as_user("everyone")));
    assert_eq!(auth.policy("vip"), None);
    assert_eq!(auth.policy("*").unwrap().curve, CurvePolicy::Deny);
}

#[test]
fn bad_configuration_is_an_error() {
    let ctx = Context::new();
    let auth = Authenticator::start(&ctx).unwrap();
    assert_eq!(
        auth.allow("*", "not an address"),
        Err(Error::InvalidArgument)
    );
    assert_eq!(auth.deny("*", "300.1.1.1"), Err(Error::InvalidArgument));
    let long = "x".repeat(256);
    assert_eq!(
        auth.add_plain_user("*", &long, "pw"),
        Err(Error::InvalidArgument)
    );
    // One handler per context.
    assert_eq!(
        Authenticator::start(&ctx).unwrap_err().cause(),
        &Error::AddressInUse
    );
}

#[test]
fn authenticator_stops_cleanly_and_can_be_restarted() {
    let ctx = Context::new();
    let ctx2 = ctx.clone();
    common::within(TIMEOUT, move || Authenticator::start(&ctx2).unwrap().stop());
    // The endpoint is free again.
    let auth = Authenticator::start(&ctx).unwrap();
    auth.add_plain_user("*", "u", "p").unwrap();
    delivered(connect(
        &ctx,
        |s| s.set_plain_server(true).unwrap(),
        |c| c.set_plain_client("u", "p").unwrap(),
    ));
    // Shutting the context down also ends the handler (drop does not hang).
    ctx.shutdown().unwrap();
    common::within(TIMEOUT, move || drop(auth));
}

/// A request without the REP envelope (sent by any in-process socket that
/// connects to the ZAP endpoint) is dropped by the handler's REP socket; the
/// handler must go back to waiting, so that dropping the authenticator still
/// stops its thread.
#[test]
fn malformed_zap_envelope_does_not_hang_drop() {
    for _ in 0..20 {
        let ctx = Context::new();
        let auth = Authenticator::start(&ctx).unwrap();
        let rogue = socket::<zmq::Dealer>(&ctx);
        rogue.connect(zmq::ZAP_ENDPOINT).unwrap();
        // One frame, no empty delimiter: REP discards it.
        rogue.send("junk").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            drop(auth);
            let _ = tx.send(());
        });
        if rx.recv_timeout(TIMEOUT).is_err() {
            // Unblock the handler so the context can close, then fail.
            ctx.shutdown().unwrap();
            panic!("dropping the authenticator hung on a malformed ZAP request");
        }
    }
}

#[test]
#[cfg_attr(
    not(zmq_curve),
    ignore = "the linked libzmq has no CURVE (or the build could not tell)"
)]
fn curve_clients_allowed_by_a_certificate_directory_reloaded() {
    assert!(
        zmq::has("curve"),
        "the build script found CURVE, the library has none"
    );
    let ctx = Context::new();
    let auth = Authenticator::start(&ctx).unwrap();
    let dir = temp_dir("certdir");
    let server_keys = CurveKeyPair::new().unwrap();
    let (friend, newcomer) = (CurveKeyPair::new().unwrap(), CurveKeyPair::new().unwrap());
    zmq::Certificate::from(friend.clone())
        .save(&dir, "friend")
        .unwrap();
    assert_eq!(auth.configure_curve("*", &dir).unwrap(), 1);
    let server = |s: &Socket<Pull>| s.set_curve_server_keys(&server_keys).unwrap();

    let msg = delivered(connect(&ctx, server, |c| {
        c.set_curve_client(server_keys.public, &friend).unwrap()
    }));
    assert_eq!(msg.gets("User-Id"), Some(friend.public.to_z85().as_str()));
    assert_denied(connect(&ctx, server, |c| {
        c.set_curve_client(server_keys.public, &newcomer).unwrap()
    }));

    // A new public certificate in the directory, then a reload.
    zmq::Certificate::from_public(newcomer.public)
        .save_public(dir.join("newcomer.key"))
        .unwrap();
    assert_eq!(auth.configure_curve("*", &dir).unwrap(), 2);
    delivered(connect(&ctx, server, |c| {
        c.set_curve_client(server_keys.public, &newcomer).unwrap()
    }));

    // A malformed certificate fails the reload, naming the file, and
    // leaves the policy as it was.
    std::fs::write(dir.join("broken.key"), "curve\n    public-key = \"nope\"\n").unwrap();
    let err = auth.configure_curve("*", &dir).unwrap_err();
    assert!(err.to_string().contains("broken.key:2:"), "{err}");
    assert!(matches!(auth.policy("*").unwrap().curve, CurvePolicy::Keys(k) if k.len() == 2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[cfg_attr(
    not(zmq_curve),
    ignore = "the linked libzmq has no CURVE (or the build could not tell)"
)]
fn curve_callback_decides_and_sets_the_user_id() {
    assert!(
        zmq::has("curve"),
        "the build script found CURVE, the library has none"
    );
    let ctx = Context::new();
    let auth = Authenticator::start(&ctx).unwrap();
    let server_keys = CurveKeyPair::new().unwrap();
    let (friend, stranger) = (CurveKeyPair::new().unwrap(), CurveKeyPair::new().unwrap());
    let known = friend.public;
    auth.configure_curve_callback("*", move |key| (*key == known).then(|| "alice".to_string()))
        .unwrap();
    let long = "d".repeat(256);
    assert_eq!(
        auth.configure_curve_callback(&long, |_| None),
        Err(Error::InvalidArgument)
    );
    assert!(matches!(
        auth.configure_curve(&long, std::env::temp_dir()),
        Err(zmq::CertError::DomainTooLong { len: 256 })
    ));
    let server = |s: &Socket<Pull>| s.set_curve_server_keys(&server_keys).unwrap();

    let msg = delivered(connect(&ctx, server, |c| {
        c.set_curve_client(server_keys.public, &friend).unwrap()
    }));
    assert_eq!(msg.gets("User-Id"), Some("alice"));
    assert_denied(connect(&ctx, server, |c| {
        c.set_curve_client(server_keys.public, &stranger).unwrap()
    }));
}
