//! ZeroMQ's three basic patterns on tokio (`zmq::tokio::AsyncSocket`), in
//! one process: request-reply, publish-subscribe and the parallel pipeline.
//! The async twin of `patterns`; run it with
//! `cargo run --example async_patterns --features tokio`.
//!
//! Every peer is a task on one runtime; every TCP endpoint is
//! `tcp://127.0.0.1:*`; the peers synchronise through handshakes.
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use zmq::tokio::AsyncSocket;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

#[tokio::main]
async fn main() -> Result<()> {
    let v = zmq::version();
    println!(
        "ZeroMQ's three basic patterns on tokio (libzmq {}.{}.{})\n",
        v.major, v.minor, v.patch
    );
    let context = zmq::Context::new();
    let summaries = [
        request_reply(&context).await?,
        publish_subscribe(&context).await?,
        pipeline(&context).await?,
    ];
    println!();
    for summary in summaries {
        println!("{summary}");
    }
    Ok(())
}

/// A new async socket of type `T`.
fn socket<T: zmq::SocketType>(context: &zmq::Context) -> Result<AsyncSocket<T>> {
    Ok(AsyncSocket::new(context.socket::<T>()?)?)
}

/// A REP server task answers "World" to each of ten "Hello"s.
async fn request_reply(context: &zmq::Context) -> Result<String> {
    let server = socket::<zmq::Rep>(context)?;
    server.get_ref().bind("tcp://127.0.0.1:*")?;
    let endpoint = server.get_ref().last_endpoint()?;
    println!("1. Request-reply: REQ client -> REP server task on {endpoint}");

    const REQUESTS: usize = 10;
    let serve = tokio::spawn(async move {
        for _ in 0..REQUESTS {
            let request = server.recv().await?;
            if request != "Hello" {
                return Err(format!("unexpected request {request}").into());
            }
            server.send("World").await?;
        }
        Result::Ok(())
    });

    let client = socket::<zmq::Req>(context)?;
    client.get_ref().connect(&endpoint)?;
    let mut replies = Vec::new();
    for _ in 0..REQUESTS {
        client.send("Hello").await?;
        replies.push(client.recv_string().await?);
    }
    serve.await??;
    println!(
        "   client sent \"Hello\" x{REQUESTS}, got: {}",
        replies.join(" ")
    );
    let worlds = replies.iter().filter(|r| *r == "World").count();
    Ok(format!(
        "request-reply:     {REQUESTS} requests, {worlds} replies \"World\""
    ))
}

/// Updates on three topics reach two subscriber tasks: one takes
/// everything, the other only the "weather." prefix.
async fn publish_subscribe(context: &zmq::Context) -> Result<String> {
    // An XPUB sees the subscriptions, so the publisher waits for them.
    let publisher = socket::<zmq::XPub>(context)?;
    publisher.get_ref().bind("tcp://127.0.0.1:*")?;
    let endpoint = publisher.get_ref().last_endpoint()?;
    println!("\n2. Publish-subscribe: publisher -> 2 subscriber tasks on {endpoint}");

    const UPDATES: [&str; 6] = [
        "weather.london 12C",
        "sports.tennis 6-4 7-5",
        "weather.paris 15C",
        "news.rust 1.95 released",
        "weather.oslo -2C",
        "sports.chess 1/2-1/2",
    ];
    let mut subscribers = Vec::new();
    for prefix in ["", "weather."] {
        let sub = socket::<zmq::Sub>(context)?;
        sub.get_ref().connect(&endpoint)?;
        sub.get_ref().subscribe(prefix)?;
        sub.get_ref().subscribe("END")?;
        subscribers.push(tokio::spawn(async move {
            let mut got = Vec::new();
            loop {
                let update = sub.recv_string().await?;
                if update == "END" {
                    return Result::Ok((prefix, got));
                }
                got.push(update);
            }
        }));
    }

    let mut pending = BTreeSet::from([&b""[..], b"weather.", b"END"]);
    while !pending.is_empty() {
        let subscription = publisher.recv().await?;
        if let [1, prefix @ ..] = &subscription[..] {
            pending.remove(prefix);
        }
    }
    println!("   publisher saw the subscriptions \"\", \"weather.\" and \"END\"");
    for update in UPDATES {
        publisher.send(update).await?;
    }
    publisher.send("END").await?;

    let mut received = Vec::new();
    for task in subscribers {
        let (prefix, got) = task.await??;
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

/// A ventilator PUSHes tasks to worker tasks, which PUSH results to a sink.
async fn pipeline(context: &zmq::Context) -> Result<String> {
    const WORKERS: usize = 4;
    const TASKS: usize = 100;

    let sink = socket::<zmq::Pull>(context)?;
    sink.get_ref().bind("tcp://127.0.0.1:*")?;
    let sink_endpoint = sink.get_ref().last_endpoint()?;
    let ventilator = socket::<zmq::Push>(context)?;
    ventilator.get_ref().bind("inproc://async-tasks")?;
    println!(
        "\n3. Parallel pipeline: ventilator -> {WORKERS} worker tasks over \
         inproc://async-tasks -> sink on {sink_endpoint}"
    );

    let mut workers = Vec::new();
    for id in 0..WORKERS {
        // Connected here, before the first task goes out, so that PUSH deals
        // the tasks out evenly.
        let tasks = socket::<zmq::Pull>(context)?;
        tasks.get_ref().connect("inproc://async-tasks")?;
        let results = socket::<zmq::Push>(context)?;
        results.get_ref().connect(&sink_endpoint)?;
        workers.push(tokio::spawn(async move {
            loop {
                let task = tasks.recv_string().await?;
                if task == "STOP" {
                    return Result::Ok(());
                }
                // The work: an await that keeps the thread free.
                tokio::time::sleep(Duration::from_millis(task.parse()?)).await;
                results.send(id.to_string()).await?;
            }
        }));
    }

    let start = Instant::now();
    let mut workload = 0;
    for i in 0..TASKS as u64 {
        let msec = 1 + (i * 7) % 10;
        workload += msec;
        ventilator.send(msec.to_string()).await?;
    }
    let mut per_worker = [0; WORKERS];
    for _ in 0..TASKS {
        let worker: usize = sink.recv_string().await?.parse()?;
        per_worker[worker] += 1;
    }
    let elapsed = start.elapsed().as_millis();
    for _ in 0..WORKERS {
        ventilator.send("STOP").await?;
    }
    for worker in workers {
        worker.await??;
    }
    println!("   sink: {TASKS} results in {elapsed} ms, per worker {per_worker:?}");
    let done: usize = per_worker.iter().sum();
    Ok(format!(
        "pipeline:          {done} tasks ({workload} ms of work) done by {WORKERS} workers \
         in {elapsed} ms"
    ))
}
