//! Socket monitors: event sequences, handshake failures, polling, ending.

mod common;

use common::{TIMEOUT, socket};
use std::time::Duration;
use zmq::{
    Authenticator, Context, CurveKeyPair, Monitor, MonitorEvent, MonitorEvents, PollEvents,
    PollSet, ProtocolError, Pull, Push,
};

/// The next event, failing the test if none comes in time.
fn next(monitor: &Monitor) -> MonitorEvent {
    monitor
        .next_timeout(TIMEOUT)
        .expect("monitor read")
        .expect("no monitor event in time")
}

/// The next event that is not about connect attempts (which depend on
/// timing).
fn next_settled(monitor: &Monitor) -> MonitorEvent {
    loop {
        match next(monitor) {
            MonitorEvent::ConnectDelayed { .. } | MonitorEvent::ConnectRetried { .. } => {}
            event => return event,
        }
    }
}

/// Waits for the first handshake outcome (skipping connection events, and
/// retries that end in the same outcome).
fn handshake_outcome(monitor: &Monitor) -> MonitorEvent {
    loop {
        let event = next(monitor);
        if event.is_handshake_failure() || matches!(event, MonitorEvent::HandshakeSucceeded { .. })
        {
            return event;
        }
    }
}

#[test]
fn tcp_connection_lifecycle_in_order() {
    let ctx = Context::new();
    let server = socket::<Pull>(&ctx);
    let server_mon = server.monitor(MonitorEvents::ALL).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    let endpoint = server.last_endpoint().unwrap();

    let client = socket::<Push>(&ctx);
    let client_mon = client.monitor(MonitorEvents::ALL).unwrap();
    client.connect(&endpoint).unwrap();

    match next(&server_mon) {
        MonitorEvent::Listening { endpoint: e, fd } => {
            assert_eq!(e, endpoint);
            assert!(fd >= 0);
        }
        other => panic!("expected Listening, got {other:?}"),
    }
    assert!(
        matches!(next(&server_mon), MonitorEvent::Accepted { endpoint: e, .. } if e == endpoint)
    );
    assert!(matches!(
        next(&server_mon),
        MonitorEvent::HandshakeSucceeded { endpoint: e } if e == endpoint
    ));
    assert!(matches!(
        next_settled(&client_mon),
        MonitorEvent::Connected { endpoint: e, .. } if e == endpoint
    ));
    assert!(matches!(
        next(&client_mon),
        MonitorEvent::HandshakeSucceeded { endpoint: e } if e == endpoint
    ));

    // The data path works, and the peer going away is a disconnect.
    client.send("hi").unwrap();
    assert_eq!(server.recv().unwrap(), "hi");
    drop(client);
    assert!(matches!(
        next(&server_mon),
        MonitorEvent::Disconnected { endpoint: e, .. } if e == endpoint
    ));

    // The client's socket is gone: its stream ends cleanly.
    // A timeout (Ok(None)) and the end (Err(Ended)) are told apart.
    let mut rest: Vec<MonitorEvent> = Vec::new();
    loop {
        match client_mon.next_timeout(TIMEOUT) {
            Ok(Some(event)) => rest.push(event),
            Ok(None) => panic!("no event within {TIMEOUT:?}: {rest:?}"),
            Err(zmq::Error::Ended) => break,
            Err(e) => panic!("{e}"),
        }
    }
    assert!(client_mon.is_ended(), "stream did not end: {rest:?}");
    assert!(matches!(
        rest.last(),
        Some(MonitorEvent::MonitorStopped { .. })
    ));
    assert_eq!(client_mon.try_next(), Err(zmq::Error::Ended));
}

#[test]
fn monitor_iterates_until_the_socket_closes() {
    let ctx = Context::new();
    let server = socket::<Pull>(&ctx);
    let monitor = server.monitor(MonitorEvents::LISTENING).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    drop(server);
    let events: Vec<_> = common::within(TIMEOUT, move || monitor.collect::<Vec<_>>());
    let events: Vec<MonitorEvent> = events.into_iter().map(Result::unwrap).collect();
    assert!(matches!(events[0], MonitorEvent::Listening { .. }));
    assert!(matches!(
        events.last(),
        Some(MonitorEvent::MonitorStopped { .. })
    ));
}

