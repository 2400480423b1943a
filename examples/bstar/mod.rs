//! Binary Star, the guide's high-availability pair (its `bstar` class): a
//! primary and a backup server that tell each other their state every
//! heartbeat, a finite-state machine that decides which one serves
//! clients, and a reactor that runs it around one "voter" socket whose
//! requests the application answers.
//!
//! The state machine ([`transition`], [`Fsm`]) is shared by `bstarsrv`
//! (its own poll loop) and [`BinaryStar`] (`bstarsrv2`); `bstar` prints its
//! table.
#![allow(dead_code)]

use crate::zhelpers::scaled;
use std::error::Error;
use std::fmt;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};
use zmq::{Context, Multipart, PollEvents, PollSet, Pub, Router, Socket, Sub};

/// States we can be in at any point in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Primary, waiting for peer to connect.
    Primary = 1,
    /// Backup, waiting for peer to connect.
    Backup = 2,
    /// Active: accepting connections.
    Active = 3,
    /// Passive: not accepting connections.
    Passive = 4,
}

/// Events, which start with the states our peer can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// HA peer is pending primary.
    PeerPrimary = 1,
    /// HA peer is pending backup.
    PeerBackup = 2,
    /// HA peer is active.
    PeerActive = 3,
    /// HA peer is passive.
    PeerPassive = 4,
    /// Client makes request.
    ClientRequest = 5,
}

impl State {
    /// Every state, in the guide's order.
    pub const ALL: [State; 4] = [State::Primary, State::Backup, State::Active, State::Passive];

    /// The state as the peer hears it: "1" to "4".
    pub fn to_message(self) -> String {
        (self as u8).to_string()
    }
}

impl Event {
    /// Every event, in the guide's order.
    pub const ALL: [Event; 5] = [
        Event::PeerPrimary,
        Event::PeerBackup,
        Event::PeerActive,
        Event::PeerPassive,
        Event::ClientRequest,
    ];

    /// The event that a state message from the peer ("1" to "4") is.
    pub fn from_peer(message: &[u8]) -> Option<Event> {
        match message {
            b"1" => Some(Event::PeerPrimary),
            b"2" => Some(Event::PeerBackup),
            b"3" => Some(Event::PeerActive),
            b"4" => Some(Event::PeerPassive),
            _ => None,
        }
    }
}

/// A fatal event: the pair cannot go on (split brain, or nobody serving).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fatal(pub &'static str);

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Error for Fatal {}

/// What an event does to a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The state after the event.
    pub state: State,
    /// Whether a client request (the event) may be answered.
    pub accept: bool,
    /// What the server says about it, if anything.
    pub note: Option<&'static str>,
}

/// The Binary Star state machine: applies `event` to `state`, knowing
/// whether the peer has been heard from within two heartbeats.
pub fn transition(state: State, event: Event, peer_alive: bool) -> Result<Transition, Fatal> {
    use {Event::*, State::*};
    let to = |state, note| Transition {
        state,
        accept: true,
        note: Some(note),
    };
    let stay = |accept| Transition {
        state,
        accept,
        note: None,
    };
    Ok(match (state, event) {
        // Primary and backup wait to become active or passive, depending
        // on what they hear from their peer.
        (Primary, PeerBackup) => to(Active, "I: connected to backup (slave), ready as master"),
        (Primary, PeerActive) => to(Passive, "I: connected to backup (master), ready as slave"),
        // Don't answer clients until we know the backup is not active
        // after a failover.
        (Primary, ClientRequest) if peer_alive => stay(false),
        (Primary, ClientRequest) => to(Active, "I: request from client, ready as master"),
        (Backup, PeerActive) => to(Passive, "I: connected to primary (master), ready as slave"),
        // Reject client requests while backup.
        (Backup, ClientRequest) => stay(false),
        // The only way out of active is death: two actives would mean
        // split brain.
        (Active, PeerActive) => return Err(Fatal("E: fatal error - dual masters, aborting")),
        // The peer is restarting: become active, it will go passive.
        (Passive, PeerPrimary) => to(Active, "I: primary (slave) is restarting, ready as master"),
        (Passive, PeerBackup) => to(Active, "I: backup (slave) is restarting, ready as master"),
        // Two passives would mean a cluster that answers nobody.
        (Passive, PeerPassive) => return Err(Fatal("E: fatal error - dual slaves, aborting")),
        // A client request triggers the failover if the peer looks dead.
        (Passive, ClientRequest) if peer_alive => stay(false),
        (Passive, ClientRequest) => to(Active, "I: failover successful, ready as master"),
        _ => stay(true),
    })
}

/// The state machine of one server, with its peer's liveness.
#[derive(Debug)]
pub struct Fsm {
    state: State,
    /// When the peer is considered dead.
    peer_expiry: Instant,
    heartbeat: Duration,
}

impl Fsm {
    /// The machine of a primary (or backup) server that sends its state
    /// every `heartbeat`; the peer counts as alive for two heartbeats.
    pub fn new(primary: bool, heartbeat: Duration) -> Fsm {
        Fsm {
            state: if primary {
                State::Primary
            } else {
                State::Backup
            },
            peer_expiry: Instant::now() + 2 * heartbeat,
            heartbeat,
        }
    }

    /// The current state.
    pub fn state(&self) -> State {
        self.state
    }

    /// The peer spoke: it is alive for two more heartbeats.
    pub fn peer_seen(&mut self) {
        self.peer_expiry = Instant::now() + 2 * self.heartbeat;
    }

