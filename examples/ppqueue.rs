//! Paranoid Pirate queue: the load-balancing broker with heartbeats.
//! Clients on tcp://*:5555, DEALER workers on tcp://*:5556. Workers say
//! READY ("\x01") and send heartbeats ("\x02"); the queue sends heartbeats
//! to its idle workers every second and forgets a worker it has not heard
//! from for three heartbeats.
//!
//! `ZGUIDE_ITERS=N` ends it after it has passed N replies to clients;
//! `ZGUIDE_TIME_SCALE` shortens the heartbeat interval.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::collections::VecDeque;
use std::time::{Duration, Instant};
use zmq::{PollEvents, PollSet};

const HEARTBEAT_LIVENESS: u32 = 3; // 3..5 is reasonable
const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(1);

// Paranoid Pirate Protocol constants
const PPP_READY: &[u8] = b"\x01"; // Signals worker is ready
const PPP_HEARTBEAT: &[u8] = b"\x02"; // Signals worker heartbeat

/// A ready worker: its address, and when it expires.
struct Worker {
    address: zmq::Message,
    expiry: Instant,
}

/// The ready workers, the longest-ready first.
#[derive(Default)]
struct WorkerQueue {
    queue: VecDeque<Worker>,
}

impl WorkerQueue {
    /// Queues `address` as ready (at the end, if it was queued already),
    /// alive for another three heartbeats.
    fn ready(&mut self, address: zmq::Message) {
        self.queue.retain(|w| w.address != address);
        let expiry = Instant::now() + zhelpers::scaled(HEARTBEAT_INTERVAL) * HEARTBEAT_LIVENESS;
        self.queue.push_back(Worker { address, expiry });
    }

    /// Looks for and kills expired workers.
    fn purge(&mut self) {
        let now = Instant::now();
        self.queue.retain(|w| {
            let alive = now <= w.expiry;
            if !alive {
                println!("W: Idle worker expired: {}", w.address);
            }
            alive
        });
    }

    /// The worker that has been ready longest.
    fn next(&mut self) -> Option<zmq::Message> {
        self.queue.pop_front().map(|w| w.address)
    }
}

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

    let mut workers = WorkerQueue::default();
    let interval = zhelpers::scaled(HEARTBEAT_INTERVAL);
    let mut heartbeat_at = Instant::now() + interval;
    let mut replies = zhelpers::Budget::new();

    loop {
        let client_events = if workers.queue.is_empty() {
            PollEvents::empty()
        } else {
            PollEvents::IN
        };
        items.set_events(from_clients, client_events)?;
        items.poll(Some(interval))?;

        // Handle worker activity on the backend
        if items.is_readable(from_workers) {
            // Use the worker's address for load-balancing
            let mut frames = backend.recv_multipart()?;
            workers.ready(frames.pop_front().expect("worker address"));

            // Validate a control message, or return a reply to its client
            if frames.len() == 1 {
                if frames[0] != PPP_READY && frames[0] != PPP_HEARTBEAT {
                    println!("E: Invalid message from worker: {:?}", frames[0]);
                }
            } else {
                frontend.send_multipart(frames)?;
                if replies.spend() {
                    break;
                }
            }

            // Send heartbeats to idle workers if it's time
            if Instant::now() >= heartbeat_at {
                for worker in &workers.queue {
                    backend
                        .send_multipart([&worker.address, &zmq::Message::from(PPP_HEARTBEAT)])?;
                }
                heartbeat_at = Instant::now() + interval;
            }
        }

        if items.is_readable(from_clients) {
            // A client request goes to the worker that has been ready
            // longest: [worker, client, "", request]
            let mut frames = frontend.recv_multipart()?;
            frames.push_front(workers.next().expect("polled only with a worker"));
            backend.send_multipart(frames)?;
        }

        workers.purge();
    }
    Ok(())
}