#[test]
fn plain_client_with_a_bad_password_is_refused_with_status_400() {
    let ctx = Context::new();
    let auth = Authenticator::start(&ctx).unwrap();
    auth.add_plain_user("*", "admin", "secret").unwrap();
    let server = socket::<Pull>(&ctx);
    server.set_plain_server(true).unwrap();
    let server_mon = server.monitor(MonitorEvents::ALL).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();

    let client = socket::<Push>(&ctx);
    client.set_plain_client("admin", "wrong").unwrap();
    let client_mon = client.monitor(MonitorEvents::ALL).unwrap();
    client.connect(&server.last_endpoint().unwrap()).unwrap();
    let _ = client.try_send("must not arrive");

    assert!(matches!(
        handshake_outcome(&server_mon),
        MonitorEvent::HandshakeFailedAuth { status: 400, .. }
    ));
    assert!(matches!(
        handshake_outcome(&client_mon),
        MonitorEvent::HandshakeFailedAuth { status: 400, .. }
    ));
    assert_eq!(server.try_recv().unwrap(), None);
}

#[test]
#[cfg_attr(
    not(zmq_curve),
    ignore = "the linked libzmq has no CURVE (or the build could not tell)"
)]
fn curve_client_with_the_wrong_server_key_fails_cryptographically() {
    let ctx = Context::new();
    let auth = Authenticator::start(&ctx).unwrap();
    auth.allow_any_curve_key("*").unwrap();
    let server_keys = CurveKeyPair::new().unwrap();
    let server = socket::<Pull>(&ctx);
    server.set_curve_server_keys(&server_keys).unwrap();
    let server_mon = server.monitor(MonitorEvents::ALL).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();

    let impostor = CurveKeyPair::new().unwrap();
    let client = socket::<Push>(&ctx);
    client
        .set_curve_client(impostor.public, &CurveKeyPair::new().unwrap())
        .unwrap();
    client.connect(&server.last_endpoint().unwrap()).unwrap();
    let _ = client.try_send("must not arrive");

    match handshake_outcome(&server_mon) {
        MonitorEvent::HandshakeFailedProtocol { error, .. } => {
            assert_eq!(error, ProtocolError::ZmtpCryptographic);
            assert!(!error.is_zap());
        }
        other => panic!("expected a protocol failure, got {other:?}"),
    }
    assert_eq!(server.try_recv().unwrap(), None);
}

#[test]
fn monitor_sits_in_a_pollset_next_to_data_sockets() {
    let ctx = Context::new();
    let server = socket::<Pull>(&ctx);
    let monitor = server
        .monitor(MonitorEvents::LISTENING | MonitorEvents::ACCEPTED)
        .unwrap();
    let mut set = PollSet::new();
    let mh = set.add(&monitor, PollEvents::IN);
    let sh = set.add(&server, PollEvents::IN);

    server.bind("tcp://127.0.0.1:*").unwrap();
    assert_eq!(set.poll(Some(TIMEOUT)).unwrap(), 1);
    assert!(set.is_readable(mh) && !set.is_readable(sh));
    let entry = set.ready().next().unwrap();
    let m = entry.get::<Monitor>().expect("the monitor itself");
    assert!(matches!(
        m.try_next().unwrap(),
        Some(MonitorEvent::Listening { .. })
    ));

    let client = socket::<Push>(&ctx);
    client.connect(&server.last_endpoint().unwrap()).unwrap();
    client.send("data").unwrap();
    let (mut accepted, mut data) = (false, false);
    while !(accepted && data) {
        set.poll(Some(TIMEOUT)).unwrap();
        if set.is_readable(mh) {
            accepted |= matches!(monitor.recv(), Some(Ok(MonitorEvent::Accepted { .. })));
        }
        if set.is_readable(sh) {
            assert_eq!(server.recv().unwrap(), "data");
            data = true;
        }
    }
}

