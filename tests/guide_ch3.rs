//! The guide's chapter 3 samples (advanced request-reply), run as
//! processes in their bounded mode and checked by what they print. The
//! samples on TCP take the guide-ports lock; those on `ipc://` run in a
//! directory of their own, so they never meet another test's sockets.

#[path = "interop/harness.rs"]
mod harness;

use harness::{Running, Scratch, serial, start};
use std::collections::{BTreeMap, HashSet};

/// The number after `prefix` at the start of `line`, if it has one.
fn number_after(line: &str, prefix: &str) -> Option<u64> {
    let rest = line.strip_prefix(prefix)?;
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

#[test]
fn identity_shows_a_generated_and_a_chosen_routing_id() {
    let out = start("identity", &[], &[]).success();
    let lines = out.lines();
    assert_eq!(lines.len(), 8, "{out:#?}");
    let rule = "-".repeat(40);
    assert_eq!(lines[0], rule);
    // libzmq's generated id: 5 bytes, a zero byte then a 32-bit counter
    let generated = lines[1].strip_prefix("[005] 00").expect("a 5-byte id");
    assert!(
        generated.len() == 8 && generated.chars().all(|c| c.is_ascii_hexdigit()),
        "{out:#?}"
    );
    assert_eq!(lines[2], "[000] ");
    assert_eq!(lines[3], "[039] ROUTER uses a generated 5 byte identity");
    assert_eq!(lines[4], rule);
    assert_eq!(lines[5], "[005] PEER2");
    assert_eq!(lines[6], "[000] ");
    assert_eq!(lines[7], "[040] ROUTER socket uses REQ's socket identity");
}

#[test]
fn rtreq_deals_100_tasks_to_ten_workers() {
    let _ports = serial();
    let out = start("rtreq", &[], &[("ZGUIDE_TIME_SCALE", "0.1")]).success();
    let tasks: Vec<u64> = out
        .lines()
        .iter()
        .map(|l| number_after(l, "Processed: ").unwrap_or_else(|| panic!("{out:#?}")))
        .collect();
    assert_eq!(tasks.len(), 10, "one line per worker: {out:#?}");
    assert_eq!(tasks.iter().sum::<u64>(), 100, "{out:#?}");
}

#[test]
fn rtdealer_sends_to_a_twice_as_often_as_b() {
    let dir = Scratch::new("rtdealer");
    let env = [("ZGUIDE_TIME_SCALE", "0.1"), ("ZGUIDE_SEED", "2")];
    let out = dir.start("rtdealer", &[], &env).success();
    let mut lines = out.lines();
    lines.sort();
    // Seed 2 draws A nine times and B once; every workload arrives.
    assert_eq!(lines, ["A received: 9", "B received: 1"], "{out:#?}");
}

/// lbbroker, lbbroker2, lbbroker3: ten clients get "OK" through the broker
/// from three workers, which see ten "HELLO"s between them.
fn load_balancer_serves_ten_clients(sample: &str) {
    let dir = Scratch::new(sample);
    let out = dir
        .start(sample, &[], &[("ZGUIDE_TIME_SCALE", "0.1")])
        .success();
    let lines = out.lines();
    let mut clients: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("Client-"))
        .collect();
    clients.sort();
    let expected: Vec<String> = (0..10).map(|i| format!("Client-{i}: OK")).collect();
    assert_eq!(clients, expected, "{out:#?}");
    let workers: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("Worker-"))
        .collect();
    assert_eq!(workers.len(), 10, "{out:#?}");
    for line in workers {
        assert!(
            ["Worker-0: HELLO", "Worker-1: HELLO", "Worker-2: HELLO"].contains(&line),
            "{out:#?}"
        );
    }
    assert_eq!(lines.len(), 20, "{out:#?}");
}

#[test]
fn lbbroker_serves_ten_clients_with_three_workers() {
    load_balancer_serves_ten_clients("lbbroker");
}

