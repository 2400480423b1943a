//! Broker peering, part 2: the request-reply flow. Each broker has ten
//! clients and three workers (threads, each with its own context, as if
//! they were processes) on ipc://ME-localfe.ipc and ipc://ME-localbe.ipc,
//! and talks to its peers over ROUTER-to-ROUTER "cloud" sockets
//! (ipc://NAME-cloud.ipc, each ROUTER's identity the broker's name). While
//! it has a ready worker it routes requests, one in five of its own
//! clients' requests to a random peer.
//!
//! `cargo run --example peering2 -- ME [PEER...]`, e.g. `DC1 DC2` and
//! `DC2 DC1` in two terminals; press Enter in each once all are started.
//!
//! Under `ZGUIDE_ITERS=N` each client sends N requests; the broker ends
//! once its clients are done and three seconds have passed without traffic.
#[path = "zhelpers/peering.rs"]
mod peering;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::collections::VecDeque;
use std::thread;
use std::time::Duration;
use zmq::{PollEvents, PollSet};

const NBR_CLIENTS: usize = 10;
const NBR_WORKERS: usize = 3;

/// Request-reply client using a REQ socket.
fn client_task(name: &str, i: usize) -> zmq::Result<()> {
    let context = zmq::Context::new();
    let client = peering::client_socket(&context, name, i)?;
    if zhelpers::iterations().is_some() {
        // Bounded: a reply lost with a broker that ended is reported, not
        // waited for forever
        client.set_rcvtimeo(Some(zhelpers::scaled(Duration::from_secs(10))))?;
    }
    for _ in zhelpers::forever() {
        client.send("HELLO")?;
        match client.recv() {
            Ok(reply) => println!("Client-{i}: {reply}"),
            Err(zmq::Error::WouldBlock) => {
                println!("E: Client-{i}: no reply");
                break;
            }
            Err(e) => return Err(e),
        }
        thread::sleep(zhelpers::scaled(Duration::from_secs(1)));
    }
    Ok(())
}

/// Worker using a REQ socket to do load-balancing.
fn worker_task(name: &str, i: usize) -> zmq::Result<()> {
    let context = zmq::Context::new();
    let worker = peering::worker_socket(&context, name, i)?;

    // Process messages as they arrive
    loop {
        let mut msg = worker.recv_multipart()?;
        let frames: Vec<String> = msg.iter().map(ToString::to_string).collect();
        println!("Worker-{i}: {frames:?}");
        *msg.iter_mut().last().expect("a request") = "OK".into();
        worker.send_multipart(msg)?;
    }
}

fn main() -> zmq::Result<()> {
    let (myself, peers) = peering::args("peering2");
    println!("I: preparing broker at {myself}...");

    // Prepare our context and sockets
    let context = zmq::Context::new();
    let broker = peering::Broker::new(&context, &myself, &peers, false)?;

    // Get the user to tell us when we can start...
    zhelpers::prompt("Press Enter when all brokers are started: ")
        .map_err(|_| zmq::Error::Interrupted)?;

    // Start the local workers and clients
    let clients = peering::start_tasks(
        &myself,
        (NBR_WORKERS, worker_task),
        (NBR_CLIENTS, client_task),
    );

    // The interesting part: the request-reply flow
    // - poll the backends and process local and cloud replies
    // - while a worker is available, route from localfe to local or cloud
    let mut workers: VecDeque<zmq::Message> = VecDeque::new();

    let mut backends = PollSet::new();
    let from_localbe = backends.add(&broker.localbe, PollEvents::IN);
    let from_cloudbe = backends.add(&broker.cloudbe, PollEvents::IN);
    let mut frontends = PollSet::new();
    let from_localfe = frontends.add(&broker.localfe, PollEvents::IN);
    let from_cloudfe = frontends.add(&broker.cloudfe, PollEvents::IN);

    loop {
        // If we have no workers anyhow, wait indefinitely
        let events = backends.poll(peering::poll_timeout(!workers.is_empty(), &clients))?;
        if peering::done(events, &clients) {
            break;
        }

        // Handle a reply from a local worker, or from a peer broker
        broker.serve_backends(&backends, (from_localbe, from_cloudbe), &mut workers)?;

        // Now route as many client requests as we can handle
        while let Some(worker) = workers.pop_front() {
            frontends.poll(Some(Duration::ZERO))?;
            // We'll do peer brokers first, to prevent starvation
            let (mut msg, reroutable) = if frontends.is_readable(from_cloudfe) {
                (broker.cloudfe.recv_multipart()?, false)
            } else if frontends.is_readable(from_localfe) {
                (broker.localfe.recv_multipart()?, true)
            } else {
                workers.push_front(worker);
                break; // No work, go back to the backends
            };

            // If reroutable, send to the cloud 20% of the time. Here we'd
            // normally use cloud status information
            if reroutable && !peers.is_empty() && zhelpers::randrange(0, 5) == 0 {
                // Route to a random broker peer, or here if it is not there
                match broker.send_to_cloud(msg)? {
                    None => {
                        workers.push_front(worker);
                        continue;
                    }
                    Some(back) => msg = back,
                }
            }
            broker.send_to_worker(worker, msg)?;
        }
    }
    for client in clients {
        client.join().expect("client thread panicked")?;
    }
    Ok(())
}
