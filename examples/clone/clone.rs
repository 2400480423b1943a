//! clone: the client side of the Clone pattern (the guide's `clone` class),
//! a key-value store kept in step with a pair of Clone servers (clonesrv6)
//! by an agent thread. The application talks to the agent over an inproc
//! PAIR pipe: `[SUBTREE][subtree]`, `[CONNECT][address][port]`,
//! `[SET][key][value][ttl]`, `[GET][key]` (answered with the value, empty
//! if none) and, added here for tests and tools, `[DUMP]` (answered with
//! `[active][sequence]` and then key and value frames).
#![allow(dead_code)]

use crate::kv::KeyValue;
use crate::kvmsg::{KvMap, KvMsg};
use crate::zhelpers;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use zmq::{PollEvents, PollSet};

/// Without word from a server for this long, fail over to the next.
pub const SERVER_TTL: Duration = Duration::from_secs(5);
/// How many servers we talk to.
pub const SERVER_MAX: usize = 2;

/// The application's handle on the distributed key-value store.
pub struct Clone {
    context: zmq::Context,
    pipe: zmq::Socket<zmq::Pair>,
    subtree: Vec<u8>,
    agent: Option<JoinHandle<zmq::Result<()>>>,
}

/// What the agent knows (the answer to `[DUMP]`).
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Whether the agent is receiving updates from a server.
    pub active: bool,
    /// The sequence number of the last update applied.
    pub sequence: i64,
    /// The key-value pairs.
    pub entries: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Clone {
    /// Starts the agent thread.
    pub fn new() -> zmq::Result<Clone> {
        let context = zmq::Context::new();
        let [pipe, peer] = crate::zpipe::zpipe(&context)?;
        let agent_context = context.clone();
        let agent = std::thread::spawn(move || match Agent::new(agent_context, peer)?.run() {
            Err(zmq::Error::ContextTerminated) => Ok(()),
            other => other,
        });
        Ok(Clone {
            context,
            pipe,
            subtree: Vec::new(),
            agent: Some(agent),
        })
    }

    /// The subtree for snapshots and updates.
    pub fn subtree(&self) -> &[u8] {
        &self.subtree
    }

    /// Sets the subtree (before connecting).
    pub fn set_subtree(&mut self, subtree: &[u8]) -> zmq::Result<()> {
        self.subtree = subtree.to_vec();
        self.pipe.send_multipart([&b"SUBTREE"[..], subtree])
    }

    /// Connects to a server, `address` (`tcp://localhost`) and `port`
    /// (its snapshot port; updates are on `port + 1`, the collector on
    /// `port + 2`).
    pub fn connect(&self, address: &str, port: u16) -> zmq::Result<()> {
        self.pipe
            .send_multipart(["CONNECT", address, &port.to_string()])
    }

    /// Sets a value, with a TTL in seconds (0: forever).
    pub fn set(&self, key: &[u8], value: &[u8], ttl: u32) -> zmq::Result<()> {
        self.pipe
            .send_multipart([&b"SET"[..], key, value, ttl.to_string().as_bytes()])
    }

    /// Looks a value up (`None` if the store has none).
    pub fn get(&self, key: &[u8]) -> zmq::Result<Option<Vec<u8>>> {
        self.pipe.send_multipart([&b"GET"[..], key])?;
        let reply = self.pipe.recv()?;
        Ok((!reply.is_empty()).then(|| reply.to_vec()))
    }

    /// The agent's whole state.
    pub fn dump(&self) -> zmq::Result<Snapshot> {
        self.pipe.send("DUMP")?;
        let mut reply = self.pipe.recv_multipart()?.into_iter();
        let mut field = || reply.next().map(|m| m.to_vec()).unwrap_or_default();
        let active = field() == b"1";
        let sequence = String::from_utf8_lossy(&field()).parse().unwrap_or(0);
        let mut entries = Vec::new();
        loop {
            let key = field();
            if key.is_empty() {
                break;
            }
            entries.push((key, field()));
        }
        Ok(Snapshot {
            active,
            sequence,
            entries,
        })
    }
}

impl Drop for Clone {
    fn drop(&mut self) {
        // Ends the agent's blocking calls with ContextTerminated
        let _ = self.context.shutdown();
        if let Some(agent) = self.agent.take() {
            let _ = agent.join();
        }
    }
}

/// One server the agent talks to.
struct Server {
    address: String,
    port: u16,
    snapshot: zmq::Socket<zmq::Dealer>,
    subscriber: zmq::Socket<zmq::Sub>,
    expiry: Instant,
    requests: u32,
}

impl Server {
    fn new(
        context: &zmq::Context,
        address: &str,
        port: u16,
        subtree: &[u8],
    ) -> zmq::Result<Server> {
        let snapshot = context.socket::<zmq::Dealer>()?;
        snapshot.set_linger(Some(Duration::ZERO))?;
        snapshot.connect(&format!("{address}:{port}"))?;
        let subscriber = context.socket::<zmq::Sub>()?;
        subscriber.set_linger(Some(Duration::ZERO))?;
        subscriber.subscribe(subtree)?;
        subscriber.subscribe("HUGZ")?;
        subscriber.connect(&format!("{address}:{}", port + 1))?;
        Ok(Server {
            address: address.to_string(),
            port,
            snapshot,
            subscriber,
            expiry: Instant::now(),
            requests: 0,
        })
    }
}

/// The agent's states.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before asking a server for its state.
    Initial,
    /// Getting the state from a server.
    Syncing,
    /// Getting updates from a server.
    Active,
}

/// The agent: manages the servers and answers the application.
struct Agent {
    context: zmq::Context,
    pipe: zmq::Socket<zmq::Pair>,
    kvmap: KvMap,
    subtree: Vec<u8>,
    servers: Vec<Server>,
    state: State,
    cur_server: usize,
    sequence: i64,
    publisher: zmq::Socket<zmq::Pub>,
    server_ttl: Duration,
}

