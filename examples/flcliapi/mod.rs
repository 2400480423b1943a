//! The Freelance client API, model three (the guide's `flcliapi`): a
//! synchronous [`FreelanceClient`] in the application thread, and an agent
//! thread behind an inproc pipe that talks to the servers over a ROUTER,
//! using their endpoints as routing ids (the Freelance protocol, spec 10).
//! The agent pings every server, sends each request to the first server it
//! believes alive, and drops servers that stay silent.
//!
//! One change from the guide: the ROUTER is `ROUTER_MANDATORY` and
//! `IMMEDIATE`, so that a server whose connection is down is not routable
//! and a request to it fails at once and goes to the next server. In the
//! guide the request is queued for the dead server and lost, and that
//! server is only skipped after its 6 s time to live, twice the 3 s a
//! request may take: the client never fails over. The price: when a
//! server's connection drops, what the agent has not read from it yet goes
//! with it (a reply from a server that exits right after answering).
#![allow(dead_code)]

use crate::zhelpers::scaled;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use zmq::{Context, Error, Multipart, Pair, PollEvents, PollSet, Router, Socket};

/// If no server replies within this time, abandon the request (3 s).
fn global_timeout() -> Duration {
    scaled(Duration::from_secs(3))
}

/// PING interval for servers we think are alive (2 s).
fn ping_interval() -> Duration {
    scaled(Duration::from_secs(2))
}

/// Server considered dead if silent for this long (6 s).
fn server_ttl() -> Duration {
    scaled(Duration::from_secs(6))
}

/// The synchronous part, in the application thread.
pub struct FreelanceClient {
    /// Pipe through to the agent.
    pipe: Socket<Pair>,
    agent: Option<JoinHandle<()>>,
}

impl FreelanceClient {
    /// Starts the agent thread.
    pub fn new() -> zmq::Result<FreelanceClient> {
        let context = Context::new();
        let pipe = context.socket::<Pair>()?;
        pipe.bind("inproc://flcliapi-agent")?;
        let peer = context.socket::<Pair>()?;
        peer.connect("inproc://flcliapi-agent")?;
        let agent = std::thread::spawn(move || match agent_task(peer) {
            Ok(()) | Err(Error::ContextTerminated) => {}
            Err(e) => {
                // The application would wait for the agent forever.
                eprintln!("E: flcliapi agent: {e}");
                std::process::exit(1);
            }
        });
        Ok(FreelanceClient {
            pipe,
            agent: Some(agent),
        })
    }

    /// Connects to a new server endpoint (sends [CONNECT, endpoint] to the
    /// agent).
    pub fn connect(&self, endpoint: &str) -> zmq::Result<()> {
        self.pipe.send_multipart(["CONNECT", endpoint])?;
        // Allow connection to come up
        std::thread::sleep(Duration::from_millis(100));
        Ok(())
    }

    /// Sends a request and waits for the reply: its frames after the
    /// server's sequence number, or `None` if no server answered in time.
    pub fn request(&self, request: impl Into<Multipart>) -> zmq::Result<Option<Multipart>> {
        let mut request = request.into();
        request.push_front("REQUEST");
        self.pipe.send_multipart(request)?;
        let mut reply = self.pipe.recv_multipart()?;
        let status = reply.pop_front().unwrap_or_default();
        Ok((status != "FAILED").then_some(reply))
    }
}

impl Drop for FreelanceClient {
    /// Stops the agent (its poll ends with `ContextTerminated`) and waits
    /// for it.
    fn drop(&mut self) {
        let _ = self.pipe.context().shutdown();
        if let Some(agent) = self.agent.take() {
            let _ = agent.join();
        }
    }
}

/// One server we talk to.
struct Server {
    /// Server identity and endpoint.
    endpoint: String,
    /// Known to be alive.
    alive: bool,
    /// Next ping at this time.
    ping_at: Instant,
    /// Expires at this time.
    expires: Instant,
}

impl Server {
    fn new(endpoint: &str) -> Server {
        Server {
            endpoint: endpoint.to_string(),
            alive: true,
            ping_at: Instant::now() + ping_interval(),
            expires: Instant::now() + server_ttl(),
        }
    }

    /// Pings the server if it is time (a server that is not connected
    /// right now just misses this ping).
    fn ping(&mut self, router: &Socket<Router>) -> zmq::Result<()> {
        if Instant::now() >= self.ping_at {
            match router.send_multipart([self.endpoint.as_str(), "PING"]) {
                Ok(()) | Err(Error::HostUnreachable) => {}
                Err(e) => return Err(e),
            }
            self.ping_at = Instant::now() + ping_interval();
        }
        Ok(())
    }
}

