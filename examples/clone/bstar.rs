//! Binary Star for clonesrv6: a primary and a backup server watch each
//! other through state messages (PUB/SUB, one per heartbeat) and decide
//! which one is master; client requests on the "voter" socket count as
//! votes, and a passive server whose peer went silent takes over on the
//! first one (the guide's `bstar` reactor, reduced to a state machine and
//! the sockets a caller polls in its own loop).
#![allow(dead_code)]

use crate::bstar_fsm::{Event, Fsm};
use std::time::{Duration, Instant};

/// The states a server can be in: the chapter 4 state machine's.
pub use crate::bstar_fsm::State;

/// A change of role the server must act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// This server is master now.
    Master,
    /// This server is slave now.
    Slave,
}

/// Errors of the pair: ZeroMQ's, or the state machine's.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// One server of a Binary Star pair.
pub struct BinaryStar {
    /// The guide's Binary Star state machine (examples/bstar), shared with
    /// chapter 4's bstarsrv and bstarsrv2.
    fsm: Fsm,
    heartbeat: Duration,
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
        Ok(BinaryStar {
            // The peer counts as dead two heartbeats from now
            fsm: Fsm::new(primary, heartbeat),
            heartbeat,
            send_state_at: Instant::now(),
            statepub,
            statesub,
            voter: socket,
        })
    }

    /// The current state.
    pub fn state(&self) -> State {
        self.fsm.state()
    }

    /// Time left until the next heartbeat is due.
    pub fn timeout(&self) -> Duration {
        self.send_state_at.saturating_duration_since(Instant::now())
    }

    /// Publishes our state if a heartbeat is due.
    pub fn tick(&mut self) -> zmq::Result<()> {
        if Instant::now() >= self.send_state_at {
            self.statepub.send(self.fsm.state().to_message())?;
            self.send_state_at = Instant::now() + self.heartbeat;
        }
        Ok(())
    }

    /// Reads the peer's state from `statesub` (call when it is readable)
    /// and runs the state machine.
    pub fn recv_state(&mut self) -> Result<Option<Role>, Error> {
        let message = self.statesub.recv()?;
        let Some(event) = Event::from_peer(message.trim_ascii()) else {
            return Ok(None); // not a state: ignore
        };
        self.fsm.peer_seen();
        let (_, role) = self.execute(event)?;
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

    /// Runs the state machine (which prints its transitions): whether a
    /// client request is accepted, and the new role if it changed.
    fn execute(&mut self, event: Event) -> Result<(bool, Option<Role>), Error> {
        let before = self.fsm.state();
        let accept = self.fsm.execute(event)?;
        let role = match self.fsm.state() {
            after if after == before => None,
            State::Active => Some(Role::Master),
            State::Passive => Some(Role::Slave),
            _ => None,
        };
        Ok((accept, role))
    }
}
