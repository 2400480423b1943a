//! Broker peering, part 3: the full flow of state and tasks. Each broker
//! runs ten clients, which send bursts of tasks (random hex ids) and report
//! each reply, or a lost task, to the broker's monitor socket
//! (ipc://ME-monitor.ipc), and five workers that take 0 or 1 second per
//! task. Brokers tell their peers how many workers they have free (PUB on
//! ipc://ME-state.ipc), and send a task to a random peer when no local
//! worker is free and the cloud has capacity (ROUTER-to-ROUTER on
//! ipc://NAME-cloud.ipc).
//!
//! `cargo run --example peering3 -- ME [PEER...]`, e.g. `DC1 DC2 DC3`,
//! `DC2 DC1 DC3` and `DC3 DC1 DC2` in three terminals.
//!
//! Under `ZGUIDE_ITERS=N` each client sends N bursts; the broker ends once
//! its clients are done and three seconds have passed without traffic, and says
//! how many tasks it sent to and served for its peers.
#[path = "zhelpers/peering.rs"]
mod peering;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::collections::VecDeque;
use std::thread;
use std::time::Duration;
use zmq::{PollEvents, PollSet};

const NBR_CLIENTS: usize = 10;
const NBR_WORKERS: usize = 5;

/// Request-reply client using a REQ socket, reporting to the monitor.
fn client_task(name: &str, i: usize) -> zmq::Result<()> {
    let context = zmq::Context::new();
    let client = peering::client_socket(&context, name, i)?;
    let monitor = context.socket::<zmq::Push>()?;
    monitor.connect(&format!("ipc://{name}-monitor.ipc"))?;

    for _ in zhelpers::forever() {
        let pause = Duration::from_secs(zhelpers::randrange(0, 6) as u64);
        thread::sleep(zhelpers::scaled(pause));
        for _ in 0..zhelpers::randrange(0, 16) {
            // Send a request with a random hex id
            let task_id = format!("{:04X}", zhelpers::randrange(0, 10001));
            client.send(task_id.as_str())?;

            // Wait max 10 seconds for a reply, then complain
            let timeout = zhelpers::scaled(Duration::from_secs(10));
            if client.poll(PollEvents::IN, Some(timeout))?.is_readable() {
                let reply = client.recv_string()?;
                assert_eq!(reply, task_id, "expected {task_id}, got {reply}");
                monitor.send(reply)?;
            } else {
                monitor.send(format!("E: CLIENT EXIT - lost task {task_id}"))?;
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Worker using a REQ socket to do load-balancing.
fn worker_task(name: &str, i: usize) -> zmq::Result<()> {
    let context = zmq::Context::new();
    let worker = peering::worker_socket(&context, name, i)?;

    // Process messages as they arrive
    loop {
        let msg = worker.recv_multipart()?;
        // Workers are busy for 0 or 1 seconds
        let busy = Duration::from_secs(zhelpers::randrange(0, 2) as u64);
        thread::sleep(zhelpers::scaled(busy));
        worker.send_multipart(msg)?;
    }
}

fn main() -> zmq::Result<()> {
    let (myself, peers) = peering::args("peering3");
    println!("I: preparing broker at {myself}...");

    // Prepare our context and sockets
    let context = zmq::Context::new();
    let broker = peering::Broker::new(&context, &myself, &peers, true)?;
    let (Some(statebe), Some(statefe)) = (&broker.statebe, &broker.statefe) else {
        unreachable!("a broker with state sockets");
    };

    // Prepare the monitor socket
    let monitor = context.socket::<zmq::Pull>()?;
    monitor.bind(&format!("ipc://{myself}-monitor.ipc"))?;

    // Start the local workers and clients
    let clients = peering::start_tasks(
        &myself,
        (NBR_WORKERS, worker_task),
        (NBR_CLIENTS, client_task),
    );

    // The interesting part
    // - publish-subscribe flow: poll statefe and process capacity updates;
    //   each time our capacity changes, broadcast the new value
    // - request-reply flow: poll the backends and process local and cloud
    //   replies; while a worker is available, route from localfe to local
    //   or cloud
    let mut local_capacity = 0usize;
    let mut cloud_capacity = 0usize;
    let mut workers: VecDeque<zmq::Message> = VecDeque::new();
    // Tasks for a peer that could not take them, waiting for capacity
    let mut backlog: VecDeque<zmq::Multipart> = VecDeque::new();
    let (mut to_cloud, mut from_cloud) = (0usize, 0usize);

    let mut primary = PollSet::new();
    let from_localbe = primary.add(&broker.localbe, PollEvents::IN);
    let from_cloudbe = primary.add(&broker.cloudbe, PollEvents::IN);
    let from_statefe = primary.add(statefe, PollEvents::IN);
    let from_monitor = primary.add(&monitor, PollEvents::IN);
    let mut secondary = PollSet::new();
    let from_localfe = secondary.add(&broker.localfe, PollEvents::IN);
    let from_cloudfe = secondary.add(&broker.cloudfe, PollEvents::IN);

    loop {
        // If we have no workers anyhow, wait indefinitely
        let events = primary.poll(peering::poll_timeout(local_capacity > 0, &clients))?;
        if peering::done(events, &clients) {
            break;
        }
        let previous = local_capacity;

        // Handle a reply from a local worker, or from a peer broker
        if broker.serve_backends(&primary, (from_localbe, from_cloudbe), &mut workers)? {
            local_capacity += 1;
        }

        // Handle capacity updates, [peer, capacity]
        if primary.is_readable(from_statefe) {
            let update = statefe.recv_multipart()?;
            cloud_capacity = update
                .get(1)
                .and_then(|s| s.as_str()?.parse().ok())
                .unwrap_or(0);
        }

        // Handle a monitor message
        if primary.is_readable(from_monitor) {
            println!("{}", monitor.recv_string()?);
        }

        // Now route as many client requests as we can handle
        // - if we have local capacity we poll both localfe and cloudfe
        // - if we have cloud capacity only, we poll just localfe
        // - route any request locally if we can, else to the cloud
        while local_capacity + cloud_capacity > 0 {
            let msg = match backlog.pop_front() {
                Some(msg) => msg,
                None => {
                    let cloud_events = if local_capacity > 0 {
                        PollEvents::IN
                    } else {
                        PollEvents::empty()
                    };
                    secondary.set_events(from_cloudfe, cloud_events)?;
                    secondary.poll(Some(Duration::ZERO))?;
                    // We'll do peer brokers first, to prevent starvation
                    if secondary.is_readable(from_cloudfe) {
                        from_cloud += 1;
                        broker.cloudfe.recv_multipart()?
                    } else if secondary.is_readable(from_localfe) {
                        broker.localfe.recv_multipart()?
                    } else {
                        break; // No work, go back to the backends
                    }
                }
            };

            if local_capacity > 0 {
                let worker = workers.pop_front().expect("one per unit of capacity");
                broker.send_to_worker(worker, msg)?;
                local_capacity -= 1;
            } else if let Some(msg) = broker.send_to_cloud(msg)? {
                // That peer is not there: wait for capacity
                backlog.push_front(msg);
                break;
            } else {
                to_cloud += 1;
            }
        }
        if local_capacity != previous {
            statebe.send_multipart([myself.as_str(), local_capacity.to_string().as_str()])?;
        }
    }
    println!("I: {myself} sent {to_cloud} tasks to its peers and served {from_cloud} for them");
    for client in clients {
        client.join().expect("client thread panicked")?;
    }
    Ok(())
}
