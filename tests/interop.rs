//! Interoperability with pyzmq: the Rust guide samples of `examples/`
//! against small Python peers (`tests/interop/*.py`), in both directions,
//! over TCP.
//!
//! Python comes from `ZMQ_INTEROP_PYTHON` (a venv's python with pyzmq;
//! `.ci/run` makes one). Without it the tests print `SKIPPED` and pass,
//! except under `CI=true`, where they fail: CI never skips them silently.

#[path = "interop/harness.rs"]
mod harness;

use harness::{Running, Scratch, serial, spawn, start};
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

#[test]
fn rust_lbbroker_balances_python_clients_over_python_workers() {
    let Some(python) = python("rust_lbbroker_balances_python_clients_over_python_workers") else {
        return;
    };
    let dir = Scratch::new("lbbroker");
    let broker = dir.start("lbbroker", &["--external", "6"], &[]);
    let script = |name: &str, n: usize| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/interop")
            .join(name);
        let mut command = Command::new(&python);
        command
            .arg("-u")
            .arg(path)
            .arg(n.to_string())
            .current_dir(dir.path());
        spawn(name, command)
    };
    let mut workers: Vec<Running> = (0..2).map(|n| script("lbworker.py", n)).collect();
    let clients: Vec<Running> = (0..6).map(|n| script("lbclient.py", n)).collect();
    for (n, client) in clients.into_iter().enumerate() {
        let client = client.success();
        assert_eq!(
            client.stdout.trim(),
            format!("Client-{n}: OK"),
            "{client:#?}"
        );
    }
    // The broker ends after the sixth reply.
    let broker = broker.success();
    assert_eq!(broker.stdout, "", "{broker:#?}");
    for worker in &mut workers {
        worker.close_stdin();
    }
    let mut served = 0;
    for worker in workers {
        let worker = worker.success();
        for line in worker.lines() {
            assert!(
                line.ends_with(": HELLO") && line.starts_with("Worker-"),
                "{worker:#?}"
            );
            served += 1;
        }
    }
    assert_eq!(served, 6, "every request reached a Python worker");
}

#[test]
fn rust_lpclient_gives_up_on_a_python_lpserver_that_crashes() {
    let Some(python) = python("rust_lpclient_gives_up_on_a_python_lpserver_that_crashes") else {
        return;
    };
    let _ports = serial();
    let mut server = start_python(&python, "lpserver.py", &["3"]);
    // The client's first try must not time out while Python starts.
    server.wait_for_line("Ready");
    let client = start(
        "lpclient",
        &[],
        &[("ZGUIDE_ITERS", "10"), ("ZGUIDE_TIME_SCALE", "0.2")],
    )
    .success();
    let server = server.success();
    assert_eq!(
        server.lines(),
        [
            "Ready",
            "Normal request (0)",
            "Normal request (1)",
            "Normal request (2)",
            "Simulating a crash"
        ]
    );
    let lines: Vec<&str> = client
        .lines()
        .into_iter()
        .filter(|l| l.starts_with("INFO: Server replied") || !l.starts_with("INFO"))
        .collect();
    assert_eq!(
        lines,
        [
            "INFO: Server replied OK (0)",
            "INFO: Server replied OK (1)",
            "INFO: Server replied OK (2)",
            "WARNING: No response from server",
            "WARNING: No response from server",
            "WARNING: No response from server",
            "ERROR: Server seems to be offline, abandoning"
        ],
        "{client:#?}"
    );
}
