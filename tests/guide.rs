//! Runs the ZeroMQ guide samples of `examples/` against each other, in
//! their bounded mode (`ZGUIDE_ITERS`, `ZGUIDE_NO_PROMPT`), and checks what
//! they print. The samples use the guide's fixed ports, so the tests take a
//! lock and run one at a time; every wait is bounded, and a sample that
//! hangs is killed and fails its test.

#[path = "interop/harness.rs"]
mod harness;

use harness::{Finished, serial, start};

/// The samples' work sleeps at a tenth of the guide's (`ZGUIDE_TIME_SCALE`),
/// where nothing else depends on their timing.
const FAST: (&str, &str) = ("ZGUIDE_TIME_SCALE", "0.1");

/// The number in `line` after `prefix` (up to the next space or letter).
fn number_after(line: &str, prefix: &str) -> i64 {
    let rest = &line[line
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix:?} in {line:?}"))
        + prefix.len()..];
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("a number after {prefix:?} in {line:?}"))
}

#[test]
fn version_prints_the_linked_libzmq() {
    let out = start("version", &[], &[]).success();
    let v = zmq::version();
    assert_eq!(
        out.stdout.trim(),
        format!("Current 0MQ version is {}.{}.{}", v.major, v.minor, v.patch)
    );
}

#[test]
fn patterns_shows_the_three_patterns() {
    let out = start("patterns", &[], &[]).success();
    let lines = out.lines();
    let summary = &lines[lines.len() - 3..];
    assert_eq!(
        summary[0], "request-reply:     10 requests, 10 replies \"World\"",
        "{out:#?}"
    );
    assert_eq!(
        summary[1], "publish-subscribe: 6 updates published, 6 + 3 received by the two subscribers",
        "{out:#?}"
    );
    assert!(
        summary[2].starts_with("pipeline:          100 tasks ("),
        "{out:#?}"
    );
    assert!(
        out.stdout.contains("per worker [25, 25, 25, 25]"),
        "{out:#?}"
    );
}

/// hwclient sends ten "Hello"s to `server` (bounded to `iters`), gets ten
/// "World"s, and the server prints `request_line` for each.
fn hwclient_against(server: &str, iters: &str, request_line: &str) {
    let _ports = serial();
    // The servers' one-second "work" at a tenth (ZGUIDE_TIME_SCALE).
    let server = start(server, &[], &[("ZGUIDE_ITERS", iters), FAST]);
    let client = start("hwclient", &[], &[]).success();
    let server = server.success();

    let lines = client.lines();
    assert_eq!(lines[0], "Connecting to hello world server...");
    for request in 0..10 {
        let (sent, received) = (lines[1 + 2 * request], lines[2 + 2 * request]);
        assert_eq!(sent, format!("Sending request {request} ..."));
        assert_eq!(received, format!("Received reply {request} [ World ]"));
    }
    assert_eq!(lines.len(), 21, "{client:#?}");
    assert_eq!(server.lines(), vec![request_line; 10]);
}

#[test]
fn hwclient_gets_ten_worlds_from_hwserver() {
    hwclient_against("hwserver", "10", "Received request: Hello");
}

#[test]
fn hwclient_gets_ten_worlds_from_mtserver() {
    // Ten requests and ten replies pass the proxy.
    hwclient_against("mtserver", "20", "Received request: [Hello]");
}

#[test]
fn wuclient_averages_the_temperature_of_its_zipcode() {
    let _ports = serial();
    let client = start("wuclient", &[], &[]);
    // One update in 100,000 is for 10001: 20M updates give the client its
    // 100 with a wide margin for the ones sent before it subscribed.
    let server = start("wuserver", &[], &[("ZGUIDE_ITERS", "20000000")]);
    // The server ends by itself: wait for it first, so that a server that
    // cannot start (port 5556 taken) fails the test at once.
    server.success();
    let client = client.success();

    let lines = client.lines();
    assert_eq!(lines[0], "Collecting updates from weather server...");
    assert!(
        lines[1].starts_with("Average temperature for zipcode '10001' was "),
        "{client:#?}"
    );
    assert!(lines[1].ends_with('F'), "{client:#?}");
    let average = number_after(lines[1], " was ");
    assert!((-80..135).contains(&average), "{client:#?}");
}

/// The sink's output: a mark per result, then the elapsed time.
fn assert_100_results(sink: &Finished) {
    let (progress, total) = sink
        .stdout
        .split_once("Total elapsed time: ")
        .expect("sink's total");
    assert_eq!(progress.len(), 100, "one mark per result: {sink:#?}");
    assert_eq!(progress.matches(':').count(), 10, "{sink:#?}");
    assert!(total.trim_end().ends_with(" msec"), "{sink:#?}");
}

