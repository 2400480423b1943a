//! The async examples (feature `tokio`) run as child processes, every wait
//! bounded by the harness, and what they print is checked.
#![cfg(all(feature = "tokio", unix))]

#[path = "interop/harness.rs"]
mod harness;

use harness::start;

/// The last three lines (the summary), with the run time cut off.
fn summary(example: &str) -> Vec<String> {
    let out = start(example, &[], &[]).success();
    let lines = out.lines();
    assert!(lines.len() > 3, "{out:#?}");
    lines[lines.len() - 3..]
        .iter()
        .map(|l| l.split(" in ").next().unwrap().to_string())
        .collect()
}

#[test]
fn async_patterns_prints_what_the_blocking_patterns_prints() {
    let blocking = summary("patterns");
    let asynchronous = summary("async_patterns");
    assert_eq!(asynchronous[..2], blocking[..2]);
    // The pipeline's workload is random in `patterns`, fixed here.
    assert_eq!(
        asynchronous[2],
        "pipeline:          100 tasks (550 ms of work) done by 4 workers"
    );
    assert!(blocking[2].starts_with("pipeline:          100 tasks ("));
}

#[test]
fn async_broker_serves_every_request_through_its_workers() {
    let out = start("async_broker", &["8", "3", "25"], &[]).success();
    let lines = out.lines();
    let served = lines
        .iter()
        .find_map(|l| l.strip_prefix("broker: 200 requests from 8 clients, served per worker ["))
        .unwrap_or_else(|| panic!("no summary: {out:#?}"));
    let per_worker: Vec<usize> = served
        .trim_end_matches(']')
        .split(", ")
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(per_worker.len(), 3, "{out:#?}");
    assert_eq!(per_worker.iter().sum::<usize>(), 200, "{out:#?}");
    assert_eq!(
        lines.last(),
        Some(&"clients: 200 replies checked"),
        "{out:#?}"
    );
}

#[test]
fn async_subscriber_gives_up_when_nothing_comes() {
    // A port nobody listens on (connecting is asynchronous: no error).
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("tcp://{}", probe.local_addr().unwrap());
    drop(probe);
    let out = start("async_subscriber", &["10001", "5", &endpoint, "200"], &[]).success();
    assert_eq!(
        out.lines(),
        [
            format!("Collecting 5 updates for zipcode '10001' from {endpoint}..."),
            "No update for 200 ms: giving up after 0 updates".to_string(),
        ],
        "{out:#?}"
    );
}

#[test]
fn async_subscriber_averages_the_updates_it_gets() {
    // A weather publisher of our own on a free port (not the guide's 5556,
    // so no lock is needed), publishing until the subscriber is done.
    let ctx = zmq::Context::new();
    let publisher = ctx.socket::<zmq::Pub>().unwrap();
    publisher.bind("tcp://127.0.0.1:*").unwrap();
    let endpoint = publisher.last_endpoint().unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let feed = std::thread::spawn({
        let done = done.clone();
        move || {
            let mut n = 0u64;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                // Zipcodes 10000..10010, temperatures 60..69.
                publisher
                    .send(format!("{:05} {} 40", 10000 + n % 10, 60 + n % 10))
                    .unwrap();
                n += 1;
                if n % 100 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
            }
        }
    });
    let client = start("async_subscriber", &["10003", "20", &endpoint], &[]).success();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    feed.join().unwrap();
    assert_eq!(
        client.lines(),
        [
            format!("Collecting 20 updates for zipcode '10003' from {endpoint}..."),
            "Average temperature for zipcode '10003' was 63F over 20 updates".to_string(),
        ],
        "{client:#?}"
    );
}
