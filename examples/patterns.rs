//! ZeroMQ's three basic patterns, in one process: request-reply,
//! publish-subscribe and the parallel pipeline, over TCP loopback and
//! inproc. Run it with `cargo run --example patterns`.
//!
//! Every TCP endpoint is `tcp://127.0.0.1:*` (a free port chosen by the OS,
//! read back with `last_endpoint`), so the demonstration never collides with
//! anything; the peers synchronise through handshakes, never sleeps.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::collections::BTreeSet;
use std::thread;
use std::time::{Duration, Instant};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn main() -> Result<()> {
    let v = zmq::version();
    println!(
        "ZeroMQ's three basic patterns, in one process (libzmq {}.{}.{})\n",
        v.major, v.minor, v.patch
    );
    let context = zmq::Context::new();
    let summaries = [
        request_reply(&context)?,
        publish_subscribe(&context)?,
        pipeline(&context)?,
    ];
    println!();
    for summary in summaries {
        println!("{summary}");
    }
    Ok(())
}

/// Runs `body` on its own thread and returns a handle whose `join` gives
/// back its result (a panic becomes an error).
fn spawn<T: Send + 'static>(
    body: impl FnOnce() -> Result<T> + Send + 'static,
) -> impl FnOnce() -> Result<T> {
    let handle = thread::spawn(body);
    move || handle.join().map_err(|_| "a thread panicked")?
}

/// A REP server answers "World" to each of ten "Hello"s from a REQ client.
fn request_reply(context: &zmq::Context) -> Result<String> {
    let server = context.socket::<zmq::Rep>()?;
    server.bind("tcp://127.0.0.1:*")?;
    let endpoint = server.last_endpoint()?;
    println!("1. Request-reply: REQ client -> REP server on {endpoint}");

    const REQUESTS: usize = 10;
    let serve = spawn(move || {
        for _ in 0..REQUESTS {
            let request = server.recv()?;
            if request != "Hello" {
                return Err(format!("unexpected request {request}").into());
            }
            server.send("World")?;
        }
        Ok(())
    });

    let client = context.socket::<zmq::Req>()?;
    client.connect(&endpoint)?;
    let mut replies = Vec::new();
    for _ in 0..REQUESTS {
        client.send("Hello")?;
        replies.push(client.recv_string()?);
    }
    serve()?;
    println!(
        "   client sent \"Hello\" x{REQUESTS}, got: {}",
        replies.join(" ")
    );

    let worlds = replies.iter().filter(|r| *r == "World").count();
    Ok(format!(
        "request-reply:     {REQUESTS} requests, {worlds} replies \"World\""
    ))
}

/// Updates published on three topics reach two subscribers: one takes
/// everything, the other only the "weather." prefix.
fn publish_subscribe(context: &zmq::Context) -> Result<String> {
    // An XPUB is a PUB that also sees its subscribers' subscriptions: the
    // publisher waits for them instead of guessing with a sleep.
    let publisher = context.socket::<zmq::XPub>()?;
    publisher.bind("tcp://127.0.0.1:*")?;
    let endpoint = publisher.last_endpoint()?;
    println!("\n2. Publish-subscribe: publisher -> 2 subscribers on {endpoint}");

    const UPDATES: [&str; 6] = [
        "weather.london 12C",
        "sports.tennis 6-4 7-5",
        "weather.paris 15C",
        "news.rust 1.95 released",
        "weather.oslo -2C",
        "sports.chess 1/2-1/2",
    ];
    // Everyone also subscribes to "END", which closes the stream.
    let subscriber = |prefix: &'static str| -> Result<_> {
        let socket = context.socket::<zmq::Sub>()?;
        socket.connect(&endpoint)?;
        socket.subscribe(prefix)?;
        socket.subscribe("END")?;
        Ok(spawn(move || {
            let mut got = Vec::new();
            loop {
                let update = socket.recv_string()?;
                if update == "END" {
                    return Ok((prefix, got));
                }
                got.push(update);
            }
        }))
    };
    let subscribers = [subscriber("")?, subscriber("weather.")?];

    // Wait until every subscription has arrived: each comes as a frame
    // "\x01" + prefix (the XPUB passes each distinct prefix on once).
    let mut pending = BTreeSet::from([&b""[..], b"weather.", b"END"]);
    while !pending.is_empty() {
        let subscription = publisher.recv()?;
        if let [1, prefix @ ..] = &subscription[..] {
            pending.remove(prefix);
        }
    }
    println!("   publisher saw the subscriptions \"\", \"weather.\" and \"END\"");

    for update in UPDATES {
        publisher.send(update)?;
    }
    publisher.send("END")?;

    let mut received = Vec::new();
    for join in subscribers {
        let (prefix, got) = join()?;
        println!(
            "   subscriber {prefix:?} got {}: {}",
            got.len(),
            got.join(", ")
        );
        received.push(got.len().to_string());
    }
    Ok(format!(
        "publish-subscribe: {} updates published, {} received by the two subscribers",
        UPDATES.len(),
        received.join(" + ")
    ))
}

/// A ventilator PUSHes tasks to workers, which PUSH results to a sink.
fn pipeline(context: &zmq::Context) -> Result<String> {
    const WORKERS: usize = 4;
    const TASKS: usize = 100;

    // The sink collects results over TCP...
    let sink = context.socket::<zmq::Pull>()?;
    sink.bind("tcp://127.0.0.1:*")?;
    let sink_endpoint = sink.last_endpoint()?;
    // ...and the ventilator hands out tasks over inproc.
    let ventilator = context.socket::<zmq::Push>()?;
    ventilator.bind("inproc://tasks")?;
    println!(
        "\n3. Parallel pipeline: ventilator -> {WORKERS} workers over inproc://tasks \
         -> sink on {sink_endpoint}"
    );

    let mut workers = Vec::new();
    for id in 0..WORKERS {
        // Connect in this thread: an inproc connect to a bound endpoint is
        // complete when it returns, so every worker is in place before the
        // first task goes out and PUSH deals the tasks out evenly.
        let tasks = context.socket::<zmq::Pull>()?;
        tasks.connect("inproc://tasks")?;
        let results = context.socket::<zmq::Push>()?;
        results.connect(&sink_endpoint)?;
        workers.push(spawn(move || {
            loop {
                let task = tasks.recv_string()?;
                if task == "STOP" {
                    return Ok(());
                }
                thread::sleep(Duration::from_millis(task.parse()?));
                results.send(id.to_string())?;
            }
        }));
    }

    let start = Instant::now();
    let mut workload = 0;
    for _ in 0..TASKS {
        let msec = zhelpers::randrange(1, 10);
        workload += msec;
        ventilator.send(msec.to_string())?;
    }
    let mut per_worker = [0; WORKERS];
    for _ in 0..TASKS {
        let worker: usize = sink.recv_string()?.parse()?;
        per_worker[worker] += 1;
    }
    let elapsed = start.elapsed().as_millis();
    for _ in 0..WORKERS {
        ventilator.send("STOP")?;
    }
    for join in workers {
        join()?;
    }
    println!("   sink: {TASKS} results in {elapsed} ms, per worker {per_worker:?}");

    let done: usize = per_worker.iter().sum();
    Ok(format!(
        "pipeline:          {done} tasks ({workload} ms of work) done by {WORKERS} workers \
         in {elapsed} ms"
    ))
}