#[test]
fn tasksink_collects_100_results_from_taskvent_through_a_worker() {
    let _ports = serial();
    let sink = start("tasksink", &[], &[]);
    let worker = start("taskwork", &[], &[("ZGUIDE_ITERS", "100"), FAST]);
    let mut ventilator = start("taskvent", &[], &[]);
    // The guide's prompt: "press Enter when the workers are ready".
    ventilator.wait_for_line("Press Enter when the workers are ready:");
    ventilator.write_stdin("\n");
    let ventilator = ventilator.success();
    let sink = sink.success();
    let worker = worker.success();

    let vent = ventilator.lines();
    assert_eq!(
        vent[0].trim_end(),
        "Press Enter when the workers are ready:"
    );
    assert_eq!(vent[1], "Sending tasks to workers...");
    let cost = number_after(vent[2], "Total expected cost: ");
    assert!((100..=10_000).contains(&cost), "{ventilator:#?}");
    assert_100_results(&sink);
    assert_eq!(worker.stdout.trim(), ".".repeat(100));
}

#[test]
fn tasksink2_kills_the_taskwork2_workers_after_the_batch() {
    let _ports = serial();
    let sink = start("tasksink2", &[], &[]);
    let workers: Vec<_> = (0..3).map(|_| start("taskwork2", &[], &[FAST])).collect();
    let ventilator = start("taskvent", &[], &[("ZGUIDE_NO_PROMPT", "1")]);
    ventilator.success();
    assert_100_results(&sink.success());
    // Every worker stops on KILL; together they did the 100 tasks.
    let dots: usize = workers
        .into_iter()
        .map(|w| w.success().stdout.trim().len())
        .sum();
    assert_eq!(dots, 100);
}

/// msreader or mspoller: reads the ventilator's 100 tasks (and whatever
/// weather updates for 10001 come by) and stops after 100 messages.
fn reads_tasks_and_weather_updates(reader: &str) {
    let _ports = serial();
    // Stands in for the sink, which the ventilator tells that the batch
    // starts.
    let ctx = zmq::Context::new();
    let sink = ctx.socket::<zmq::Pull>().unwrap();
    sink.set_rcvtimeo(Some(harness::TIMEOUT)).unwrap();
    sink.bind("tcp://*:5558").unwrap();

    let weather = start("wuserver", &[], &[("ZGUIDE_ITERS", "2000000")]);
    let reader = start(reader, &[], &[("ZGUIDE_ITERS", "100")]);
    let ventilator = start("taskvent", &[], &[("ZGUIDE_NO_PROMPT", "1")]);
    assert_eq!(sink.recv().unwrap(), "0");
    let reader = reader.success();
    ventilator.success();
    weather.success();

    let line = reader.stdout.trim();
    let tasks = number_after(line, "Processed ");
    let updates = number_after(line, " tasks and ");
    assert!(tasks + updates >= 100 && tasks <= 100, "{reader:#?}");
}

#[test]
fn msreader_reads_tasks_and_weather_updates() {
    reads_tasks_and_weather_updates("msreader");
}

#[test]
fn mspoller_reads_tasks_and_weather_updates() {
    reads_tasks_and_weather_updates("mspoller");
}

/// rrclient's ten requests go through `broker` to one rrworker.
fn request_reply_through(broker: &str) {
    let _ports = serial();
    // Ten requests and ten replies pass the broker.
    let broker = start(broker, &[], &[("ZGUIDE_ITERS", "20")]);
    let worker = start("rrworker", &[], &[("ZGUIDE_ITERS", "10"), FAST]);
    let client = start("rrclient", &[], &[]).success();
    let worker = worker.success();
    broker.success();
    let expected: Vec<_> = (0..10)
        .map(|n| format!("Received reply {n} [World]"))
        .collect();
    assert_eq!(client.lines(), expected);
    assert_eq!(worker.lines(), vec!["Received request: [Hello]"; 10]);
}

#[test]
fn rrclient_talks_to_rrworker_through_rrbroker() {
    request_reply_through("rrbroker");
}

#[test]
fn rrclient_talks_to_rrworker_through_msgqueue() {
    request_reply_through("msgqueue");
}