impl Agent {
    fn new(context: zmq::Context, pipe: zmq::Socket<zmq::Pair>) -> zmq::Result<Agent> {
        let publisher = context.socket::<zmq::Pub>()?;
        publisher.set_linger(Some(Duration::ZERO))?;
        Ok(Agent {
            context,
            pipe,
            kvmap: KvMap::new(),
            subtree: Vec::new(),
            servers: Vec::new(),
            state: State::Initial,
            cur_server: 0,
            sequence: 0,
            publisher,
            server_ttl: zhelpers::scaled(SERVER_TTL),
        })
    }

    fn control_message(&mut self) -> zmq::Result<()> {
        let message = self.pipe.recv_multipart()?;
        let frames: Vec<&[u8]> = message.iter().map(|m| &m[..]).collect();
        match frames[..] {
            [b"CONNECT", address, port] => {
                let address = String::from_utf8_lossy(address);
                let Some(port) = std::str::from_utf8(port)
                    .ok()
                    .and_then(|p| p.parse::<u16>().ok())
                else {
                    println!("E: bad port in CONNECT");
                    return Ok(());
                };
                if self.servers.len() < SERVER_MAX {
                    self.servers
                        .push(Server::new(&self.context, &address, port, &self.subtree)?);
                    self.publisher.connect(&format!("{address}:{}", port + 2))?;
                } else {
                    println!("E: too many servers (max. {SERVER_MAX})");
                }
            }
            [b"SET", key, value, ttl] => {
                // Send key-value pair on to server
                let mut kvmsg = KvMsg::with(0, key, value);
                kvmsg.store(&mut self.kvmap);
                if !matches!(ttl, b"" | b"0") {
                    kvmsg.set("ttl", ttl);
                }
                kvmsg.send(&self.publisher)?;
            }
            [b"GET", key] => {
                let value = self.kvmap.get(key).and_then(|m| m.body.clone());
                self.pipe.send(value.unwrap_or_default())?;
            }
            [b"SUBTREE", subtree] => self.subtree = subtree.to_vec(),
            [b"DUMP"] => {
                let mut reply = zmq::Multipart::new();
                reply.push_back(if self.state == State::Active {
                    "1"
                } else {
                    "0"
                });
                reply.push_back(self.sequence.to_string());
                for (key, kvmsg) in &self.kvmap {
                    reply.push_back(key.clone());
                    reply.push_back(kvmsg.body.clone().unwrap_or_default());
                }
                self.pipe.send_multipart(reply)?;
            }
            _ => println!("E: bad control message"),
        }
        Ok(())
    }

    fn run(&mut self) -> zmq::Result<()> {
        loop {
            if self.state == State::Initial && !self.servers.is_empty() {
                // Ask the server for a snapshot
                let server = &mut self.servers[self.cur_server];
                println!(
                    "I: waiting for server at {}:{}...",
                    server.address, server.port
                );
                if server.requests < 2 {
                    server
                        .snapshot
                        .send_multipart([&b"ICANHAZ?"[..], &self.subtree])?;
                    server.requests += 1;
                }
                server.expiry = Instant::now() + self.server_ttl;
                self.state = State::Syncing;
            }
            let server = self.servers.get(self.cur_server);
            let mut items = PollSet::new();
            let from_app = items.add(&self.pipe, PollEvents::IN);
            let from_server = match (self.state, server) {
                (State::Syncing, Some(server)) => Some(items.add(&server.snapshot, PollEvents::IN)),
                (State::Active, Some(server)) => {
                    Some(items.add(&server.subscriber, PollEvents::IN))
                }
                _ => None,
            };
            let timeout = server.map(|s| s.expiry.saturating_duration_since(Instant::now()));
            items.poll(timeout)?;
            let app = items.is_readable(from_app);
            let data = from_server.is_some_and(|h| items.is_readable(h));
            drop(items);

            if app {
                self.control_message()?;
            } else if data {
                self.server_message()?;
            } else if let Some(server) = self.servers.get(self.cur_server) {
                // The server has died: fail over to the next
                println!(
                    "I: server at {}:{} didn't give hugz",
                    server.address, server.port
                );
                self.cur_server = (self.cur_server + 1) % self.servers.len();
                self.state = State::Initial;
            }
        }
    }

    fn server_message(&mut self) -> zmq::Result<()> {
        let server = &mut self.servers[self.cur_server];
        let socket_message = match self.state {
            State::Syncing => server.snapshot.recv_multipart()?,
            _ => server.subscriber.recv_multipart()?,
        };
        let kvmsg = KvMsg::decode(&socket_message)?;
        // Anything from the server resets its expiry time
        server.expiry = Instant::now() + self.server_ttl;
        if self.state == State::Syncing {
            // Store in the snapshot until we are finished
            server.requests = 0;
            if kvmsg.key.as_deref() == Some(b"KTHXBAI") {
                self.sequence = kvmsg.sequence;
                self.state = State::Active;
                println!(
                    "I: received from {}:{} snapshot={}",
                    server.address, server.port, self.sequence
                );
            } else {
                kvmsg.store(&mut self.kvmap);
            }
        } else if kvmsg.sequence > self.sequence {
            // Discard out-of-sequence updates, incl. hugz
            self.sequence = kvmsg.sequence;
            kvmsg.store(&mut self.kvmap);
            let action = if kvmsg.body.is_some() {
                "update"
            } else {
                "delete"
            };
            println!(
                "I: received from {}:{} {action}={}",
                server.address, server.port, self.sequence
            );
        }
        Ok(())
    }
}
