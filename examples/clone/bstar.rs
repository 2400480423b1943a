//! Binary Star for clonesrv6: a primary and a backup server watch each
//! other through state messages (PUB/SUB, one per heartbeat) and decide
//! which one is master; client requests on the "voter" socket count as
//! votes, and a passive server whose peer went silent takes over on the
//! first one (the guide's `bstar` reactor, reduced to a state machine and
//! the sockets a caller polls in its own loop).
#![allow(dead_code)]

use std::time::{Duration, Instant};

/// The states a server can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Primary, waiting for its peer.
    Primary = 1,
    /// Backup, waiting for its peer.
    Backup = 2,
    /// Active: accepts clients.
    Active = 3,
    /// Passive: does not accept clients.
    Passive = 4,
}

/// Events: the peer's state, or a client request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Event {
    Peer(State),
    ClientRequest,
}

/// A change of role the server must act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// This server is master now.
    Master,
    /// This server is slave now.
    Slave,
}

/// A fatal split of the pair (two masters, or two slaves).
#[derive(Debug)]
pub struct FsmError(&'static str);

impl std::fmt::Display for FsmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for FsmError {}

/// Errors of the pair: ZeroMQ's, or the state machine's.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// One server of a Binary Star pair.
pub struct BinaryStar {
    state: State,
    heartbeat: Duration,
    peer_expiry: Instant,
    send_state_at: Instant,
    /// Publishes our state to the peer.
    pub statepub: zmq::Socket<zmq::Pub>,
    /// Receives the peer's state.
    pub statesub: zmq::Socket<zmq::Sub>,
    /// Where clients' requests (votes) arrive.
    pub voter: zmq::Socket<zmq::Router>,
}

impl BinaryStar {
    /// A primary (or backup) server publishing its state on `local`,
    /// listening to its peer on `remote`, taking client requests on a
    /// ROUTER bound to `voter`; heartbeats every `heartbeat`.
    pub fn new(
        context: &zmq::Context,
        primary: bool,
        local: &str,
        remote: &str,
        voter: &str,
        heartbeat: Duration,
    ) -> zmq::Result<BinaryStar> {
        let statepub = context.socket::<zmq::Pub>()?;
        statepub.bind(local)?;
        let statesub = context.socket::<zmq::Sub>()?;
        statesub.subscribe("")?;
        statesub.connect(remote)?;
        let socket = context.socket::<zmq::Router>()?;
        // No high-water mark: a ROUTER drops what does not fit, and a
        // snapshot cut short would leave its client waiting for the end
        socket.set_sndhwm(0)?;
        socket.bind(voter)?;
        let now = Instant::now();
        Ok(BinaryStar {
            state: if primary {
                State::Primary
            } else {
                State::Backup
            },
            heartbeat,
            // The peer counts as dead two heartbeats from now
            peer_expiry: now + 2 * heartbeat,
            send_state_at: now,
            statepub,
            statesub,
            voter: socket,
        })
    }

    /// The current state.
    pub fn state(&self) -> State {
        self.state
    }

    /// Time left until the next heartbeat is due.
    pub fn timeout(&self) -> Duration {
        self.send_state_at.saturating_duration_since(Instant::now())
    }

    /// Publishes our state if a heartbeat is due.
    pub fn tick(&mut self) -> zmq::Result<()> {
        if Instant::now() >= self.send_state_at {
            self.statepub.send((self.state as u8).to_string())?;
            self.send_state_at = Instant::now() + self.heartbeat;
        }
        Ok(())
    }

    /// Reads the peer's state from `statesub` (call when it is readable)
    /// and runs the state machine.
    pub fn recv_state(&mut self) -> Result<Option<Role>, Error> {
        let message = self.statesub.recv()?;
        let state = match message.as_str().and_then(|s| s.trim().parse::<u8>().ok()) {
            Some(1) => State::Primary,
            Some(2) => State::Backup,
            Some(3) => State::Active,
            Some(4) => State::Passive,
            _ => return Ok(None), // not a state: ignore
        };
        self.peer_expiry = Instant::now() + 2 * self.heartbeat;
        let (_, role) = self.execute(Event::Peer(state))?;
        Ok(role)
    }

    /// Reads a client request from the voter socket (call when it is
    /// readable): the request if the state machine accepts it (with a new
    /// role, if the vote made this server master), `None` if it is dropped.
    pub fn recv_vote(&mut self) -> Result<(Option<zmq::Multipart>, Option<Role>), Error> {
        let request = self.voter.recv_multipart()?;
        let (accept, role) = self.execute(Event::ClientRequest)?;
        Ok((accept.then_some(request), role))
    }

    /// The Binary Star state machine: applies `event` and says whether a
    /// client request is accepted, and the new role if it changed.
    fn execute(&mut self, event: Event) -> Result<(bool, Option<Role>), FsmError> {
        use State::*;
        let peer_dead = Instant::now() >= self.peer_expiry;
        let mut accept = true;
        let mut role = None;
        match (self.state, event) {
            // Primary waits for its peer; accepts clients only once the
            // backup cannot be active after a failover
            (Primary, Event::Peer(Backup)) => {
                println!("I: connected to backup (slave), ready as master");
                (self.state, role) = (Active, Some(Role::Master));
            }
            (Primary, Event::Peer(Active)) => {
                println!("I: connected to backup (master), ready as slave");
                (self.state, role) = (Passive, Some(Role::Slave));
            }
            (Primary, Event::ClientRequest) if peer_dead => {
                println!("I: request from client, ready as master");
                (self.state, role) = (Active, Some(Role::Master));
            }
            (Primary, Event::ClientRequest) => accept = false,
            // Backup waits for its peer; rejects clients meanwhile
            (Backup, Event::Peer(Active)) => {
                println!("I: connected to primary (master), ready as slave");
                (self.state, role) = (Passive, Some(Role::Slave));
            }
            (Backup, Event::ClientRequest) => accept = false,
            // The only way out of active is death
            (Active, Event::Peer(Active)) => {
                println!("E: fatal error - dual masters, aborting");
                return Err(FsmError("dual masters"));
            }
            // Passive: the peer restarting, or a client request once the
            // peer looks dead, makes this server master
            (Passive, Event::Peer(Primary)) => {
                println!("I: primary (slave) is restarting, ready as master");
                (self.state, role) = (Active, Some(Role::Master));
            }
            (Passive, Event::Peer(Backup)) => {
                println!("I: backup (slave) is restarting, ready as master");
                (self.state, role) = (Active, Some(Role::Master));
            }
            (Passive, Event::Peer(Passive)) => {
                println!("E: fatal error - dual slaves, aborting");
                return Err(FsmError("dual slaves"));
            }
            (Passive, Event::ClientRequest) if peer_dead => {
                println!("I: failover successful, ready as master");
                (self.state, role) = (Active, Some(Role::Master));
            }
            (Passive, Event::ClientRequest) => accept = false,
            _ => {}
        }
        Ok((accept, role))
    }
}
