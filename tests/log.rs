//! Log events published on a PUB socket (feature `tracing`), in pyzmq's
//! PUBHandler topic scheme.
#![cfg(feature = "tracing")]

mod common;

use common::{TIMEOUT, socket};
use std::time::Duration;
use tracing_subscriber::layer::SubscriberExt;
use zmq::log::PubLayer;
use zmq::{Context, Error, Sub};

/// Receives `[topic, text]`.
fn next(sub: &zmq::Socket<Sub>) -> (String, String) {
    let parts = sub.recv_multipart().expect("a log message in time");
    assert_eq!(parts.len(), 2);
    (
        parts[0].as_str().unwrap().to_owned(),
        parts[1].as_str().unwrap().to_owned(),
    )
}

/// Waits until `sub`'s subscription has reached the publisher (it travels
/// asynchronously): logs probes until one arrives, then a marker, and skips
/// whatever came before the marker. Call inside the tracing subscriber.
fn sync(sub: &zmq::Socket<Sub>) {
    sub.set_rcvtimeo(Some(Duration::from_millis(20))).unwrap();
    let mut tries = 0;
    loop {
        tracing::info!("probe");
        match sub.recv_multipart() {
            Ok(_) => break,
            Err(Error::WouldBlock) => {
                tries += 1;
                assert!(tries < 500, "the subscription never arrived");
            }
            Err(e) => panic!("{e}"),
        }
    }
    sub.set_rcvtimeo(Some(TIMEOUT)).unwrap();
    tracing::info!("marker");
    while next(sub).1 != "marker\n" {}
}

#[test]
fn events_are_published_with_pyzmq_topics() {
    let ctx = Context::new();
    let endpoint = common::inproc("log");
    let layer = PubLayer::bind(&ctx, &endpoint).unwrap().root_topic("app");
    let sub = socket::<Sub>(&ctx);
    sub.subscribe("app.").unwrap();
    sub.connect(&endpoint).unwrap();
    let subscriber = tracing_subscriber::registry().with(layer);
    tracing::subscriber::with_default(subscriber, || {
        sync(&sub);

        tracing::info!("hello {}", 42);
        tracing::warn!(topic = "db.pool", size = 3, "pool is low");
        tracing::error!("disk::full");
    });
    assert_eq!(next(&sub), ("app.INFO".into(), "hello 42\n".into()));
    let (topic, text) = next(&sub);
    assert_eq!(topic, "app.WARNING.db.pool");
    assert!(text.starts_with("WARNING tests/log.rs:"), "{text}");
    assert!(text.ends_with(" - pool is low size=3\n"), "{text}");
    let (topic, text) = next(&sub);
    assert_eq!(topic, "app.ERROR.disk");
    assert!(text.ends_with(" - full\n"), "{text}");
}

#[test]
fn an_empty_root_topic_starts_with_the_level() {
    let ctx = Context::new();
    let publisher = ctx.socket::<zmq::Pub>().unwrap();
    publisher.bind("inproc://log-no-root").unwrap();
    let sub = socket::<Sub>(&ctx);
    sub.subscribe("").unwrap();
    sub.connect("inproc://log-no-root").unwrap();
    let subscriber = tracing_subscriber::registry().with(PubLayer::new(publisher));
    tracing::subscriber::with_default(subscriber, || {
        sync(&sub);
        tracing::trace!("fine detail");
    });
    let (topic, text) = next(&sub);
    assert_eq!(topic, "TRACE");
    assert!(text.contains(" - fine detail"), "{text}");
}

#[path = "interop/harness.rs"]
mod harness;

/// Emits events with `emit` until `watcher` prints a line containing
/// `needle` (the watcher's subscription arrives asynchronously), and
/// returns that line.
fn log_until_line(watcher: &mut harness::Running, needle: &str, emit: impl Fn()) -> String {
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let waiter = scope.spawn(|| {
            let line = watcher.wait_for_line(needle);
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            line
        });
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            emit();
            std::thread::yield_now();
        }
        waiter.join().unwrap()
    })
}

#[test]
fn the_logwatch_example_prints_published_events() {
    let ctx = Context::new();
    let publisher = ctx.socket::<zmq::Pub>().unwrap();
    publisher.bind("tcp://127.0.0.1:*").unwrap();
    let endpoint = publisher.last_endpoint().unwrap();
    let layer = PubLayer::new(publisher).root_topic("svc");
    let mut watcher = harness::start("logwatch", &[&endpoint, "svc.WARNING", "2"], &[]);
    let subscriber = tracing_subscriber::registry().with(layer);
    tracing::subscriber::with_default(subscriber, || {
        // Until the watcher's subscription arrives, warnings are dropped:
        // send them until it has printed one, then one more it must get.
        let probes = log_until_line(&mut watcher, "svc.WARNING", || {
            tracing::warn!(topic = "probe", "are you there");
            tracing::info!("not subscribed to");
        });
        assert!(
            probes.starts_with("svc.WARNING.probe | WARNING tests/log.rs:"),
            "{probes}"
        );
        tracing::warn!("last one");
    });
    let done = watcher.success();
    let last = done.lines().into_iter().last().unwrap().to_owned();
    assert!(last.starts_with("svc.WARNING"), "{last}");
    assert!(!done.stdout.contains("svc.INFO"));
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --features tracing --test log -- --ignored"]
fn pyzmq_log_watcher_reads_the_published_events() {
    let python = std::env::var_os("ZMQ_INTEROP_PYTHON")
        .expect("set ZMQ_INTEROP_PYTHON to a python with pyzmq to run this test");
    let ctx = Context::new();
    let publisher = ctx.socket::<zmq::Pub>().unwrap();
    publisher.bind("tcp://127.0.0.1:*").unwrap();
    let endpoint = publisher.last_endpoint().unwrap();
    let mut command = std::process::Command::new(python);
    command
        .args(["-u", "-m", "zmq.log", "--topic", "svc.ERROR"])
        .arg(&endpoint);
    let mut watcher = harness::spawn("python -m zmq.log", command);
    let subscriber =
        tracing_subscriber::registry().with(PubLayer::new(publisher).root_topic("svc"));
    tracing::subscriber::with_default(subscriber, || {
        let line = log_until_line(&mut watcher, "svc.ERROR", || {
            tracing::error!(topic = "disk", "almost full");
        });
        assert!(
            line.starts_with("svc.ERROR.disk | ERROR tests/log.rs:"),
            "{line}"
        );
        assert!(line.ends_with(" - almost full"), "{line}");
    });
    watcher.kill();
}
