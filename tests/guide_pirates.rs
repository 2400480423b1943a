//! The guide's chapter 4 Pirate samples (Lazy, Simple and Paranoid
//! Pirate), run as processes on the guide's ports 5555 and 5556 (so under
//! the guide-ports lock), with servers and workers crashing on purpose
//! (seeded) or killed with SIGKILL in the middle, and checked by what the
//! clients, queues and workers print.

#[path = "interop/harness.rs"]
mod harness;

use harness::{Running, serial, start};

/// Timings ten times shorter than the guide's for servers and workers:
/// 100 ms of "work" a request, a Paranoid Pirate heartbeat every 100 ms.
const FAST: (&str, &str) = ("ZGUIDE_TIME_SCALE", "0.1");

/// The Lazy Pirate client waits 1 s for a reply (the guide's 2.5 s), which
/// leaves a restarted server or worker the time to connect (libzmq
/// reconnects every 100 ms) and answer before the next try.
const CLIENT: (&str, &str) = ("ZGUIDE_TIME_SCALE", "0.4");

/// lpclient and lpserver at the same pace, so that the server's simulated
/// troubles have the guide's effect on the client: 500 ms timeouts.
const SAME_PACE: (&str, &str) = ("ZGUIDE_TIME_SCALE", "0.2");

/// The lines of lpclient's output that are not its "Sending"/"Resending"
/// chatter, for an exact comparison.
fn replies_and_warnings(out: &harness::Finished) -> Vec<&str> {
    out.lines()
        .into_iter()
        .filter(|l| !l.starts_with("INFO: Sending") && !l.starts_with("INFO: Connecting"))
        .collect()
}

#[test]
fn lpclient_abandons_when_lpserver_crashes() {
    let _ports = serial();
    // Seed 4: the server answers six requests, then simulates a crash.
    let server = start("lpserver", &[], &[SAME_PACE, ("ZGUIDE_SEED", "4")]);
    let client = start("lpclient", &[], &[SAME_PACE, ("ZGUIDE_ITERS", "20")]).success();
    let server = server.success();

    let mut expected: Vec<String> = (0..6)
        .map(|n| format!("INFO: Server replied OK ({n})"))
        .collect();
    for _ in 0..2 {
        expected.push("WARNING: No response from server".into());
        expected.push("INFO: Reconnecting to server…".into());
        expected.push("INFO: Resending (6)".into());
    }
    expected.push("WARNING: No response from server".into());
    expected.push("ERROR: Server seems to be offline, abandoning".into());
    assert_eq!(replies_and_warnings(&client), expected, "{client:#?}");

    let mut expected: Vec<String> = (0..6)
        .map(|n| format!("INFO: Normal request ({n})"))
        .collect();
    expected.push("INFO: Simulating a crash".into());
    assert_eq!(server.lines(), expected, "{server:#?}");
}

#[test]
fn lpclient_retries_through_a_killed_and_restarted_lpserver() {
    let _ports = serial();
    let mut first = start("lpserver", &[], &[FAST]);
    let mut client = start("lpclient", &[], &[CLIENT, ("ZGUIDE_ITERS", "5")]);
    client.wait_for_line("INFO: Server replied OK (1)");
    // The client sends request 2 at once; the server dies with it.
    first.kill();
    client.wait_for_line("WARNING: No response from server");
    // A new server: the client's next try reaches it. It answers the
    // three requests left (too few cycles to simulate any trouble).
    let second = start("lpserver", &[], &[FAST, ("ZGUIDE_ITERS", "3")]);
    let client = client.success();
    let second = second.success();

    let lines = client.lines();
    for n in 0..5 {
        let ok = format!("INFO: Server replied OK ({n})");
        assert_eq!(lines.iter().filter(|l| **l == ok).count(), 1, "{client:#?}");
    }
    assert!(lines.contains(&"INFO: Resending (2)"), "{client:#?}");
    assert!(!client.stdout.contains("abandoning"), "{client:#?}");
    assert_eq!(lines.last(), Some(&"INFO: Server replied OK (4)"));
    let expected: Vec<String> = (2..5)
        .map(|n| format!("INFO: Normal request ({n})"))
        .collect();
    assert_eq!(second.lines(), expected, "{second:#?}");
}

