//! Majordomo Protocol broker: a minimal implementation of MDP/0.1 (spec 7)
//! and of the MMI service discovery (spec 8). One ROUTER socket on
//! tcp://*:5555 serves clients (MDPC01) and workers (MDPW01); requests
//! queue per service and go to that service's idle workers in turn; idle
//! workers get heartbeats and are dropped when theirs stop.
//!
//! `-v` logs every message. Under `ZGUIDE_ITERS=N` the broker stops after
//! it has sent N replies to clients.
#[path = "mdp/mod.rs"]
mod mdp;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use mdp::{
    C_CLIENT, INTERNAL_SERVICE_PREFIX, W_DISCONNECT, W_HEARTBEAT, W_READY, W_REPLY, W_REQUEST,
    W_WORKER, log,
};
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};
use zhelpers::{dump, hex, scaled};
use zmq::{Message, Multipart, PollEvents, Router, Socket};

/// Heartbeats a worker may miss before it is dropped (3-5 is reasonable).
const HEARTBEAT_LIVENESS: u32 = 3;

/// A single service: its queued requests and its idle workers.
#[derive(Default)]
struct Service {
    requests: VecDeque<Multipart>,
    waiting: VecDeque<Vec<u8>>,
    /// Workers registered for the service, idle or busy.
    workers: usize,
}

/// A worker, idle or busy.
struct Worker {
    /// Hex of the routing id, for the logs.
    identity: String,
    /// The service it registered for, once READY.
    service: Option<Vec<u8>>,
    /// Dropped at this point, unless it heartbeats.
    expiry: Instant,
}

struct Broker {
    socket: Socket<Router>,
    verbose: bool,
    heartbeat_interval: Duration,
    heartbeat_expiry: Duration,
    heartbeat_at: Instant,
    services: HashMap<Vec<u8>, Service>,
    workers: HashMap<Vec<u8>, Worker>,
    /// Idle workers, oldest first.
    waiting: VecDeque<Vec<u8>>,
    /// Replies sent to clients (for `ZGUIDE_ITERS`).
    replies: u64,
}

impl Broker {
    fn new(verbose: bool) -> mdp::Result<Broker> {
        let context = zmq::Context::new();
        let socket = context.socket::<Router>()?;
        socket.set_linger(Some(Duration::ZERO))?;
        // The guide's 2.5 s, scaled by ZGUIDE_TIME_SCALE.
        let heartbeat_interval = scaled(Duration::from_millis(2500));
        Ok(Broker {
            socket,
            verbose,
            heartbeat_interval,
            heartbeat_expiry: heartbeat_interval * HEARTBEAT_LIVENESS,
            heartbeat_at: Instant::now() + heartbeat_interval,
            services: HashMap::new(),
            workers: HashMap::new(),
            waiting: VecDeque::new(),
            replies: 0,
        })
    }

    /// Binds the broker to `endpoint`; clients and workers share the socket.
    fn bind(&self, endpoint: &str) -> mdp::Result<()> {
        self.socket.bind(endpoint)?;
        log(format_args!("I: MDP broker/0.1.1 is active at {endpoint}"));
        Ok(())
    }

    /// The main loop: until `limit` replies have gone to clients.
    fn mediate(&mut self, limit: u64) -> mdp::Result<()> {
        while self.replies < limit {
            let events = self
                .socket
                .poll(PollEvents::IN, Some(self.heartbeat_interval))?;
            if events.contains(PollEvents::IN) {
                let mut msg = self.socket.recv_multipart()?;
                if self.verbose {
                    log("I: received message:");
                    dump(&msg);
                }
                let sender = msg.pop_front().unwrap_or_default().to_vec();
                let delimited = msg.pop_front().is_some_and(|empty| empty.is_empty());
                let header = msg.pop_front();
                match header {
                    Some(h) if delimited && h == C_CLIENT => {
                        self.process_client(sender, msg)?;
                    }
                    Some(h) if delimited && h == W_WORKER => {
                        self.process_worker(sender, msg)?;
                    }
                    _ => invalid(&msg),
                }
            }
            self.purge_workers();
            self.send_heartbeats()?;
        }
        Ok(())
    }

