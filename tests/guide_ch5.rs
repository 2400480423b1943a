//! The guide's chapter 5 samples (advanced pub-sub and the Clone pattern)
//! run against each other in their bounded mode, checking what they print
//! and, for Clone, that clients end with the server's key-value state.
//! They use the guide's fixed ports: each test takes the ports lock.

#[path = "interop/clonestate.rs"]
mod clonestate;
#[path = "interop/harness.rs"]
mod harness;
#[path = "../examples/clone/kv.rs"]
mod kv;
#[path = "../examples/clone/kvmsg.rs"]
mod kvmsg;
#[path = "../examples/clone/kvsimple.rs"]
mod kvsimple;

use clonestate::{assert_converged, kvmsg_snapshot, kvsimple_snapshot};
use harness::{serial, start};

/// The number in `line` after `prefix` (up to the next non-digit).
fn number_after(line: &str, prefix: &str) -> i64 {
    let rest = &line[line
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix:?} in {line:?}"))
        + prefix.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("a number after {prefix:?} in {line:?}"))
}

#[test]
fn kvsimple_and_kvmsg_pass_their_self_tests() {
    let out = start("kvsimple", &["-v"], &[]).success();
    assert_eq!(out.stdout, " * kvsimple: OK\n");
    assert!(out.stderr.contains("[seq:1][key:key][size:4]"), "{out:#?}");
    let out = start("kvmsg", &["-v"], &[]).success();
    assert_eq!(out.stdout, " * kvmsg: OK\n");
    assert!(out.stderr.contains("prop2=value2"), "{out:#?}");
}

#[test]
fn clonecli1_stores_the_updates_of_clonesrv1() {
    let _ports = serial();
    let client = start("clonecli1", &[], &[("ZGUIDE_ITERS", "1000")]);
    let server = start("clonesrv1", &[], &[("ZGUIDE_ITERS", "100000000")]);
    let client = client.success();
    drop(server);
    assert_eq!(client.lines(), ["Interrupted", "1000 messages in"]);
}

#[test]
fn clonecli2_applies_the_updates_after_its_snapshot() {
    let _ports = serial();
    let mut server = start("clonesrv2", &[], &[("ZGUIDE_ITERS", "100000000")]);
    let client = start("clonecli2", &[], &[("ZGUIDE_ITERS", "1000")]);
    server.wait_for_line("Sending state shapshot=");
    let client = client.success();
    let lines = client.lines();
    let snapshot = number_after(lines[0], "Received snapshot=");
    assert_eq!(lines.len(), 2, "{client:#?}");
    assert!(lines[1].starts_with("1000 updates applied, last sequence "));
    let last = number_after(lines[1], "last sequence ");
    // Only updates newer than the snapshot count, each newer than the last
    assert!(last >= snapshot + 1000, "{client:#?}");
}

/// Two bounded clients of `model` against its server: both converge on
/// the server's state, which the test asks for as a third client.
fn two_clients_converge(model: u32) {
    const UPDATES: u32 = 5;
    let _ports = serial();
    // Each client: a snapshot request and UPDATES updates; then ours
    let handled = (2 * (UPDATES + 1) + 1).to_string();
    let server = start(
        &format!("clonesrv{model}"),
        &[],
        &[("ZGUIDE_ITERS", &handled), ("ZGUIDE_TIME_SCALE", "0.1")],
    );
    let env = [
        ("ZGUIDE_ITERS", &*UPDATES.to_string()),
        ("ZGUIDE_TIME_SCALE", "0.1"),
    ];
    let clients: Vec<_> = (0..2)
        .map(|_| start(&format!("clonecli{model}"), &[], &env))
        .collect();
    let clients: Vec<_> = clients.into_iter().map(|c| c.success()).collect();
    let state = match model {
        3 => kvsimple_snapshot(5556, None),
        4 => kvsimple_snapshot(5556, Some("/client/")),
        _ => kvmsg_snapshot(5556, "/client/"),
    };
    let server = server.success();
    for client in &clients {
        assert!(
            client.stdout.starts_with("I: Received snapshot="),
            "{client:#?}"
        );
        // Every client heard at least its own updates back
        let updates = client
            .lines()
            .iter()
            .filter(|l| l.contains("update="))
            .count();
        assert!(updates >= UPDATES as usize, "{client:#?}");
        assert_converged(client, &state, model == 5);
    }
    if model < 5 {
        assert_eq!(state.0, 2 * i64::from(UPDATES), "{server:#?}");
        assert_eq!(state.1.len(), 2 * UPDATES as usize, "{server:#?}");
    }
    let lines = server.lines();
    assert_eq!(lines[lines.len() - 2], " Interrupted", "{server:#?}");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("publishing update"))
            .count(),
        2 * UPDATES as usize,
        "{server:#?}"
    );
}

#[test]
fn clone_model_three_clients_converge_on_the_server_state() {
    two_clients_converge(3);
}

#[test]
fn clone_model_four_clients_converge_on_their_subtree() {
    two_clients_converge(4);
}

#[test]
fn clone_model_five_clients_converge_with_expiring_values() {
    two_clients_converge(5);
}