    /// Applies `event`, printing the transition as the guide does: `true`
    /// if a client request may be answered.
    pub fn execute(&mut self, event: Event) -> Result<bool, Fatal> {
        let peer_alive = Instant::now() < self.peer_expiry;
        let step =
            transition(self.state, event, peer_alive).inspect_err(|fatal| println!("{fatal}"))?;
        if let Some(note) = step.note {
            println!("{note}");
        }
        self.state = step.state;
        Ok(step.accept)
    }
}

/// The guide's heartbeat, 1 s (scaled by `ZGUIDE_TIME_SCALE`): each server
/// sends its state this often, and a peer silent for two is dead.
pub fn heartbeat() -> Duration {
    scaled(Duration::from_secs(1))
}

/// Answers one client request on the voter socket; `Break` ends the
/// reactor.
pub type VoterHandler = Box<dyn FnMut(&Socket<Router>, Multipart) -> zmq::Result<ControlFlow<()>>>;

/// The state machine with the application's state change handlers.
struct Machine {
    fsm: Fsm,
    on_active: Option<Box<dyn FnMut()>>,
    on_passive: Option<Box<dyn FnMut()>>,
}

impl Machine {
    /// Applies `event` and calls the state change handler, if any.
    fn execute(&mut self, event: Event) -> Result<bool, Fatal> {
        let before = self.fsm.state();
        let accept = self.fsm.execute(event)?;
        let handler = match self.fsm.state() {
            state if state == before => None,
            State::Active => self.on_active.as_mut(),
            State::Passive => self.on_passive.as_mut(),
            _ => None,
        };
        if let Some(handler) = handler {
            handler();
        }
        Ok(accept)
    }
}

/// The Binary Star reactor: state publishing, the state machine, and one
/// voter socket (a ROUTER) whose requests reach the application's handler
/// only while this server may answer them.
pub struct BinaryStar {
    machine: Machine,
    statepub: Socket<Pub>,
    statesub: Socket<Sub>,
    voter: Option<(Socket<Router>, VoterHandler)>,
}

impl BinaryStar {
    /// A primary (or backup) server that publishes its state on `local`
    /// and hears its peer's on `remote`.
    pub fn new(primary: bool, local: &str, remote: &str) -> zmq::Result<BinaryStar> {
        let context = Context::new();
        // Create publisher for state going to peer
        let statepub = context.socket::<Pub>()?;
        statepub.bind(local)?;
        // Create subscriber for state coming from peer
        let statesub = context.socket::<Sub>()?;
        statesub.subscribe("")?;
        statesub.connect(remote)?;
        let machine = Machine {
            fsm: Fsm::new(primary, heartbeat()),
            on_active: None,
            on_passive: None,
        };
        Ok(BinaryStar {
            machine,
            statepub,
            statesub,
            voter: None,
        })
    }

    /// Binds the voter, a ROUTER on `endpoint`: its requests count as
    /// client votes for this server, and reach `handler` when the state
    /// machine accepts them. One voter per Binary Star.
    pub fn register_voter(
        &mut self,
        endpoint: &str,
        handler: impl FnMut(&Socket<Router>, Multipart) -> zmq::Result<ControlFlow<()>> + 'static,
    ) -> zmq::Result<()> {
        let socket = self.statepub.context().socket::<Router>()?;
        socket.bind(endpoint)?;
        self.voter = Some((socket, Box::new(handler)));
        Ok(())
    }

    /// Calls `handler` whenever this server becomes active.
    pub fn new_active(&mut self, handler: impl FnMut() + 'static) {
        self.machine.on_active = Some(Box::new(handler));
    }

    /// Calls `handler` whenever this server becomes passive.
    pub fn new_passive(&mut self, handler: impl FnMut() + 'static) {
        self.machine.on_passive = Some(Box::new(handler));
    }

    /// Runs the reactor until the voter handler says `Break` (`Ok`), or a
    /// fatal state (dual masters, dual slaves) or an error stops it.
    pub fn start(self) -> Result<(), Box<dyn Error + Send + Sync>> {
        let BinaryStar {
            mut machine,
            statepub,
            statesub,
            voter,
        } = self;
        let (voter, mut handler) = voter.ok_or("register a voter first")?;
        let heartbeat = heartbeat();
        let mut items = PollSet::new();
        let from_client = items.add(&voter, PollEvents::IN);
        let from_peer = items.add(&statesub, PollEvents::IN);
        let mut send_state_at = Instant::now() + heartbeat;
        loop {
            let time_left = send_state_at.saturating_duration_since(Instant::now());
            items.poll(Some(time_left))?;
            if items.is_readable(from_peer) {
                // Have state from our peer, execute as event
                let message = statesub.recv()?;
                if let Some(event) = Event::from_peer(&message) {
                    machine.fsm.peer_seen();
                    machine.execute(event)?;
                }
            }
            if items.is_readable(from_client) {
                // Application wants to speak to us: answer if the state
                // machine lets us, drop the request otherwise.
                let request = voter.recv_multipart()?;
                if machine.execute(Event::ClientRequest)? && handler(&voter, request)?.is_break() {
                    return Ok(());
                }
            }
            // Publish our state to peer
            if Instant::now() >= send_state_at {
                statepub.send(machine.fsm.state().to_message())?;
                send_state_at = Instant::now() + heartbeat;
            }
        }
    }
}