    /// A request from a client: [service, body...].
    fn process_client(&mut self, sender: Vec<u8>, mut msg: Multipart) -> mdp::Result<()> {
        if msg.len() < 2 {
            invalid(&msg); // Service name + body
            return Ok(());
        }
        let service = msg.pop_front().unwrap_or_default().to_vec();
        // Set reply return address to client sender
        msg.push_front(Message::new());
        msg.push_front(sender);
        if service.starts_with(INTERNAL_SERVICE_PREFIX) {
            self.service_internal(&service, msg)
        } else {
            self.dispatch(&service, Some(msg))
        }
    }

    /// A message from a worker: [command, ...].
    fn process_worker(&mut self, sender: Vec<u8>, mut msg: Multipart) -> mdp::Result<()> {
        let Some(command) = msg.pop_front() else {
            invalid(&msg); // At least, command
            return Ok(());
        };
        let worker_ready = self.workers.contains_key(&sender);
        self.require_worker(&sender);
        match &command[..] {
            W_READY => {
                let service = msg.pop_front().map(|s| s.to_vec());
                match service {
                    // Not first command in session or reserved service name
                    Some(s) if !worker_ready && !s.starts_with(INTERNAL_SERVICE_PREFIX) => {
                        // Attach worker to service and mark as idle
                        self.services.entry(s.clone()).or_default().workers += 1;
                        if let Some(worker) = self.workers.get_mut(&sender) {
                            worker.service = Some(s);
                        }
                        self.worker_waiting(&sender)?;
                    }
                    _ => self.delete_worker(&sender, true)?,
                }
            }
            W_REPLY if worker_ready && msg.len() >= 2 => {
                // Remove & save client return envelope and insert the
                // protocol header and service name, then rewrap envelope.
                let client = msg.pop_front().unwrap_or_default();
                let _empty = msg.pop_front();
                let service = self.workers[&sender].service.clone().unwrap_or_default();
                msg.push_front(service);
                msg.push_front(C_CLIENT);
                msg.push_front(Message::new());
                msg.push_front(client);
                self.send_to_client(msg)?;
                self.worker_waiting(&sender)?;
            }
            W_REPLY => self.delete_worker(&sender, true)?,
            W_HEARTBEAT if worker_ready => {
                let expiry = Instant::now() + self.heartbeat_expiry;
                if let Some(worker) = self.workers.get_mut(&sender) {
                    worker.expiry = expiry;
                }
            }
            W_HEARTBEAT => self.delete_worker(&sender, true)?,
            W_DISCONNECT => self.delete_worker(&sender, false)?,
            _ => invalid(&msg),
        }
        Ok(())
    }

    /// Deletes the worker from every list, telling it first if `disconnect`.
    fn delete_worker(&mut self, address: &[u8], disconnect: bool) -> mdp::Result<()> {
        if disconnect {
            self.send_to_worker(address, W_DISCONNECT, Multipart::new())?;
        }
        let Some(worker) = self.workers.remove(address) else {
            return Ok(());
        };
        if let Some(service) = worker.service.and_then(|s| self.services.get_mut(&s)) {
            service.waiting.retain(|w| w != address);
            service.workers -= 1;
        }
        self.waiting.retain(|w| w != address);
        Ok(())
    }

    /// Finds the worker, registering it if new.
    fn require_worker(&mut self, address: &[u8]) {
        if self.workers.contains_key(address) {
            return;
        }
        let identity = hex(address);
        if self.verbose {
            log(format_args!("I: registering new worker: {identity}"));
        }
        let worker = Worker {
            identity,
            service: None,
            expiry: Instant::now() + self.heartbeat_expiry,
        };
        self.workers.insert(address.to_vec(), worker);
    }

    /// The internal services of spec 8: `mmi.service` says whether a
    /// service has workers (200) or not (404); anything else is 501.
    fn service_internal(&mut self, service: &[u8], mut msg: Multipart) -> mdp::Result<()> {
        let code: &[u8] = if service == b"mmi.service" {
            let name = msg.back().map(|m| m.to_vec()).unwrap_or_default();
            match self.services.get(&name) {
                Some(s) if s.workers > 0 => b"200",
                _ => b"404",
            }
        } else {
            b"501"
        };
        msg.pop_back();
        msg.push_back(code);
        // Insert the protocol header and service name after the routing
        // envelope ([client, ''])
        let client = msg.pop_front().unwrap_or_default();
        let empty = msg.pop_front().unwrap_or_default();
        msg.push_front(service);
        msg.push_front(C_CLIENT);
        msg.push_front(empty);
        msg.push_front(client);
        self.send_to_client(msg)
    }