#[test]
fn clonecli6_converges_on_the_backup_after_the_primary_dies() {
    let _ports = serial();
    let env = [("ZGUIDE_TIME_SCALE", "0.2"), ("ZGUIDE_ITERS", "1000")];
    let mut primary = start("clonesrv6", &["-p"], &env);
    let mut backup = start("clonesrv6", &["-b"], &env);
    primary.wait_for_line("I: connected to backup (slave), ready as master");
    backup.wait_for_line("I: connected to primary (master), ready as slave");

    let mut client = start(
        "clonecli6",
        &[],
        &[("ZGUIDE_TIME_SCALE", "0.2"), ("ZGUIDE_ITERS", "12")],
    );
    client.wait_for_line("I: received from tcp://localhost:5556 snapshot=");
    // The backup follows the primary's updates; then the primary dies
    backup.wait_for_line("I: received update=2");
    client.wait_for_line("I: received from tcp://localhost:5556 update=2");
    let primary = primary.kill();
    client.wait_for_line("I: server at tcp://localhost:5556 didn't give hugz");
    client.wait_for_line("I: received from tcp://localhost:5566 snapshot=");
    backup.wait_for_line("I: failover successful, ready as master");
    let client = client.success();

    let state = kvmsg_snapshot(5566, "/client/");
    let backup = backup.kill();
    assert_converged(&client, &state, true);
    // A set lost on the way would stay in the client's map only
    assert!(
        client
            .stdout
            .contains("I: received from tcp://localhost:5566 update="),
        "{client:#?} {backup:#?} {primary:#?}"
    );
}

#[test]
fn espresso_copies_updates_and_subscriptions_to_its_listener() {
    let _ports = serial();
    let out = start(
        "espresso",
        &[],
        &[
            ("ZGUIDE_ITERS", "200"),
            ("ZGUIDE_TIME_SCALE", "0.02"),
            ("ZGUIDE_SEED", "5"),
        ],
    )
    .success();
    let lines = out.lines();
    assert!(
        lines.contains(&"Subscriber received 5 messages"),
        "{out:#?}"
    );
    // The subscriptions went up through the proxy...
    assert!(lines.contains(&r"[b'sub', b'\x01A']"), "{out:#?}");
    assert!(lines.contains(&r"[b'sub', b'\x01B']"), "{out:#?}");
    // ...and the updates came down (A and B only: the publisher filters),
    // all of them copied to the listener
    let updates: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("[b'pub', b'")?.strip_suffix("']"))
        .collect();
    assert!(updates.len() >= 5, "{out:#?}");
    for update in &updates {
        let (letter, number) = update.split_once('-').expect("X-NNNNN");
        assert!(["A", "B"].contains(&letter), "{update}");
        assert_eq!(number.len(), 5, "{update}");
    }
    let wanted = updates
        .iter()
        .filter(|u| u.starts_with('A') || u.starts_with('B'))
        .count();
    assert!(
        wanted >= 5,
        "the subscriber's five were among them: {out:#?}"
    );
}

#[test]
fn pathosub_gets_its_topic_from_pathopub() {
    let _ports = serial();
    let publisher = start("pathopub", &[], &[("ZGUIDE_ITERS", "0")]);
    let subscriber = start("pathosub", &[], &[("ZGUIDE_ITERS", "1")]).success();
    publisher.success();
    assert_eq!(subscriber.lines(), ["Save Roger"]);
}

#[test]
fn lvcache_serves_the_last_value_to_a_late_subscriber() {
    let _ports = serial();
    // 1,000 topics, our subscription and the late subscriber's
    let cache = start("lvcache", &[], &[("ZGUIDE_ITERS", "1002")]);
    let context = zmq::Context::new();
    let early = context.socket::<zmq::Sub>().unwrap();
    early.set_rcvtimeo(Some(harness::TIMEOUT)).unwrap();
    early.connect("tcp://localhost:5558").unwrap();
    early.subscribe("").unwrap();
    let publisher = start("pathopub", &["tcp://*:5557"], &[("ZGUIDE_ITERS", "0")]);
    // Once the last topic came through, the cache holds all of them
    loop {
        let message = early
            .recv_multipart()
            .expect("the topics through the cache");
        if message[0] == "999" {
            break;
        }
    }
    publisher.success();
    // The publisher is gone: only the cache can answer now
    let late = start(
        "pathosub",
        &["tcp://localhost:5558"],
        &[("ZGUIDE_ITERS", "1")],
    )
    .success();
    assert_eq!(late.lines(), ["Save Roger"]);
    let cache = cache.success();
    assert_eq!(cache.lines().len(), 1, "{cache:#?}");
    assert!(
        cache.stdout.starts_with("Sending cached topic "),
        "{cache:#?}"
    );
}

#[test]
fn suisnail_subscriber_kills_itself_when_it_falls_behind() {
    let _ports = serial();
    let out = start("suisnail", &[], &[("ZGUIDE_TIME_SCALE", "0.5")]).success();
    assert_eq!(out.stderr, "E: subscriber cannot keep up, aborting\n");
}