#[test]
fn lbbroker2_serves_ten_clients_with_three_workers() {
    load_balancer_serves_ten_clients("lbbroker2");
}

#[test]
fn lbbroker3_serves_ten_clients_with_three_workers() {
    load_balancer_serves_ten_clients("lbbroker3");
}

#[test]
fn asyncsrv_clients_get_their_replies_asynchronously() {
    let _ports = serial();
    let env = [
        ("ZGUIDE_ITERS", "3"),
        ("ZGUIDE_TIME_SCALE", "0.1"),
        ("ZGUIDE_SEED", "2"),
    ];
    let out = start("asyncsrv", &[], &env).success();
    let lines = out.lines();
    let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("Worker started"), 5, "{out:#?}");
    for id in 0..3 {
        assert_eq!(count(&format!("Client worker-{id} started")), 1, "{out:#?}");
    }
    for n in 1..=3 {
        assert_eq!(count(&format!("Req #{n} sent..")), 3, "{out:#?}");
    }
    // Every request a worker saw and every reply a client got is one of
    // the requests sent, with the sending client's identity.
    let mut received = 0;
    let mut replies = 0;
    for line in &lines {
        if let Some(rest) = line.strip_prefix("Worker received request #") {
            let (n, from) = rest
                .split_once(" from worker-")
                .expect("a client's identity");
            assert!(
                ("1"..="3").contains(&n) && ("0"..="2").contains(&from),
                "{line}"
            );
            received += 1;
        } else if let Some(rest) = line.strip_prefix("Client worker-") {
            if let Some((id, n)) = rest.split_once(" received: request #") {
                assert!(
                    ("0"..="2").contains(&id) && ("1"..="3").contains(&n),
                    "{line}"
                );
                replies += 1;
            }
        }
    }
    assert!((1..=9).contains(&received), "{out:#?}");
    // Each request gets 0 to 4 replies: under seed 2, a worker's first
    // request gets four.
    assert!(replies > 0, "{out:#?}");
}