    /// Sends heartbeats to idle workers if it's time.
    fn send_heartbeats(&mut self) -> mdp::Result<()> {
        if Instant::now() > self.heartbeat_at {
            for address in self.waiting.clone() {
                self.send_to_worker(&address, W_HEARTBEAT, Multipart::new())?;
            }
            self.heartbeat_at = Instant::now() + self.heartbeat_interval;
        }
        Ok(())
    }

    /// Deletes the idle workers whose heartbeats stopped. Idle workers are
    /// oldest first, so we stop at the first one alive.
    fn purge_workers(&mut self) {
        let now = Instant::now();
        while let Some(address) = self.waiting.front().cloned() {
            let Some(worker) = self.workers.get(&address) else {
                self.waiting.pop_front();
                continue;
            };
            if worker.expiry >= now {
                break;
            }
            log(format_args!(
                "I: deleting expired worker: {}",
                worker.identity
            ));
            // Expired: it is gone, so no DISCONNECT.
            let _ = self.delete_worker(&address, false);
        }
    }

    /// The worker is now waiting for work.
    fn worker_waiting(&mut self, address: &[u8]) -> mdp::Result<()> {
        let expiry = Instant::now() + self.heartbeat_expiry;
        let Some(worker) = self.workers.get_mut(address) else {
            return Ok(());
        };
        worker.expiry = expiry;
        let Some(service) = worker.service.clone() else {
            return Ok(());
        };
        // Queue to broker and service waiting lists
        self.waiting.push_back(address.to_vec());
        self.services
            .entry(service.clone())
            .or_default()
            .waiting
            .push_back(address.to_vec());
        self.dispatch(&service, None)
    }

    /// Queues `msg` for `service`, if any, and hands queued requests to its
    /// idle workers while there are both.
    fn dispatch(&mut self, service: &[u8], msg: Option<Multipart>) -> mdp::Result<()> {
        let queue = self.services.entry(service.to_vec()).or_default();
        if let Some(msg) = msg {
            queue.requests.push_back(msg);
        }
        self.purge_workers();
        loop {
            let Some(service) = self.services.get_mut(service) else {
                return Ok(());
            };
            if service.waiting.is_empty() || service.requests.is_empty() {
                return Ok(());
            }
            let (Some(msg), Some(worker)) =
                (service.requests.pop_front(), service.waiting.pop_front())
            else {
                return Ok(());
            };
            self.waiting.retain(|w| *w != worker);
            self.send_to_worker(&worker, W_REQUEST, msg)?;
        }
    }

    /// Sends `command` and `msg` to a worker, in the MDP/Worker envelope.
    fn send_to_worker(
        &self,
        address: &[u8],
        command: &[u8],
        mut msg: Multipart,
    ) -> mdp::Result<()> {
        // Stack routing and protocol envelopes to start of message
        msg.push_front(command);
        msg.push_front(W_WORKER);
        msg.push_front(Message::new());
        msg.push_front(address);
        if self.verbose {
            log(format_args!(
                "I: sending {} to worker",
                mdp::command_name(command)
            ));
            dump(&msg);
        }
        self.socket.send_multipart(msg)?;
        Ok(())
    }

    /// Sends a reply, already in its envelope, to a client.
    fn send_to_client(&mut self, msg: Multipart) -> mdp::Result<()> {
        self.socket.send_multipart(msg)?;
        self.replies += 1;
        Ok(())
    }
}

/// Logs a message that breaks the protocol (the broker goes on).
fn invalid(msg: &Multipart) {
    log("E: invalid message:");
    dump(msg);
}

fn main() -> mdp::Result<()> {
    let mut broker = Broker::new(mdp::verbose())?;
    broker.bind("tcp://*:5555")?;
    broker.mediate(zhelpers::iterations().unwrap_or(u64::MAX))?;
    // Bounded run: let the last replies go out before the process ends.
    broker.socket.set_linger(Some(Duration::from_secs(1)))?;
    Ok(())
}
