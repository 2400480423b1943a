//! The guide's chapter 7 (file transfer) and chapter 8 (discovery and
//! chat) samples, run in their bounded mode. The UDP samples broadcast to
//! the loopback broadcast address only (`ZGUIDE_BROADCAST` is set here to
//! 127.255.255.255 whatever the environment says); the chat runs on
//! 127.0.0.1 and 127.0.0.2. They use the guide's fixed ports: each test
//! takes the ports lock.

#[path = "interop/harness.rs"]
mod harness;

use harness::{Running, serial, start};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const LOOPBACK_BROADCAST: (&str, &str) = ("ZGUIDE_BROADCAST", "127.255.255.255");

/// A test file of a few MiB (not a whole number of chunks), and where
/// the copy goes.
fn test_files(name: &str) -> (PathBuf, PathBuf, Vec<u8>) {
    let dir = std::env::temp_dir().join(format!("zmq-guide-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let data: Vec<u8> = (0..5 * 1024 * 1024 + 12_345)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let input = dir.join("testdata");
    std::fs::write(&input, &data).unwrap();
    (input, dir.join("received"), data)
}

/// `sample` transfers the file whole and says so; it receives as many
/// chunks as the data needs, plus `extra` (an empty one that ends it).
fn transfers_the_file(sample: &str, extra: usize) {
    let _ports = serial();
    let (input, output, data) = test_files(sample);
    let out = start(
        sample,
        &[input.to_str().unwrap(), output.to_str().unwrap()],
        &[],
    )
    .success();
    let received = std::fs::read(&output).unwrap();
    let _ = std::fs::remove_dir_all(input.parent().unwrap());
    let chunks = data.len().div_ceil(250_000) + extra;
    assert_eq!(
        out.lines(),
        [
            format!("{chunks} chunks received, {} bytes", data.len()),
            "OK".to_string()
        ]
    );
    assert!(received == data, "the received bytes differ from the file");
}

#[test]
fn fileio1_sends_the_whole_file() {
    // Model one ends with an empty chunk
    transfers_the_file("fileio1", 1);
}

#[test]
fn fileio2_fetches_chunk_by_chunk() {
    transfers_the_file("fileio2", 0);
}

#[test]
fn fileio3_transfers_several_mib_with_credit_based_flow_control() {
    transfers_the_file("fileio3", 0);
}

#[test]
fn udpping1_finds_its_own_beacon_on_loopback() {
    let _ports = serial();
    let out = start(
        "udpping1",
        &[],
        &[
            LOOPBACK_BROADCAST,
            ("ZGUIDE_ITERS", "2"),
            ("ZGUIDE_TIME_SCALE", "0.1"),
        ],
    )
    .success();
    let found: Vec<&str> = out
        .lines()
        .into_iter()
        .filter(|l| l.starts_with("Found peer"))
        .collect();
    assert_eq!(found, ["Found peer 127.0.0.1:9999"; 2], "{out:#?}");
    assert!(out.stdout.starts_with("Pinging peers...\n"), "{out:#?}");
}

#[test]
fn two_udpping2_share_the_port_and_hear_the_beacons() {
    let _ports = serial();
    let env = [
        LOOPBACK_BROADCAST,
        ("ZGUIDE_ITERS", "4"),
        ("ZGUIDE_TIME_SCALE", "0.1"),
    ];
    let a = start("udpping2", &[], &env);
    let b = start("udpping2", &[], &env);
    for out in [a.success(), b.success()] {
        let found = out
            .lines()
            .into_iter()
            .filter(|l| *l == "Found peer 127.0.0.1:9999")
            .count();
        assert_eq!(found, 4, "{out:#?}");
    }
}

/// The UUIDs of the JOINED events, and of the LEFT ones, in `lines`
/// (`[b'JOINED', b'<uuid>']`).
fn events(lines: &[&str]) -> (BTreeSet<String>, Vec<String>) {
    let mut joined = BTreeSet::new();
    let mut left = Vec::new();
    for line in lines {
        if let Some(uuid) = line.split("[b'JOINED', b'").nth(1) {
            joined.insert(uuid.trim_end_matches("']").to_string());
        } else if let Some(uuid) = line.split("[b'LEFT', b'").nth(1) {
            left.push(uuid.trim_end_matches("']").to_string());
        }
    }
    (joined, left)
}

#[test]
fn udpping3_peers_discover_each_other_and_notice_one_leave() {
    let _ports = serial();
    let env = |iters| {
        [
            LOOPBACK_BROADCAST,
            ("ZGUIDE_ITERS", iters),
            ("ZGUIDE_TIME_SCALE", "0.1"),
        ]
    };
    // A waits for both JOINED events and B's LEFT; B for the two JOINED
    let mut a = start("udpping3", &[], &env("3"));
    // A's agent is up (it heard itself) before B starts
    a.wait_for_line("[b'JOINED', b'");
    let b = start("udpping3", &[], &env("2"));
    let b = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| b.success())) {
        Ok(b) => b,
        Err(_) => panic!("B failed; A: {:#?}", a.kill()),
    };
    let a = a.success();
    let (a_joined, a_left) = events(&a.lines());
    let (b_joined, b_left) = events(&b.lines());
    assert_eq!(a_joined.len(), 2, "{a:#?}");
    assert_eq!(a_joined, b_joined, "{a:#?} {b:#?}");
    assert!(b_left.is_empty(), "{b:#?}");
    assert_eq!(a_left.len(), 1, "{a:#?}");
    assert!(a_joined.contains(&a_left[0]), "{a:#?}");
}

