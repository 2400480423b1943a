//! Interoperability with pyzmq: the Rust guide samples of `examples/`
//! against small Python peers (`tests/interop/*.py`), in both directions,
//! over TCP.
//!
//! Python comes from `ZMQ_INTEROP_PYTHON` (a venv's python with pyzmq;
//! `.ci/run` makes one). Without it the tests print `SKIPPED` and pass,
//! except under `CI=true`, where they fail: CI never skips them silently.

#[path = "interop/harness.rs"]
mod harness;

use harness::{Running, serial, spawn, start};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python interpreter to use, or `None` (after saying so) to skip.
fn python(test: &str) -> Option<PathBuf> {
    match std::env::var_os("ZMQ_INTEROP_PYTHON") {
        Some(path) => Some(PathBuf::from(path)),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but ZMQ_INTEROP_PYTHON is not set: the interop tests must run in CI")
        }
        None => {
            println!("SKIPPED: {test}: set ZMQ_INTEROP_PYTHON to a python with pyzmq");
            None
        }
    }
}

/// Starts the Python peer `tests/interop/<script>` with `args`.
fn start_python(python: &Path, script: &str, args: &[&str]) -> Running {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/interop")
        .join(script);
    let mut command = Command::new(python);
    command.arg("-u").arg(path).args(args);
    spawn(script, command)
}

#[test]
fn rust_hwserver_answers_a_python_req_client() {
    let Some(python) = python("rust_hwserver_answers_a_python_req_client") else {
        return;
    };
    let _ports = serial();
    let server = start("hwserver", &[], &[("ZGUIDE_ITERS", "3")]);
    let client = start_python(&python, "hwclient.py", &["3"]).success();
    let server = server.success();
    let expected: Vec<_> = (0..3)
        .map(|n| format!("Received reply {n} [ World ]"))
        .collect();
    assert_eq!(client.lines(), expected);
    assert_eq!(server.lines(), vec!["Received request: Hello"; 3]);
}

#[test]
fn rust_hwclient_talks_to_a_python_rep_server() {
    let Some(python) = python("rust_hwclient_talks_to_a_python_rep_server") else {
        return;
    };
    let _ports = serial();
    let server = start_python(&python, "hwserver.py", &["10"]);
    let client = start("hwclient", &[], &[]).success();
    let server = server.success();
    let lines = client.lines();
    assert_eq!(lines.len(), 21, "{client:#?}");
    for n in 0..10 {
        assert_eq!(lines[2 + 2 * n], format!("Received reply {n} [ World ]"));
    }
    assert_eq!(server.lines(), vec!["Received request: Hello"; 10]);
}

#[test]
fn a_python_publisher_feeds_rust_wuclient() {
    let Some(python) = python("a_python_publisher_feeds_rust_wuclient") else {
        return;
    };
    let _ports = serial();
    let server = start_python(&python, "wuserver.py", &["100"]);
    let client = start("wuclient", &[], &[]).success();
    let server = server.success();
    // The publisher waited for the subscription, so the client got exactly
    // its 100 updates for 10001 and found the same average.
    let lines = client.lines();
    assert_eq!(lines[0], "Collecting updates from weather server...");
    assert_eq!(lines[1], server.stdout.trim(), "{client:#?}");
}

#[test]
fn rust_taskvent_and_tasksink_with_python_workers() {
    let Some(python) = python("rust_taskvent_and_tasksink_with_python_workers") else {
        return;
    };
    let _ports = serial();
    let sink = start("tasksink", &[], &[]);
    let mut workers: Vec<_> = (0..2)
        .map(|_| start_python(&python, "taskwork.py", &[]))
        .collect();
    start("taskvent", &[], &[("ZGUIDE_NO_PROMPT", "1")]).success();
    let sink = sink.success();
    let (progress, total) = sink
        .stdout
        .split_once("Total elapsed time: ")
        .expect("total");
    assert_eq!(progress.len(), 100, "{sink:#?}");
    assert!(total.trim_end().ends_with(" msec"), "{sink:#?}");

    // The batch is done: end of input tells the workers to stop.
    for worker in &mut workers {
        worker.close_stdin();
    }
    let dots: usize = workers
        .into_iter()
        .map(|w| w.success().stdout.trim().len())
        .sum();
    assert_eq!(dots, 100);
}

/// The async API (feature `tokio`) against pyzmq: an `AsyncSocket<Rep>` in
/// this process answers the Python Hello World client.
#[cfg(all(feature = "tokio", unix))]
#[test]
fn rust_async_rep_answers_a_python_req_client() {
    let Some(python) = python("rust_async_rep_answers_a_python_req_client") else {
        return;
    };
    let _ports = serial();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let ctx = zmq::Context::new();
    let served = rt.block_on(async {
        let rep = zmq::tokio::AsyncSocket::new(ctx.socket::<zmq::Rep>().unwrap()).unwrap();
        rep.get_ref()
            .set_linger(Some(std::time::Duration::ZERO))
            .unwrap();
        rep.get_ref().bind("tcp://*:5555").unwrap();
        let client = start_python(&python, "hwclient.py", &["5"]);
        let serve = async {
            for _ in 0..5 {
                assert_eq!(rep.recv_string().await.unwrap(), "Hello");
                rep.send("World").await.unwrap();
            }
        };
        tokio::time::timeout(harness::TIMEOUT, serve)
            .await
            .expect("the async server hung");
        client.success()
    });
    let expected: Vec<_> = (0..5)
        .map(|n| format!("Received reply {n} [ World ]"))
        .collect();
    assert_eq!(served.lines(), expected);
}

/// The async subscriber example against a pyzmq publisher: same updates,
/// same average.
#[cfg(all(feature = "tokio", unix))]
#[test]
fn a_python_publisher_feeds_rust_async_subscriber() {
    let Some(python) = python("a_python_publisher_feeds_rust_async_subscriber") else {
        return;
    };
    let _ports = serial();
    let server = start_python(&python, "wuserver.py", &["50"]);
    let client = start(
        "async_subscriber",
        &["10001", "50", "tcp://localhost:5556", "30000"],
        &[],
    )
    .success();
    let server = server.success();
    let lines = client.lines();
    assert_eq!(
        lines[1],
        format!("{} over 50 updates", server.stdout.trim()),
        "{client:#?}"
    );
}