#[test]
fn a_replaced_monitor_ends_and_its_drop_leaves_the_new_one_running() {
    let ctx = Context::new();
    let server = socket::<Pull>(&ctx);
    let old = server.monitor(MonitorEvents::ALL).unwrap();
    let new = server.monitor(MonitorEvents::LISTENING).unwrap();
    assert!(matches!(next(&old), MonitorEvent::MonitorStopped { .. }));
    assert_eq!(old.next_timeout(Duration::ZERO), Err(zmq::Error::Ended));
    assert!(old.is_ended());
    drop(old);
    server.bind("tcp://127.0.0.1:*").unwrap();
    assert!(matches!(next(&new), MonitorEvent::Listening { .. }));

    // Dropping the current monitor stops monitoring; the socket carries on
    // and can be monitored again.
    drop(new);
    let client = socket::<Push>(&ctx);
    client.connect(&server.last_endpoint().unwrap()).unwrap();
    client.send("after").unwrap();
    assert_eq!(server.recv().unwrap(), "after");
    let again = server.monitor(MonitorEvents::ALL).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    assert!(matches!(next(&again), MonitorEvent::Listening { .. }));
}

#[test]
fn version_1_monitor_refuses_events_beyond_16_bits() {
    let ctx = Context::new();
    let s = socket::<Pull>(&ctx);
    // Version 1 carries 16-bit event numbers only.
    let err = s.monitor(MonitorEvents::from_bits(1 << 20)).unwrap_err();
    assert_eq!(err, zmq::Error::InvalidArgument);
}

#[cfg(feature = "draft")]
#[test]
fn versioned_monitor_reports_both_endpoints() {
    let ctx = Context::new();
    let server = socket::<Pull>(&ctx);
    let monitor = server.monitor_versioned(MonitorEvents::ALL_V2).unwrap();
    server.bind("tcp://127.0.0.1:*").unwrap();
    let endpoint = server.last_endpoint().unwrap();
    let client = socket::<Push>(&ctx);
    client.connect(&endpoint).unwrap();

    let listening = monitor.next_versioned_timeout(TIMEOUT).unwrap().unwrap();
    assert!(matches!(listening.event, MonitorEvent::Listening { .. }));
    assert_eq!(listening.id, zmq::sys::ZMQ_EVENT_LISTENING as u64);
    assert_eq!(listening.local_endpoint, endpoint);
    let accepted = monitor.next_versioned_timeout(TIMEOUT).unwrap().unwrap();
    assert!(matches!(accepted.event, MonitorEvent::Accepted { .. }));
    assert_eq!(accepted.local_endpoint, endpoint);
    assert!(accepted.remote_endpoint.starts_with("tcp://127.0.0.1:"));
    assert_ne!(accepted.remote_endpoint, endpoint);
    let ok = monitor.next_versioned_timeout(TIMEOUT).unwrap().unwrap();
    assert!(matches!(ok.event, MonitorEvent::HandshakeSucceeded { .. }));

    // Queue statistics on request. Both the request and the answer are
    // commands the monitored socket handles when it is called (reading
    // ZMQ_EVENTS processes them), as zmq_socket_monitor_versioned(3) notes.
    client.send("queued").unwrap();
    let mut requested = false;
    let mut inbound_seen = None;
    for _ in 0..100 {
        server.events().unwrap();
        if !requested {
            requested = server.monitor_pipes_stats().is_ok();
            continue;
        }
        if let Some(e) = monitor
            .next_versioned_timeout(Duration::from_millis(100))
            .unwrap()
        {
            if let MonitorEvent::PipesStats { inbound, .. } = e.event {
                inbound_seen = Some(inbound);
                if inbound == 1 {
                    break;
                }
                requested = false;
            }
        }
    }
    assert_eq!(inbound_seen, Some(1));
    assert_eq!(server.recv().unwrap(), "queued");
}
