//! Round-trip demonstrator: a client (DEALER "C", to tcp://localhost:5555),
//! a broker (ROUTER tcp://*:5555 to ROUTER tcp://*:5556) and a worker
//! (DEALER "W", to tcp://localhost:5556), in three threads of one process.
//! The client times 10,000 (or `ZGUIDE_ITERS`) synchronous round trips,
//! then as many asynchronous ones (all sent, then all received), and tells
//! the main thread over an inproc pipe that it is done.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::{Duration, Instant};
use zmq::{Context, Dealer, Pair, PollEvents, PollSet, Router, Socket};

fn client_task(context: &Context, pipe: Socket<Pair>) -> zmq::Result<()> {
    let client = context.socket::<Dealer>()?;
    client.set_routing_id("C")?;
    client.connect("tcp://localhost:5555")?;

    println!("Setting up test...");
    // The guide sleeps 0.1 s for the worker to connect to the broker; a
    // request sent before then is lost (the broker's ROUTER drops it), so
    // we send one every 0.1 s until one comes back.
    loop {
        client.send("hello")?;
        let events = client.poll(PollEvents::IN, Some(Duration::from_millis(100)))?;
        if events.contains(PollEvents::IN) {
            client.recv()?;
            break;
        }
    }

    let requests = zhelpers::iterations_or(10_000);
    println!("Synchronous round-trip test...");
    let start = Instant::now();
    for _ in 0..requests {
        client.send("hello")?;
        client.recv()?;
    }
    println!(" {} calls/second", per_second(requests, start));

    println!("Asynchronous round-trip test...");
    let start = Instant::now();
    for _ in 0..requests {
        client.send("hello")?;
    }
    for _ in 0..requests {
        client.recv()?;
    }
    println!(" {} calls/second", per_second(requests, start));

    // Signal done
    pipe.send("done")
}

/// Calls per second since `start`.
fn per_second(calls: u64, start: Instant) -> u64 {
    (calls as f64 / start.elapsed().as_secs_f64()) as u64
}

fn worker_task() -> zmq::Result<()> {
    let context = Context::new();
    let worker = context.socket::<Dealer>()?;
    worker.set_routing_id("W")?;
    worker.connect("tcp://localhost:5556")?;
    loop {
        let msg = worker.recv_multipart()?;
        worker.send_multipart(msg)?;
    }
}

fn broker_task() -> zmq::Result<()> {
    // Prepare our context and sockets
    let context = Context::new();
    let frontend = context.socket::<Router>()?;
    let backend = context.socket::<Router>()?;
    frontend.bind("tcp://*:5555")?;
    backend.bind("tcp://*:5556")?;

    // Initialize poll set
    let mut items = PollSet::new();
    let from_worker = items.add(&backend, PollEvents::IN);
    let from_client = items.add(&frontend, PollEvents::IN);
    loop {
        items.poll(None)?;
        if items.is_readable(from_client) {
            let mut msg = frontend.recv_multipart()?;
            msg[0] = "W".into();
            backend.send_multipart(msg)?;
        }
        if items.is_readable(from_worker) {
            let mut msg = backend.recv_multipart()?;
            msg[0] = "C".into();
            frontend.send_multipart(msg)?;
        }
    }
}

fn main() -> zmq::Result<()> {
    // Create threads
    let context = Context::new();
    let pipe = context.socket::<Pair>()?;
    pipe.bind("inproc://tripping-pipe")?;
    let peer = context.socket::<Pair>()?;
    peer.connect("inproc://tripping-pipe")?;

    // The worker and the broker run until the process ends, as the guide's
    // daemon threads do.
    for task in [worker_task, broker_task] {
        std::thread::spawn(move || {
            if let Err(e) = task() {
                // The client would wait forever: end the process.
                eprintln!("E: {e}");
                std::process::exit(1);
            }
        });
    }
    let client_context = context.clone();
    let client = std::thread::spawn(move || client_task(&client_context, peer));

    // Wait for signal on client pipe
    pipe.recv()?;
    client.join().expect("client thread panicked")
}
