//! The ZeroMQ guide's chapter 4 samples of `examples/` as processes:
//! Majordomo (broker, clients, workers, MMI), tripping, Titanic, Binary
//! Star failover and the Freelance clients. Each test runs the samples in
//! their bounded mode and checks what they print. Where the scenario waits
//! for heartbeats or timeouts to expire the timings are shortened
//! (`ZGUIDE_TIME_SCALE`); where nothing should time out they stay the
//! guide's, so that a slow moment on a busy machine cannot look like a
//! lost reply. The samples use the guide's fixed ports, so the tests take
//! the ports lock and run one at a time. Every wait is bounded.

#[path = "interop/harness.rs"]
mod harness;

use harness::{Finished, Running, serial, start};

/// The guide's timings shortened five times: Majordomo heartbeats and
/// reply timeouts of 0.5 s instead of 2.5 s, Titanic's dispatch every
/// 0.2 s, Freelance timeouts of 0.2 s instead of 1 s.
const SCALE: (&str, &str) = ("ZGUIDE_TIME_SCALE", "0.2");

/// The environment of a bounded sample: `ZGUIDE_ITERS=iters`, shortened
/// timings.
fn bounded(iters: &str) -> [(&str, &str); 2] {
    [SCALE, ("ZGUIDE_ITERS", iters)]
}

/// The lines of `out` without the timestamp that the Majordomo samples
/// put in front of their log lines ("2024-01-31 12:00:00 ").
fn untimed(out: &Finished) -> Vec<String> {
    out.lines()
        .into_iter()
        .map(|line| {
            let stamped = line.len() > 20
                && line.as_bytes()[4] == b'-'
                && line.as_bytes()[13] == b':'
                && line.as_bytes()[19] == b' ';
            if stamped { &line[20..] } else { line }.to_string()
        })
        .collect()
}

/// The environment of a bounded sample with the guide's timings.
fn iters(iters: &str) -> [(&str, &str); 1] {
    [("ZGUIDE_ITERS", iters)]
}

/// Starts mdbroker with `env` and waits until it is bound.
fn mdbroker(env: &[(&str, &str)]) -> Running {
    let mut broker = start("mdbroker", &[], env);
    broker.wait_for_line("I: MDP broker/0.1.1 is active at tcp://*:5555");
    broker
}

#[test]
fn majordomo_clients_get_every_echo_through_mdbroker() {
    let _ports = serial();
    // The guide's timings: nothing times out when all goes well, and a
    // busy machine cannot make it look as if something did.
    // 200 + 200 echoes and one MMI answer.
    let broker = mdbroker(&iters("401"));
    let worker = start("mdworker", &[], &iters("400"));

    let client = start("mdclient", &[], &iters("200")).success();
    assert_eq!(
        client.lines(),
        ["200 requests/replies processed"],
        "{client:#?}"
    );
    // The worker is registered (and still running): MMI says so.
    let mmi = start("mmiecho", &[], &[]).success();
    assert_eq!(mmi.lines(), ["Lookup echo service: 200"], "{mmi:#?}");
    // The asynchronous client sends all its requests before any reply.
    let client2 = start("mdclient2", &[], &iters("200")).success();
    assert_eq!(
        client2.lines(),
        ["200 requests/replies processed"],
        "{client2:#?}"
    );

    worker.success();
    let broker = broker.success();
    let log = untimed(&broker);
    assert_eq!(
        log,
        ["I: MDP broker/0.1.1 is active at tcp://*:5555"],
        "{broker:#?}"
    );
}

#[test]
fn majordomo_client_gives_up_without_a_worker_and_mmi_says_404() {
    let _ports = serial();
    // The MMI answer is the only reply the broker sends.
    let broker = mdbroker(&bounded("1"));
    // Three attempts of 0.5 s each, on a fresh socket each time.
    let client = start("mdclient", &[], &bounded("5")).success();
    assert_eq!(
        untimed(&client),
        [
            "W: no reply, reconnecting...",
            "W: no reply, reconnecting...",
            "W: permanent error, abandoning",
            "0 requests/replies processed",
        ],
        "{client:#?}"
    );
    let mmi = start("mmiecho", &[], &[]).success();
    assert_eq!(mmi.lines(), ["Lookup echo service: 404"], "{mmi:#?}");
    broker.success();
}