/// The brokers' names and, for each, its peers.
fn peers(names: &[&'static str]) -> Vec<Vec<&'static str>> {
    names
        .iter()
        .map(|me| {
            let mut args = vec![*me];
            args.extend(names.iter().filter(|n| *n != me));
            args
        })
        .collect()
}

#[test]
fn peering1_brokers_hear_each_others_state() {
    let dir = Scratch::new("peering1");
    let names = ["DC1", "DC2", "DC3"];
    let env = [("ZGUIDE_ITERS", "60"), ("ZGUIDE_TIME_SCALE", "0.1")];
    let brokers: Vec<Running> = peers(&names)
        .iter()
        .map(|args| dir.start("peering1", args, &env))
        .collect();
    let mut heard_from: HashSet<&str> = HashSet::new();
    for (me, broker) in names.iter().zip(brokers) {
        let out = broker.success();
        let lines = out.lines();
        assert_eq!(lines[0], format!("Hello, I am {me}"));
        let statuses = &lines[1..];
        assert!(!statuses.is_empty(), "{me} heard nothing: {out:#?}");
        for line in statuses {
            // DC1 Received: ["ipc://DC2-state.ipc", "7"]
            let status = line
                .strip_prefix(&format!("{me} Received: [\"ipc://"))
                .unwrap_or_else(|| panic!("{line}"));
            let (peer, rest) = status.split_once("-state.ipc\", \"").expect(line);
            let free = rest.strip_suffix("\"]").expect(line);
            assert!(names.contains(&peer) && peer != *me, "{line}");
            assert!(("1"..="9").contains(&free) && free.len() == 1, "{line}");
            heard_from.insert(names.iter().find(|n| **n == peer).unwrap());
        }
    }
    assert_eq!(heard_from.len(), 3, "every broker's state reached a peer");
}

#[test]
fn peering2_brokers_serve_their_clients_and_each_others() {
    let dir = Scratch::new("peering2");
    let names = ["DC1", "DC2"];
    let env = [
        ("ZGUIDE_ITERS", "3"),
        ("ZGUIDE_TIME_SCALE", "0.1"),
        ("ZGUIDE_SEED", "1"),
    ];
    let mut brokers: Vec<Running> = peers(&names)
        .iter()
        .map(|args| dir.start("peering2", args, &env))
        .collect();
    // The guide's prompt: start when every broker is up
    for broker in &mut brokers {
        broker.wait_for_line("Press Enter when all brokers are started");
    }
    for broker in &mut brokers {
        broker.write_stdin("\n");
    }
    let mut cloud_requests = 0;
    for (me, broker) in names.iter().zip(brokers) {
        let out = broker.success();
        let lines = out.lines();
        // Each of the ten clients got its three replies.
        let mut replies: BTreeMap<&str, usize> = BTreeMap::new();
        for line in &lines {
            if let Some((client, reply)) = line.split_once(": ") {
                if client.starts_with("Client-") {
                    assert_eq!(reply, "OK", "{out:#?}");
                    *replies.entry(client).or_default() += 1;
                }
            }
        }
        assert_eq!(replies.len(), 10, "{me}: {out:#?}");
        assert!(replies.values().all(|n| *n == 3), "{me}: {out:#?}");
        assert!(!out.stdout.contains("E: "), "{me}: {out:#?}");
        // Requests from the peer's clients reach this broker's workers
        // with the peer's envelope.
        let peer = names.iter().find(|n| *n != me).unwrap();
        let from_peer = format!(": [\"{peer}\", \"\", \"Client-{peer}-");
        cloud_requests += lines.iter().filter(|l| l.contains(&from_peer)).count();
    }
    assert!(cloud_requests > 0, "some requests went through the cloud");
}

#[test]
fn peering3_brokers_share_their_workers_without_losing_tasks() {
    let dir = Scratch::new("peering3");
    let names = ["DC1", "DC2", "DC3"];
    // Each broker's clients share a seed, so they burst together; the
    // brokers' seeds differ, so one is swamped while another has free
    // workers. Seed 2: after 4 s, 14 tasks, then 2; seed 6: after 2 s, 3
    // tasks, then 14; seed 12: after 1 s, 12 tasks, then 2 (times scaled).
    let brokers: Vec<Running> = peers(&names)
        .iter()
        .zip(["2", "6", "12"])
        .map(|(args, seed)| {
            let env = [
                ("ZGUIDE_ITERS", "2"),
                ("ZGUIDE_TIME_SCALE", "0.05"),
                ("ZGUIDE_SEED", seed),
            ];
            dir.start("peering3", args, &env)
        })
        .collect();
    let (mut sent, mut served, mut tasks) = (0, 0, 0);
    for (me, broker) in names.iter().zip(brokers) {
        let out = broker.success();
        assert!(
            !out.stdout.contains("E: CLIENT EXIT"),
            "{me} lost a task: {out:#?}"
        );
        let summary = out
            .lines()
            .into_iter()
            .find_map(|l| {
                l.strip_prefix(&format!("I: {me} sent "))
                    .map(str::to_string)
            })
            .unwrap_or_else(|| panic!("{me}'s summary: {out:#?}"));
        // "N tasks to its peers and served M for them"
        let (n, rest) = summary
            .split_once(" tasks to its peers and served ")
            .expect("summary");
        sent += n.parse::<usize>().expect("a count");
        served += rest
            .strip_suffix(" for them")
            .expect("summary")
            .parse::<usize>()
            .expect("a count");
        // The monitor prints every completed task id
        tasks += out
            .lines()
            .iter()
            .filter(|l| l.len() == 4 && l.chars().all(|c| c.is_ascii_hexdigit()))
            .count();
    }
    // Every client's tasks were done: 10 clients x (14 + 2, 3 + 14, 12 + 2)
    assert_eq!(tasks, 470, "the clients' tasks were done");
    assert_eq!(sent, served, "every task sent to a peer was served by one");
    assert!(sent > 0, "with every worker busy, tasks went to the cloud");
}
