//! Simple Pirate queue: the load-balancing broker with no reliability of
//! its own (the client retries). Clients on tcp://*:5555, workers on
//! tcp://*:5556; a worker announces itself with "\x01" (READY) and is
//! queued again with each reply.
//!
//! `ZGUIDE_ITERS=N` ends it after it has passed N replies to clients.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::collections::VecDeque;
use zmq::{PollEvents, PollSet};

const LRU_READY: &str = "\x01";

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let frontend = context.socket::<zmq::Router>()?;
    let backend = context.socket::<zmq::Router>()?;
    frontend.bind("tcp://*:5555")?; // For clients
    backend.bind("tcp://*:5556")?; // For workers

    // Poll the workers always, the clients only while a worker is ready
    let mut items = PollSet::new();
    let from_workers = items.add(&backend, PollEvents::IN);
    let from_clients = items.add(&frontend, PollEvents::empty());

    let mut workers: VecDeque<zmq::Message> = VecDeque::new();
    let mut replies = zhelpers::Budget::new();
    loop {
        let client_events = if workers.is_empty() {
            PollEvents::empty()
        } else {
            PollEvents::IN
        };
        items.set_events(from_clients, client_events)?;
        items.poll(None)?;

        // Handle worker activity on the backend
        if items.is_readable(from_workers) {
            // Use the worker's address for load-balancing
            let mut msg = backend.recv_multipart()?;
            workers.push_back(msg.pop_front().expect("worker address"));
            // Everything after the second (delimiter) frame is the reply
            msg.pop_front();
            // Forward the message to its client if it's not a READY
            if msg.front().is_some_and(|f| *f != LRU_READY) {
                frontend.send_multipart(msg)?;
                if replies.spend() {
                    break;
                }
            }
        }

        if items.is_readable(from_clients) {
            // Get a client request, route it to the first available worker
            let msg = frontend.recv_multipart()?;
            let worker = workers.pop_front().expect("polled only with a worker");
            let mut request = zmq::Multipart::from([worker, "".into()]);
            request.extend(msg);
            backend.send_multipart(request)?;
        }
    }
    Ok(())
}