#[test]
fn majordomo_apis_frame_requests_as_mdp_0_1() {
    let _ports = serial();
    let broker = mdbroker(&iters("3"));
    let worker = start("mdwrkapi", &["-v"], &iters("3"));

    // The synchronous API, verbose: the request and the reply as the
    // broker frames them.
    let client = start("mdcliapi", &["-v"], &[]).success();
    let log = untimed(&client);
    let request = log
        .iter()
        .position(|l| l == "I: send request to 'echo' service:")
        .expect("the request is logged");
    assert_eq!(
        log[request + 1..request + 5],
        [
            "----------------------------------------",
            "[006] MDPC01",
            "[004] echo",
            "[011] Hello world"
        ],
        "{client:#?}"
    );
    assert_eq!(
        log.last().unwrap(),
        "Reply from echo: Hello world",
        "{client:#?}"
    );

    // The asynchronous API: both requests out, then both replies.
    let client2 = start("mdcliapi2", &["echo", "one", "two"], &[]).success();
    assert_eq!(
        client2.lines(),
        ["Reply from echo: one", "Reply from echo: two"],
        "{client2:#?}"
    );

    let worker = worker.success();
    let log = untimed(&worker);
    // READY, then each request in the MDP/Worker envelope.
    let ready = log
        .iter()
        .position(|l| l == "I: sending READY to broker")
        .expect("READY is logged");
    assert_eq!(
        log[ready + 1..ready + 6],
        [
            "----------------------------------------",
            "[000] ",
            "[006] MDPW01",
            "[001] 01",
            "[004] echo"
        ],
        "{worker:#?}"
    );
    let requests: Vec<_> = log
        .iter()
        .filter(|l| l.starts_with("Request for echo: "))
        .collect();
    assert_eq!(
        requests,
        [
            "Request for echo: Hello world",
            "Request for echo: one",
            "Request for echo: two"
        ],
        "{worker:#?}"
    );
    broker.success();
}

/// One echo request through mdcliapi (the guide's timings): the reply it
/// prints.
fn one_echo() -> Vec<String> {
    let client = start("mdcliapi", &[], &[]).success();
    client.lines().iter().map(|l| l.to_string()).collect()
}

#[test]
fn majordomo_worker_reconnects_when_the_broker_restarts() {
    let _ports = serial();
    let mut broker = mdbroker(&[SCALE]);
    let mut worker = start("mdwrkapi", &["-v"], &[SCALE]);
    assert_eq!(one_echo(), ["Reply from echo: Hello world"]);

    // The broker dies: three silent heartbeats later the worker says so
    // and connects again, and serves the next broker.
    broker.kill();
    worker.wait_for_line("W: disconnected from broker - retrying...");
    worker.wait_for_line("I: connecting to broker at tcp://localhost:5555...");
    let mut broker = mdbroker(&[SCALE]);
    assert_eq!(one_echo(), ["Reply from echo: Hello world"]);
    worker.kill();
    broker.kill();
}

#[test]
fn mdbroker_drops_a_worker_whose_heartbeats_stop() {
    let _ports = serial();
    let mut broker = mdbroker(&[SCALE]);
    let mut worker = start("mdworker", &[], &[SCALE]);
    // Registered once it has answered.
    assert_eq!(one_echo(), ["Reply from echo: Hello world"]);
    let mmi = start("mmiecho", &[], &[]).success();
    assert_eq!(mmi.lines(), ["Lookup echo service: 200"], "{mmi:#?}");

    worker.kill();
    broker.wait_for_line("I: deleting expired worker: ");
    let mmi = start("mmiecho", &[], &[]).success();
    assert_eq!(mmi.lines(), ["Lookup echo service: 404"], "{mmi:#?}");
    broker.kill();
}

