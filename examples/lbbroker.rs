//! Load-balancing broker: clients (REQ) on ipc://frontend.ipc, workers
//! (REQ, "READY" first) on ipc://backend.ipc, both sides ROUTERs; each
//! request goes to the worker that has been ready longest, and the broker
//! ends when every client has its reply.
//!
//! The ten clients and three workers run here as threads, each with its own
//! context, as if they were processes (the Python sample forks processes).
//!
//! `cargo run --example lbbroker -- [--external] [CLIENTS [WORKERS]]`
//! (defaults 10 and 3): `--external` starts no clients or workers, for peers
//! in other processes (started in the same directory); the broker still
//! ends after CLIENTS replies.
#[path = "zhelpers/lbtasks.rs"]
mod lbtasks;

use std::collections::VecDeque;
use std::thread;
use zmq::{PollEvents, PollSet};

fn main() -> zmq::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let external = args.first().is_some_and(|a| a == "--external");
    if external {
        args.remove(0);
    }
    let number = |i: usize, default: usize| -> usize {
        args.get(i).map_or(default, |a| {
            a.parse()
                .unwrap_or_else(|_| panic!("usage: lbbroker [--external] [CLIENTS [WORKERS]]"))
        })
    };
    let (nbr_clients, nbr_workers) = (number(0, 10), number(1, 3));

    // Prepare context and sockets
    let context = zmq::Context::new();
    let frontend = context.socket::<zmq::Router>()?;
    frontend.bind("ipc://frontend.ipc")?;
    let backend = context.socket::<zmq::Router>()?;
    backend.bind("ipc://backend.ipc")?;

    // Start background tasks, each with its own context
    let mut clients = Vec::new();
    if !external {
        for i in 0..nbr_clients {
            clients.push(thread::spawn(move || {
                lbtasks::client_task(&zmq::Context::new(), "ipc://frontend.ipc", i)
            }));
        }
        for i in 0..nbr_workers {
            // The workers run until the process ends.
            thread::spawn(move || {
                lbtasks::worker_task(&zmq::Context::new(), "ipc://backend.ipc", i)
            });
        }
    }

    // Main loop state: the queue of ready workers. Only poll for requests
    // from the frontend while a worker is available.
    let mut count = nbr_clients;
    let mut workers: VecDeque<zmq::Message> = VecDeque::new();
    let mut items = PollSet::new();
    let from_workers = items.add(&backend, PollEvents::IN);
    let from_clients = items.add(&frontend, PollEvents::empty());

    while count > 0 {
        items.poll(None)?;

        if items.is_readable(from_workers) {
            // Handle worker activity on the backend:
            // [worker, "", "READY"] or [worker, "", client, "", reply]
            let mut request = backend.recv_multipart()?;
            let worker = request.pop_front().expect("worker address");
            workers.push_back(worker);
            // Poll for clients now that a worker is available
            items.set_events(from_clients, PollEvents::IN)?;
            request.pop_front(); // empty delimiter
            if request.len() > 1 {
                // A client reply: send the rest back to the frontend
                frontend.send_multipart(request)?;
                count -= 1;
            }
        }

        if count > 0 && items.is_readable(from_clients) {
            // Get the next client request, [client, "", request], and route
            // it to the worker that has been ready longest
            let request = frontend.recv_multipart()?;
            let worker = workers.pop_front().expect("polled only with a worker");
            let mut message = zmq::Multipart::from([worker, "".into()]);
            message.extend(request);
            backend.send_multipart(message)?;
            if workers.is_empty() {
                // Don't poll clients while no worker is available
                items.set_events(from_clients, PollEvents::empty())?;
            }
        }
    }

    // Every client has its reply: wait until each has printed it
    for client in clients {
        client.join().expect("client thread panicked")?;
    }
    Ok(())
}