#[test]
fn wuproxy_forwards_weather_updates() {
    let _ports = serial();
    // One subscription goes up, then 1000 updates come down.
    let proxy = start(
        "wuproxy",
        &["tcp://localhost:5556", "tcp://*:8100"],
        &[("ZGUIDE_ITERS", "1001")],
    );
    let ctx = zmq::Context::new();
    let subscriber = ctx.socket::<zmq::Sub>().unwrap();
    subscriber.set_rcvtimeo(Some(harness::TIMEOUT)).unwrap();
    subscriber.connect("tcp://localhost:8100").unwrap();
    subscriber.subscribe("").unwrap();
    // The server last: the proxy's XSUB passes the subscription on as soon
    // as it connects, so few updates are sent before anyone listens.
    let server = start("wuserver", &[], &[("ZGUIDE_ITERS", "5000000")]);
    for _ in 0..100 {
        let Ok(update) = subscriber.recv_string() else {
            panic!("no update; wuserver: {:#?}", server.finish());
        };
        let fields: Vec<i64> = update.split(' ').map(|f| f.parse().unwrap()).collect();
        assert_eq!(fields.len(), 3, "{update:?}");
        assert!(
            (1..100_000).contains(&fields[0]) && update.as_bytes()[5] == b' ',
            "{update:?}"
        );
        assert!(
            (-80..135).contains(&fields[1]) && (10..60).contains(&fields[2]),
            "{update:?}"
        );
    }
    proxy.success();
    server.success();
}

#[test]
fn interrupt_stops_cleanly_on_ctrl_c() {
    let _ports = serial();
    let server = start("interrupt", &[], &[]);
    // An answer proves the server runs with its handler installed.
    let ctx = zmq::Context::new();
    let client = ctx.socket::<zmq::Req>().unwrap();
    client.set_rcvtimeo(Some(harness::TIMEOUT)).unwrap();
    client.connect("tcp://localhost:5555").unwrap();
    client.send("Hello").unwrap();
    assert_eq!(client.recv().unwrap(), "World");

    // A signal that lands while the server is between two calls (after
    // its check of the flag, before it waits) sets the flag but cannot
    // wake a wait that has not started; the next one does, as a second
    // Ctrl-C would (see zmq::interrupt). So signal until it exits.
    let pid = server.id() as libc::pid_t;
    let mut server = server;
    for _ in 0..50 {
        // SAFETY: kill(2) with the pid of our child, not yet reaped (it is
        // reaped only by has_exited below, after which we stop).
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        std::thread::sleep(std::time::Duration::from_millis(200));
        if server.has_exited() {
            break;
        }
    }
    let out = server.success();
    assert_eq!(out.stdout, "W: interrupt received, killing server...\n");
}

#[test]
fn mtrelay_signals_through_three_threads() {
    let out = start("mtrelay", &[], &[]).success();
    assert_eq!(
        out.lines(),
        [
            "Step 1 ready, signaling step 2",
            "Step 2 ready, signaling step 3",
            "Test successful!"
        ]
    );
}

#[test]
fn syncsub_receives_exactly_every_update_of_syncpub() {
    let _ports = serial();
    const UPDATES: &str = "10000";
    let subscribers: Vec<_> = (0..10).map(|_| start("syncsub", &[], &[])).collect();
    let publisher = start("syncpub", &[], &[("ZGUIDE_ITERS", UPDATES)]);
    for subscriber in subscribers {
        let out = subscriber.success();
        assert_eq!(out.stdout, format!("Received {UPDATES} updates\n"));
    }
    let out = publisher.success();
    assert_eq!(
        out.lines(),
        ["Waiting for subscribers", "Broadcasting messages"]
    );
}

#[test]
fn psenvsub_sees_only_the_b_envelopes() {
    let _ports = serial();
    let subscriber = start("psenvsub", &[], &[("ZGUIDE_ITERS", "2")]);
    // One update a second; the first may go out before the subscription
    // arrives, so the publisher sends more than the subscriber waits for.
    let publisher = start("psenvpub", &[], &[("ZGUIDE_ITERS", "4")]);
    let out = subscriber.success();
    publisher.success();
    assert_eq!(out.lines(), ["[B] We would like to see this"; 2]);
}

#[test]
fn eagain_shows_the_sends_the_hwm_allows() {
    let out = start("eagain", &[], &[]).success();
    let lines = out.lines();
    assert_eq!(
        lines[..5],
        [
            "Sending message 0",
            "Sending message 1",
            "Sending message 2",
            "Sending message 3",
            "Sending message 4",
        ]
    );
    // libzmq's EAGAIN text, then the crate's note that a timeout expired
    // (SNDTIMEO is 0 here).
    assert_eq!(lines.len(), 6, "{out:#?}");
    assert!(
        lines[5].starts_with("W: Resource temporarily unavailable"),
        "{out:#?}"
    );
}