#[test]
fn spqueue_client_retries_past_a_crashing_spworker() {
    let _ports = serial();
    // The queue and the steady worker count every reply, including those
    // for requests the client gave up on: they run until killed.
    let mut queue = start("spqueue", &[], &[]);
    // Seed 2: this worker crashes on its first request, the only worker
    // there is when the client starts.
    let mut crasher = start("spworker", &[], &[FAST, ("ZGUIDE_SEED", "2")]);
    crasher.wait_for_line("worker ready");
    let mut client = start("lpclient", &[], &[CLIENT, ("ZGUIDE_ITERS", "5")]);
    crasher.wait_for_line("simulating a crash");
    // Seed 1: this one neither crashes nor stalls in its five requests.
    let mut steady = start("spworker", &[], &[FAST, ("ZGUIDE_SEED", "1")]);
    client.wait_for_line("WARNING: No response from server");
    let client = client.success();
    let steady = steady.kill();
    queue.kill();
    let crasher = crasher.success();

    let lines = client.lines();
    for n in 0..5 {
        let ok = format!("INFO: Server replied OK ({n})");
        assert_eq!(lines.iter().filter(|l| **l == ok).count(), 1, "{client:#?}");
    }
    assert!(lines.contains(&"INFO: Resending (0)"), "{client:#?}");
    assert!(!client.stdout.contains("abandoning"), "{client:#?}");

    let crasher = crasher.lines();
    assert_eq!(crasher.len(), 2, "{crasher:#?}");
    assert!(crasher[1].ends_with(") simulating a crash"), "{crasher:#?}");
    let steady = steady.lines();
    let id = steady[0]
        .strip_prefix("I: (")
        .and_then(|l| l.strip_suffix(") worker ready"))
        .expect("the worker's identity");
    let normal = format!("I: ({id}) normal reply");
    assert!(steady[1..].iter().all(|l| *l == normal), "{steady:#?}");
    assert!(steady.len() > 5, "{steady:#?}");
}

/// Waits until `worker` has heard the queue, so it is in its queue.
fn registered(worker: &mut Running) {
    worker.wait_for_line("I: Queue heartbeat");
}

#[test]
fn ppqueue_drops_a_killed_ppworker_and_the_client_still_gets_answers() {
    let _ports = serial();
    let mut queue = start("ppqueue", &[], &[FAST, ("ZGUIDE_ITERS", "4")]);
    // Seeds 12 and 13: neither worker simulates trouble in its first
    // eight requests.
    let mut doomed = start("ppworker", &[], &[FAST, ("ZGUIDE_SEED", "12")]);
    let mut survivor = start("ppworker", &[], &[FAST, ("ZGUIDE_SEED", "13")]);
    registered(&mut doomed);
    registered(&mut survivor);

    let first = start("lpclient", &[], &[CLIENT, ("ZGUIDE_ITERS", "2")]).success();
    // Both workers are idle in the queue: kill one. Its heartbeats stop,
    // and after three heartbeat intervals the queue forgets it.
    let doomed = doomed.kill();
    let expired = queue.wait_for_line("W: Idle worker expired: ");
    let address = expired.trim_start_matches("W: Idle worker expired: ");
    assert!(
        address.len() == 9 && address.as_bytes()[4] == b'-',
        "a printable identity: {expired}"
    );

    // Only the survivor is left, and answers every request at once.
    let second = start("lpclient", &[], &[CLIENT, ("ZGUIDE_ITERS", "2")]).success();
    for client in [&first, &second] {
        assert_eq!(
            replies_and_warnings(client),
            ["INFO: Server replied OK (0)", "INFO: Server replied OK (1)"],
            "{client:#?}"
        );
    }
    // After four replies the queue ends; the survivor misses its
    // heartbeats and tries to reconnect.
    let queue = queue.success();
    survivor.wait_for_line("W: Heartbeat failure, can't reach queue");
    survivor.wait_for_line("W: Reconnecting in 1.00s...");
    let survivor = survivor.kill();
    let normal = |out: &harness::Finished| {
        out.lines()
            .iter()
            .filter(|l| **l == "I: Normal reply")
            .count()
    };
    assert_eq!(
        normal(&doomed) + normal(&survivor),
        4,
        "{doomed:#?} {survivor:#?}"
    );
    assert!(normal(&survivor) >= 2, "{survivor:#?}");
    assert_eq!(
        queue
            .lines()
            .iter()
            .filter(|l| l.starts_with("W: Idle worker expired"))
            .count(),
        1,
        "{queue:#?}"
    );
    assert!(!queue.stdout.contains("E: "), "{queue:#?}");
}
