//! cppzmq's own examples, ported to `examples/cppzmq_*.rs`, run as
//! processes (bounded by the harness) and checked against what the C++
//! programs print.

#[path = "interop/harness.rs"]
mod harness;

use harness::start;

#[test]
fn hello_world_sends_without_blocking_and_gets_the_message_back() {
    let out = start("cppzmq_hello_world", &[], &[]).success();
    assert_eq!(
        out.lines(),
        [format!(
            "not sent ({}): no peer yet; got back \"Hello, world\"",
            zmq::Error::WouldBlock
        )]
    );
}

#[test]
fn multipart_messages_sends_two_frames_over_loopback() {
    let out = start("cppzmq_multipart_messages", &[], &[]).success();
    let lines = out.lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("Connecting to tcp://127.0.0.1:"),
        "{lines:?}"
    );
    assert_eq!(lines[1], "Got 2 messages");
}

#[test]
fn pubsub_multithread_inproc_delivers_each_envelope_to_its_subscribers() {
    let rounds = 2;
    let out = start(
        "cppzmq_pubsub_multithread_inproc",
        &[&rounds.to_string()],
        &[],
    )
    .success();
    let lines = out.lines();
    let count = |line: &str| lines.iter().filter(|l| **l == line).count();
    for envelope in ["A", "B"] {
        for thread in ["Thread2", "Thread3"] {
            let line = format!("{thread}: [{envelope}] Message in {envelope} envelope");
            assert_eq!(count(&line), rounds, "{line} in {lines:?}");
        }
    }
    assert_eq!(count("Thread3: [C] Message in C envelope"), rounds);
    assert_eq!(count("Thread2: [C] Message in C envelope"), 0);
    assert_eq!(lines.len(), rounds * 5, "{lines:?}");
}
