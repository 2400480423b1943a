//! Interoperability with pyzmq: the Rust guide samples of `examples/`
//! against small Python peers (`tests/interop/*.py`), in both directions,
//! over TCP.
//!
//! They need a Python with pyzmq, so they are `#[ignore]`d: a plain `cargo
//! test` reports them as ignored, never as passed. Run them with
//!
//! ```text
//! ZMQ_INTEROP_PYTHON=/path/to/venv/bin/python cargo test --test interop -- --ignored
//! ```
//!
//! (`.ci/run` makes such a venv and runs them). Asked to run without
//! `ZMQ_INTEROP_PYTHON`, they fail.

#[path = "interop/harness.rs"]
mod harness;

use harness::{Running, Scratch, serial, spawn, start};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python interpreter to use (`ZMQ_INTEROP_PYTHON`).
fn python() -> PathBuf {
    std::env::var_os("ZMQ_INTEROP_PYTHON")
        .map(PathBuf::from)
        .expect("set ZMQ_INTEROP_PYTHON to a python with pyzmq to run the interop tests")
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
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_hwserver_answers_a_python_req_client() {
    let python = python();
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
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_hwclient_talks_to_a_python_rep_server() {
    let python = python();
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
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn a_python_publisher_feeds_rust_wuclient() {
    let python = python();
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
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_taskvent_and_tasksink_with_python_workers() {
    let python = python();
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

/// A fresh empty directory for certificate files.
fn cert_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zmq-rs-interop-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a Python snippet (with `zmq` and `zmq.auth` imported) and returns
/// its standard output lines.
fn run_python(python: &Path, code: &str, args: &[&str]) -> Vec<String> {
    let mut command = Command::new(python);
    command
        .arg("-u")
        .arg("-c")
        .arg(format!("import sys, zmq, zmq.auth\n{code}"))
        .args(args);
    let done = spawn("python-snippet", command).success();
    done.lines().into_iter().map(str::to_owned).collect()
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn certificates_made_by_pyzmq_load_in_rust() {
    let python = python();
    let dir = cert_dir("from-py");
    let lines = run_python(
        &python,
        "p, s = zmq.auth.create_certificates(sys.argv[1], 'peer', metadata={'name': 'py peer'})\n\
         pub, sec = zmq.auth.load_certificate(s)\n\
         print(pub.decode()); print(sec.decode())",
        &[dir.to_str().unwrap()],
    );
    let secret = zmq::Certificate::load(dir.join("peer.key_secret")).unwrap();
    let public = zmq::Certificate::load(dir.join("peer.key")).unwrap();
    assert_eq!(secret.public.to_z85(), lines[0]);
    assert_eq!(secret.secret.unwrap().to_z85(), lines[1]);
    assert_eq!(public.public, secret.public);
    assert_eq!(public.secret, None);
    assert_eq!(secret.meta("name"), Some("py peer"));
    let keys = secret.keypair().unwrap();
    assert_eq!(zmq::curve_public(&keys.secret).unwrap(), keys.public);
    let store = zmq::cert::load_certificates(&dir).unwrap();
    assert_eq!(store.len(), 1);
    assert_eq!(store[0].public, keys.public);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn certificates_made_in_rust_load_in_pyzmq() {
    let python = python();
    let dir = cert_dir("from-rust");
    let (public, secret) =
        zmq::cert::create_certificates(&dir, "peer", &[("name", "rust peer")]).unwrap();
    let cert = zmq::Certificate::load(&secret).unwrap();
    let lines = run_python(
        &python,
        "for f in sys.argv[1:3]:\n    pub, sec = zmq.auth.load_certificate(f)\n    \
         print(pub.decode(), sec.decode() if sec else None)\n\
         print(' '.join(k.decode() for k in zmq.auth.load_certificates(sys.argv[3])))",
        &[
            public.to_str().unwrap(),
            secret.to_str().unwrap(),
            dir.to_str().unwrap(),
        ],
    );
    let (p, s) = (cert.public.to_z85(), cert.secret.unwrap().to_z85());
    assert_eq!(lines[0], format!("{p} None"));
    assert_eq!(lines[1], format!("{p} {s}"));
    assert_eq!(lines[2], p);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn curve_handshake_between_rust_and_pyzmq_with_exchanged_certificates() {
    let python = python();
    let dir = cert_dir("curve");
    let clients = dir.join("clients");
    std::fs::create_dir_all(&clients).unwrap();
    let (_, client_secret) = zmq::cert::create_certificates(&clients, "rust", &[]).unwrap();
    // The Python server: its own certificate (made by pyzmq), the allowed
    // clients from the directory of public certificates Rust wrote.
    let code = "import zmq.auth.thread\n\
        d = sys.argv[1]\n\
        pub, sec = zmq.auth.create_certificates(d, 'server')\n\
        ctx = zmq.Context()\n\
        auth = zmq.auth.thread.ThreadAuthenticator(ctx)\n\
        auth.start()\n\
        auth.configure_curve(domain='*', location=d + '/clients')\n\
        s = ctx.socket(zmq.PULL)\n\
        s.curve_publickey, s.curve_secretkey = zmq.auth.load_certificate(sec)\n\
        s.curve_server = True\n\
        s.rcvtimeo = 30000\n\
        port = s.bind_to_random_port('tcp://127.0.0.1')\n\
        print('port', port, flush=True)\n\
        f = s.recv(copy=False)\n\
        print(f.bytes.decode(), f.get('User-Id'), flush=True)\n\
        s.close(); auth.stop(); ctx.term()";
    let mut command = Command::new(&python);
    command
        .arg("-u")
        .arg("-c")
        .arg(format!("import sys, zmq, zmq.auth\n{code}"))
        .arg(&dir);
    let mut server = spawn("python-curve-server", command);
    let port = server
        .wait_for_line("port ")
        .trim_start_matches("port ")
        .to_owned();

    let server_public = zmq::Certificate::load(dir.join("server.key")).unwrap();
    let client = zmq::Certificate::load(&client_secret).unwrap();
    let keys = client.keypair().unwrap();
    let ctx = zmq::Context::new();
    let push = ctx.socket::<zmq::Push>().unwrap();
    push.set_linger(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    push.set_curve_client(server_public.public, &keys).unwrap();
    push.connect(&format!("tcp://127.0.0.1:{port}")).unwrap();
    push.send("hello from rust").unwrap();
    let done = server.success();
    let expected = format!("hello from rust {}", keys.public.to_z85());
    assert!(done.lines().contains(&expected.as_str()), "{done:#?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn the_logwatch_example_reads_a_pyzmq_pubhandler() {
    let python = python();
    // pyzmq's PUBHandler logs a warning with a subtopic until its standard
    // input closes (subscriptions arrive asynchronously, so it repeats).
    let code = "import logging, select\n\
        from zmq.log.handlers import PUBHandler\n\
        ctx = zmq.Context()\n\
        pub = ctx.socket(zmq.PUB)\n\
        port = pub.bind_to_random_port('tcp://127.0.0.1')\n\
        print('port', port, flush=True)\n\
        handler = PUBHandler(pub)\n\
        handler.root_topic = 'py'\n\
        log = logging.getLogger('interop')\n\
        log.setLevel(logging.DEBUG)\n\
        log.addHandler(handler)\n\
        while not select.select([sys.stdin], [], [], 0.01)[0]:\n    \
            log.info('not subscribed to')\n    \
            log.warning('db::pool is low')\n\
        pub.close(linger=0); ctx.term()";
    let mut command = Command::new(&python);
    command
        .arg("-u")
        .arg("-c")
        .arg(format!("import sys, zmq\n{code}"));
    let mut publisher = spawn("python-pubhandler", command);
    let port = publisher
        .wait_for_line("port ")
        .trim_start_matches("port ")
        .to_owned();
    let url = format!("tcp://127.0.0.1:{port}");
    let watcher = start("logwatch", &[&url, "py.WARNING", "1"], &[]).success();
    publisher.close_stdin();
    publisher.success();
    let line = watcher.lines()[0].to_owned();
    assert!(line.starts_with("py.WARNING.db | WARNING "), "{line}");
    assert!(line.ends_with(" - pool is low"), "{line}");
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_lbbroker_balances_python_clients_over_python_workers() {
    let python = python();
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
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_lpclient_gives_up_on_a_python_lpserver_that_crashes() {
    let python = python();
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

/// Starts the Rust mdbroker (replying `replies` times) and waits until it
/// is bound.
fn rust_mdbroker(replies: &str) -> Running {
    let mut broker = start("mdbroker", &[], &[("ZGUIDE_ITERS", replies)]);
    broker.wait_for_line("I: MDP broker/0.1.1 is active at tcp://*:5555");
    broker
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_mdbroker_serves_a_python_mdp_client_and_worker() {
    let python = python();
    let _ports = serial();
    let broker = rust_mdbroker("5");
    let worker = start_python(&python, "mdworker.py", &["5"]);
    let client = start_python(&python, "mdclient.py", &["5"]).success();
    let worker = worker.success();
    broker.success();
    let replies: Vec<_> = (0..5).map(|n| format!("reply: Hello {n}")).collect();
    assert_eq!(client.lines(), replies, "{client:#?}");
    let requests: Vec<_> = (0..5).map(|n| format!("request: Hello {n}")).collect();
    assert_eq!(worker.lines(), requests, "{worker:#?}");
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_mdclient_and_mdworker_mix_with_python_peers_through_rust_mdbroker() {
    let python = python();
    let _ports = serial();
    // Rust client, Python worker.
    let broker = rust_mdbroker("10");
    let worker = start_python(&python, "mdworker.py", &["10"]);
    let client = start("mdclient", &[], &[("ZGUIDE_ITERS", "10")]).success();
    assert_eq!(
        client.lines(),
        ["10 requests/replies processed"],
        "{client:#?}"
    );
    let worker = worker.success();
    assert_eq!(
        worker.lines(),
        vec!["request: Hello world"; 10],
        "{worker:#?}"
    );
    broker.success();

    // Python client, Rust worker.
    let broker = rust_mdbroker("5");
    let worker = start("mdworker", &[], &[("ZGUIDE_ITERS", "5")]);
    let client = start_python(&python, "mdclient.py", &["5"]).success();
    let replies: Vec<_> = (0..5).map(|n| format!("reply: Hello {n}")).collect();
    assert_eq!(client.lines(), replies, "{client:#?}");
    worker.success();
    broker.success();
}

/// The async API (feature `tokio`) against pyzmq: an `AsyncSocket<Rep>` in
/// this process answers the Python Hello World client.
#[cfg(all(feature = "tokio", unix))]
#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_async_rep_answers_a_python_req_client() {
    let python = python();
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
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn a_python_publisher_feeds_rust_async_subscriber() {
    let python = python();
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

// ----- Chapter 5: the Clone pattern and the Espresso pattern -----------

#[path = "interop/clonestate.rs"]
mod clonestate;
#[path = "../examples/clone/kv.rs"]
mod kv;
#[path = "../examples/clone/kvmsg.rs"]
mod kvmsg;
#[path = "../examples/clone/kvsimple.rs"]
mod kvsimple;

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn rust_clonesrv5_keeps_a_python_and_a_rust_clone_client_in_step() {
    let python = python();
    const UPDATES: &str = "5";
    let _ports = serial();
    // Two snapshot requests and 2 x 5 updates from the clients; then ours
    let server = start(
        "clonesrv5",
        &[],
        &[("ZGUIDE_ITERS", "13"), ("ZGUIDE_TIME_SCALE", "0.1")],
    );
    let from_python = start_python(&python, "clonecli.py", &[UPDATES, "0.1"]);
    let from_rust = start(
        "clonecli5",
        &[],
        &[("ZGUIDE_ITERS", UPDATES), ("ZGUIDE_TIME_SCALE", "0.1")],
    );
    let (from_python, from_rust) = (from_python.success(), from_rust.success());
    let state = clonestate::kvmsg_snapshot(5556, "/client/");
    let server = server.success();
    for client in [&from_python, &from_rust] {
        assert!(
            client.stdout.starts_with("I: Received snapshot="),
            "{client:#?}"
        );
        clonestate::assert_converged(client, &state, true);
    }
    // Each client heard the other's updates through the Rust server
    let published = server.stdout.matches("I: publishing update=").count();
    assert_eq!(published, 10, "{server:#?}");
    // An update the server applied before a client's snapshot request
    // comes in the snapshot (its sequence number counts it), not as an
    // update: which client asks first is a race.
    for client in [&from_python, &from_rust] {
        let updates = client.stdout.matches("I: received update=").count();
        let in_snapshot: usize = client
            .stdout
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("I: Received snapshot="))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no snapshot sequence: {client:#?}"));
        assert_eq!(in_snapshot + updates, 10, "{client:#?}");
    }
}

#[test]
#[ignore = "needs a python with pyzmq: ZMQ_INTEROP_PYTHON=... cargo test --test interop -- --ignored"]
fn a_python_espresso_publisher_feeds_the_rust_espresso_subscriber() {
    let python = python();
    let _ports = serial();
    let mut publisher = start_python(&python, "espresso_pub.py", &[]);
    publisher.wait_for_line("-");
    let espresso = start("espresso", &["--no-publisher"], &[]).success();
    let published = publisher.kill();
    let sent: std::collections::HashSet<&str> = published.lines().into_iter().collect();
    let lines = espresso.lines();
    assert!(
        lines.contains(&"Subscriber received 5 messages"),
        "{espresso:#?}"
    );
    let relayed: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("[b'pub', b'")?.strip_suffix("']"))
        .collect();
    assert!(relayed.len() >= 5, "{espresso:#?}");
    for message in relayed {
        assert!(sent.contains(message), "{message} was not sent by Python");
        assert!(message.starts_with('A') || message.starts_with('B'));
    }
}