#[test]
fn tripping_times_synchronous_and_asynchronous_round_trips() {
    let _ports = serial();
    let out = start("tripping", &[], &bounded("1000")).success();
    let lines = out.lines();
    assert_eq!(lines.len(), 5, "{out:#?}");
    assert_eq!(lines[0], "Setting up test...");
    assert_eq!(lines[1], "Synchronous round-trip test...");
    assert_eq!(lines[3], "Asynchronous round-trip test...");
    for rate in [lines[2], lines[4]] {
        let calls: u64 = rate
            .trim()
            .strip_suffix(" calls/second")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a rate: {rate:?}"));
        assert!(calls > 0, "{out:#?}");
    }
}

/// Waits (at most [`harness::TIMEOUT`]) until `done` holds.
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + harness::TIMEOUT;
    while !done() {
        assert!(
            std::time::Instant::now() < deadline,
            "no {what} within {:?}",
            harness::TIMEOUT
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// A fresh directory under the system's temporary directory, removed when
/// dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path =
            std::env::temp_dir().join(format!("zmq-rs-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The frames of a file Titanic stored: each a 4-byte big-endian length,
/// then the bytes.
fn stored_frames(path: &std::path::Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut frames = Vec::new();
    let mut rest = &bytes[..];
    while !rest.is_empty() {
        let (len, tail) = rest.split_at(4);
        let len = u32::from_be_bytes(len.try_into().unwrap()) as usize;
        frames.push(String::from_utf8_lossy(&tail[..len]).into_owned());
        rest = &tail[len..];
    }
    frames
}

#[test]
fn titanic_stores_a_request_until_its_worker_comes_and_returns_the_reply() {
    let _ports = serial();
    let dir = TempDir::new("titanic");
    let titanic_dir = dir.0.join(".titanic");
    let broker = mdbroker(&[SCALE]);
    // Titanic keeps its files in .titanic under its working directory; it
    // stops after closing one request.
    let mut command = std::process::Command::new(harness::examples_dir().join("titanic"));
    command.current_dir(&dir.0).envs(bounded("1"));
    let titanic = harness::spawn("titanic", command);

    // No echo worker yet: Titanic stores the request and says "pending".
    let mut client = start("ticlient", &[], &[SCALE]);
    let line = client.wait_for_line("I: request UUID ");
    let uuid = line["I: request UUID ".len()..].to_string();
    assert_eq!(uuid.len(), 32, "{line:?}");
    assert!(uuid.bytes().all(|b| b.is_ascii_hexdigit()), "{line:?}");
    client.wait_for_line("I: no reply yet, trying again...");
    assert_eq!(
        stored_frames(&titanic_dir.join(format!("{uuid}.req"))),
        ["echo", "Hello world"]
    );
    // The dispatcher thread queues the request beside the reply to the
    // client, so the line may come a moment later.
    let queue = titanic_dir.join("queue");
    let pending = format!("-{uuid}\n");
    wait_until("the request in the queue", || {
        std::fs::read_to_string(&queue).is_ok_and(|q| q == pending)
    });

    // The worker comes: Titanic passes the request on, and the client gets
    // the reply and closes the request.
    // Unbounded: should a slow moment make Titanic send the request
    // twice, the worker answers both.
    let mut worker = start("mdworker", &[], &[SCALE]);
    let client = client.success();
    assert_eq!(
        client.lines().last().copied(),
        Some("I: reply: Hello world"),
        "{client:#?}"
    );
    let titanic = titanic.success();
    worker.kill();
    assert!(
        titanic
            .lines()
            .contains(&format!("I: processing request {uuid}").as_str()),
        "{titanic:#?}"
    );
    // Served ('+') and closed (both files gone).
    assert_eq!(
        std::fs::read_to_string(&queue).unwrap(),
        format!("+{uuid}\n")
    );
    assert!(!titanic_dir.join(format!("{uuid}.req")).exists());
    assert!(!titanic_dir.join(format!("{uuid}.rep")).exists());
    drop(broker);
}

/// Binary Star timings: heartbeats of 0.3 s, the client's timeout 0.3 s
/// and settle delay 0.6 s (a little slower than [`SCALE`]: a peer silent
/// for two heartbeats is dead, and a loaded machine must not fake that).
const BSTAR_SCALE: (&str, &str) = ("ZGUIDE_TIME_SCALE", "0.3");

/// Starts the Binary Star pair `server` (bstarsrv or bstarsrv2), primary
/// and backup each answering `iters` requests at most, and waits until
/// they have found each other.
fn binary_star_pair(server: &str, iters: Option<&str>) -> (Running, Running) {
    let env: Vec<_> = [Some(BSTAR_SCALE), iters.map(|n| ("ZGUIDE_ITERS", n))]
        .into_iter()
        .flatten()
        .collect();
    let mut primary = start(server, &["-p"], &env);
    let mut backup = start(server, &["-b"], &env);
    primary.wait_for_line("I: connected to backup (slave), ready as master");
    backup.wait_for_line("I: connected to primary (master), ready as slave");
    (primary, backup)
}

/// The sequence numbers that bstarcli saw answered, and the server it
/// used last before the final answer.
fn bstarcli_answers(client: &Finished) -> (Vec<u64>, String) {
    let answers = client
        .lines()
        .iter()
        .filter_map(|l| l.strip_prefix("I: server replied OK ("))
        .map(|n| n.trim_end_matches(')').parse().unwrap())
        .collect();
    let last_server = client
        .lines()
        .iter()
        .rev()
        .find_map(|l| l.strip_prefix("I: connecting to server at "))
        .unwrap_or("tcp://localhost:5001..")
        .to_string();
    (answers, last_server)
}

#[test]
fn bstar_prints_the_state_machine() {
    let out = start("bstar", &[], &[]).success();
    let lines = out.lines();
    assert_eq!(lines.len(), 24, "{out:#?}");
    for row in [
        "Primary + PeerBackup -> Active: I: connected to backup (slave), ready as master",
        "Backup + ClientRequest (peer silent) -> Backup, drop",
        "Active + PeerActive -> exit: E: fatal error - dual masters, aborting",
        "Passive + ClientRequest (peer alive) -> Passive, drop",
        "Passive + ClientRequest (peer silent) -> Active, answer: I: failover successful, ready as master",
    ] {
        assert!(lines.contains(&row), "{row:?} in {out:#?}");
    }
}

#[test]
fn bstarcli_fails_over_to_the_backup_when_the_primary_is_killed() {
    let _ports = serial();
    let (mut primary, mut backup) = binary_star_pair("bstarsrv", None);
    let mut client = start("bstarcli", &[], &[BSTAR_SCALE, ("ZGUIDE_ITERS", "6")]);
    client.wait_for_line("I: server replied OK (2)");
    // SIGKILL: the primary's heartbeats stop at once.
    let killed = primary.kill();
    assert!(!killed.status.success());

    let client = client.success();
    let (answers, last_server) = bstarcli_answers(&client);
    assert_eq!(answers, [0, 1, 2, 3, 4, 5], "{client:#?}");
    assert!(
        client
            .stdout
            .contains("W: no response from server, failing over"),
        "{client:#?}"
    );
    assert_eq!(last_server, "tcp://localhost:5002..", "{client:#?}");
    backup.wait_for_line("I: failover successful, ready as master");

    // The primary comes back, hears an active backup, and goes passive.
    let mut primary = start("bstarsrv", &["-p"], &[BSTAR_SCALE]);
    primary.wait_for_line("I: connected to backup (master), ready as slave");
    primary.kill();
    backup.kill();
}

#[test]
fn bstarsrv2_reactor_fails_over_when_the_primary_stops() {
    let _ports = serial();
    // The primary answers three requests and exits; the backup the other
    // three. Everyone ends by themselves.
    let (primary, backup) = binary_star_pair("bstarsrv2", Some("3"));
    let client = start("bstarcli", &[], &[BSTAR_SCALE, ("ZGUIDE_ITERS", "6")]);
    primary.success();
    let client = client.success();
    let backup = backup.success();

    let (answers, last_server) = bstarcli_answers(&client);
    assert_eq!(answers, [0, 1, 2, 3, 4, 5], "{client:#?}");
    assert_eq!(last_server, "tcp://localhost:5002..", "{client:#?}");
    assert!(
        backup
            .lines()
            .contains(&"I: failover successful, ready as master"),
        "{backup:#?}"
    );
}

/// Starts a Freelance `server` sample with `args` and waits until it is
/// bound.
fn freelance_server(server: &str, args: &[&str], env: &[(&str, &str)]) -> Running {
    let mut running = start(server, args, env);
    running.wait_for_line("ready at tcp://*:");
    running
}

#[test]
fn flclient1_tries_each_server_once_and_uses_the_survivor() {
    let _ports = serial();
    // Replies awaited for 0.5 s.
    let env = [("ZGUIDE_TIME_SCALE", "0.5")];
    let mut first = freelance_server("flserver1", &["tcp://*:5555"], &[]);
    let second = freelance_server("flserver1", &["tcp://*:5556"], &iters("1"));
    first.kill();
    let endpoints = ["tcp://localhost:5555", "tcp://localhost:5556"];
    let client = start("flclient1", &endpoints, &env).success();
    assert_eq!(
        client.lines(),
        [
            "I: Trying echo service at tcp://localhost:5555...",
            "W: No response from tcp://localhost:5555",
            "I: Trying echo service at tcp://localhost:5556...",
            "Service is running OK",
        ],
        "{client:#?}"
    );
    second.success();

    // One endpoint, and nobody there: three tries, no success.
    let client = start("flclient1", &endpoints[..1], &env).success();
    let tries = [
        "I: Trying echo service at tcp://localhost:5555...",
        "W: No response from tcp://localhost:5555, retrying",
    ];
    assert_eq!(client.lines(), tries.repeat(3), "{client:#?}");
}

#[test]
fn flclient2_gets_every_answer_from_the_surviving_server() {
    let _ports = serial();
    let survivor = freelance_server("flserver2", &["tcp://*:5555"], &[]);
    let mut killed = freelance_server("flserver2", &["tcp://*:5556"], &[]);
    killed.kill();
    // Every request goes to both; the copy for the dead server waits in
    // its queue, the survivor answers.
    let client = start(
        "flclient2",
        &["tcp://localhost:5555", "tcp://localhost:5556"],
        &iters("200"),
    )
    .success();
    let lines = client.lines();
    assert_eq!(
        lines[..2],
        [
            "I: Connected to tcp://localhost:5555",
            "I: Connected to tcp://localhost:5556"
        ],
        "{client:#?}"
    );
    assert_eq!(lines.len(), 3, "no request failed: {client:#?}");
    assert!(
        lines[2].starts_with("Average round trip cost: "),
        "{client:#?}"
    );
    drop(survivor);
}

#[test]
fn flclient3_fails_over_when_its_server_is_killed() {
    let _ports = serial();
    // The guide's timings: pings every 2 s (the failover comes with the
    // next one at the latest), requests abandoned after 3 s.
    let mut servers: Vec<Running> = ["5555", "5556", "5557"]
        .iter()
        .map(|port| {
            let endpoint = format!("tcp://localhost:{port}");
            freelance_server("flserver3", &["-v", &endpoint], &[])
        })
        .collect();
    let client = start("flclient3", &[], &iters("3000"));
    // The first server answers the first request: kill it.
    servers[0].wait_for_line("[002] OK");
    servers[0].kill();

    let client = client.success();
    let lines = client.lines();
    assert_eq!(
        lines[..3],
        [
            "I: connecting to tcp://localhost:5555...",
            "I: connecting to tcp://localhost:5556...",
            "I: connecting to tcp://localhost:5557...",
        ],
        "{client:#?}"
    );
    assert_eq!(lines.len(), 4, "no request failed: {client:#?}");
    assert!(
        lines[3].starts_with("Average round trip cost: "),
        "{client:#?}"
    );
    // The next server in line took over.
    let second = servers[1].kill();
    assert!(second.stdout.contains("[002] OK"), "{second:#?}");
}

#[test]
fn flcliapi_asks_a_flserver3() {
    let _ports = serial();
    // Not bounded: a server that exits right after its reply takes the
    // connection down, and the client's IMMEDIATE ROUTER drops what it
    // has not read from it yet.
    let mut server = freelance_server("flserver3", &[], &[]);
    let client = start("flcliapi", &[], &[]).success();
    assert_eq!(
        client.lines(),
        ["I: connecting to tcp://localhost:5555...", "I: reply: OK"],
        "{client:#?}"
    );
    server.kill();
}