#[test]
fn interface_sees_its_twin_join_and_leave() {
    let _ports = serial();
    let out = start(
        "interface",
        &[],
        &[LOOPBACK_BROADCAST, ("ZGUIDE_TIME_SCALE", "0.1")],
    )
    .success();
    let lines = out.lines();
    let of =
        |node: &str| -> Vec<&str> { lines.iter().filter_map(|l| l.strip_prefix(node)).collect() };
    let (a_joined, a_left) = events(&of("A: "));
    let (b_joined, _) = events(&of("B: "));
    assert_eq!(a_joined.len(), 2, "{out:#?}");
    assert_eq!(a_joined, b_joined, "{out:#?}");
    assert_eq!(a_left.len(), 1, "{out:#?}");
    assert!(a_joined.contains(&a_left[0]), "{out:#?}");
    assert!(
        out.stdout.contains(&format!("reaping {}", a_left[0])),
        "{out:#?}"
    );
}

/// Types numbered lines into `chat` until `stop`, then hands it back.
fn keep_typing(
    mut chat: Running,
    text: &'static str,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<Running> {
    std::thread::spawn(move || {
        let mut n = 0;
        while !stop.load(Ordering::Relaxed) {
            chat.write_stdin(&format!("{text} {n}\n"));
            n += 1;
            std::thread::sleep(Duration::from_millis(50));
        }
        chat
    })
}

/// `speaker` types until `listener` prints what it said.
fn heard(speaker: Running, listener: &mut Running, text: &'static str, said: &str) -> Running {
    let stop = Arc::new(AtomicBool::new(false));
    let typing = keep_typing(speaker, text, stop.clone());
    listener.wait_for_line(said);
    stop.store(true, Ordering::Relaxed);
    typing.join().expect("typing thread")
}

#[test]
fn dechat_users_on_two_loopback_addresses_hear_each_other() {
    let _ports = serial();
    let mut alice = start("dechat", &["127.0.0.1", "alice"], &[]);
    let mut bob = start("dechat", &["127.0.0.2", "bob"], &[]);
    alice.wait_for_line("starting chat on 127.0.0.1:9000 (127.0.0.*)");
    bob.wait_for_line("starting chat on 127.0.0.2:9000 (127.0.0.*)");
    let alice = heard(alice, &mut bob, "hello", "alice: hello ");
    let mut alice = alice;
    let mut bob = heard(bob, &mut alice, "hi", "bob: hi ");
    // End of input ends the chat
    alice.close_stdin();
    bob.close_stdin();
    alice.success();
    bob.success();
}