/// The asynchronous part: manages the server pool and the request-reply
/// dialog when the application asks for it.
struct Agent {
    /// Socket to talk back to the application.
    pipe: Socket<Pair>,
    /// Socket to talk to servers.
    router: Socket<Router>,
    /// Servers we've connected to, in order.
    servers: Vec<Server>,
    /// Servers we know are alive (indexes into `servers`), in the order to
    /// try them.
    actives: Vec<usize>,
    /// Number of requests ever sent.
    sequence: u64,
    /// Current request, if any.
    request: Option<Multipart>,
    /// Timeout for the current request.
    expires: Instant,
}

impl Agent {
    /// A message from the application: CONNECT or REQUEST.
    fn control_message(&mut self) -> zmq::Result<()> {
        let mut msg = self.pipe.recv_multipart()?;
        let command = msg.pop_front().unwrap_or_default();
        if command == "CONNECT" {
            let endpoint = msg.pop_front().unwrap_or_default().to_string();
            println!("I: connecting to {endpoint}...");
            self.router.connect(&endpoint)?;
            self.servers.push(Server::new(&endpoint));
            self.actives.push(self.servers.len() - 1);
        } else if command == "REQUEST" {
            // Strict request-reply cycle: the application waits for each
            // reply, so no other request can be pending.
            if self.request.is_none() {
                // Prefix request with sequence number
                self.sequence += 1;
                msg.push_front(self.sequence.to_string());
                self.request = Some(msg);
                // Request expires after global timeout
                self.expires = Instant::now() + global_timeout();
            }
        }
        Ok(())
    }

    /// A message from a server: PONG, or a reply [sequence, body...].
    fn router_message(&mut self) -> zmq::Result<()> {
        let mut reply = self.router.recv_multipart()?;
        // Frame 0 is server that replied
        let endpoint = reply.pop_front().unwrap_or_default();
        let Some(index) = self
            .servers
            .iter()
            .position(|s| endpoint == s.endpoint.as_str())
        else {
            return Ok(()); // Not a server of ours
        };
        let server = &mut self.servers[index];
        if !server.alive {
            self.actives.push(index);
            server.alive = true;
        }
        server.ping_at = Instant::now() + ping_interval();
        server.expires = Instant::now() + server_ttl();

        // Frame 1 may be sequence number for reply
        let sequence = reply.pop_front().unwrap_or_default();
        if self.request.is_some() && sequence == self.sequence.to_string().as_str() {
            reply.push_front("OK");
            self.pipe.send_multipart(reply)?;
            self.request = None;
        }
        Ok(())
    }

    /// Sends the current request to the first live server that is
    /// connected, dropping the servers that expired on the way.
    fn dispatch(&mut self) -> zmq::Result<()> {
        let Some(request) = &self.request else {
            return Ok(());
        };
        let mut i = 0;
        while i < self.actives.len() {
            let server = &mut self.servers[self.actives[i]];
            if Instant::now() >= server.expires {
                server.alive = false;
                self.actives.remove(i);
                continue;
            }
            let mut msg = request.clone();
            msg.push_front(server.endpoint.as_str());
            match self.router.send_multipart(msg) {
                Ok(()) => return Ok(()),
                // Not connected right now: try the next one.
                Err(Error::HostUnreachable) => i += 1,
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// The agent thread.
fn agent_task(pipe: Socket<Pair>) -> zmq::Result<()> {
    let router = pipe.context().socket::<Router>()?;
    // Only connected servers are routable, and a request to any other
    // fails at once (see the module's notes).
    router.set_router_mandatory(true)?;
    router.set_immediate(true)?;
    // Requests queued for a dead server must not hold up the exit.
    router.set_linger(Some(Duration::ZERO))?;
    let mut agent = Agent {
        pipe,
        router,
        servers: Vec::new(),
        actives: Vec::new(),
        sequence: 0,
        request: None,
        expires: Instant::now(),
    };
    loop {
        // Calculate tickless timer, up to 1 hour
        let mut tickless = Instant::now() + Duration::from_secs(3600);
        if agent.request.is_some() {
            tickless = tickless.min(agent.expires);
        }
        for server in &agent.servers {
            tickless = tickless.min(server.ping_at);
        }
        let (from_app, from_servers) = {
            let mut items = PollSet::new();
            let from_app = items.add(&agent.pipe, PollEvents::IN);
            let from_servers = items.add(&agent.router, PollEvents::IN);
            items.poll(Some(tickless.saturating_duration_since(Instant::now())))?;
            (items.is_readable(from_app), items.is_readable(from_servers))
        };
        if from_app {
            agent.control_message()?;
        }
        if from_servers {
            agent.router_message()?;
        }
        // If we're processing a request, dispatch to next server
        if agent.request.is_some() {
            if Instant::now() >= agent.expires {
                // Request expired, kill it
                agent.pipe.send("FAILED")?;
                agent.request = None;
            } else {
                agent.dispatch()?;
            }
        }
        // Send heartbeats to idle servers if needed
        for server in &mut agent.servers {
            server.ping(&agent.router)?;
        }
    }
}
