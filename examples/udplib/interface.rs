//! interface: the guide's `Interface` class of chapter 8, an agent thread
//! that discovers peers on the network. It broadcasts a UUID beacon (32 hex
//! digits) on UDP port 9999 once a second (udplib, so loopback only unless
//! `ZGUIDE_BROADCAST` says otherwise), and tells the application over an
//! inproc pipe `[JOINED][uuid]` when a peer appears and `[LEFT][uuid]`
//! when it has been silent for five seconds. The peers include this node
//! itself, as in the guide.
#![allow(dead_code)]

use crate::udplib::{PING_PORT_NUMBER, Udp};
use crate::zhelpers;
use std::collections::HashMap;
use std::os::fd::AsFd;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use zmq::{PollEvents, PollSet};

/// Once per second.
pub const PING_INTERVAL: Duration = Duration::from_secs(1);
/// Five seconds and it's gone.
pub const PEER_EXPIRY: Duration = Duration::from_secs(5);
/// The size of a beacon: a UUID in hex.
pub const UUID_BYTES: usize = 32;

/// The application's side: starts the agent and receives its events.
pub struct Interface {
    context: zmq::Context,
    pipe: zmq::Socket<zmq::Pair>,
    agent: Option<JoinHandle<zmq::Result<()>>>,
}

impl Interface {
    /// Starts the agent in a background thread.
    pub fn new() -> Result<Interface, Box<dyn std::error::Error>> {
        let context = zmq::Context::new();
        let [pipe, peer] = crate::zpipe::zpipe(&context)?;
        let udp = Udp::new(PING_PORT_NUMBER)?;
        let agent = std::thread::spawn(move || match InterfaceAgent::new(peer, udp).run() {
            Err(zmq::Error::ContextTerminated) => Ok(()),
            other => other,
        });
        Ok(Interface {
            context,
            pipe,
            agent: Some(agent),
        })
    }

    /// Receives the next event from the agent: `[JOINED|LEFT][uuid]`.
    pub fn recv(&self) -> zmq::Result<zmq::Multipart> {
        self.pipe.recv_multipart()
    }

    /// The pipe, to poll it or set a receive timeout.
    pub fn pipe(&self) -> &zmq::Socket<zmq::Pair> {
        &self.pipe
    }
}

impl Drop for Interface {
    fn drop(&mut self) {
        // Stops the agent: its calls end with ContextTerminated
        let _ = self.context.shutdown();
        if let Some(agent) = self.agent.take() {
            let _ = agent.join();
        }
    }
}

/// The agent: our UUID, the UDP socket and the peers we know.
struct InterfaceAgent {
    pipe: zmq::Socket<zmq::Pair>,
    udp: Udp,
    uuid: String,
    /// Each peer's UUID and when it expires.
    peers: HashMap<Vec<u8>, Instant>,
}

impl InterfaceAgent {
    fn new(pipe: zmq::Socket<zmq::Pair>, udp: Udp) -> InterfaceAgent {
        let uuid = crate::kvmsg::new_uuid()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        InterfaceAgent {
            pipe,
            udp,
            uuid,
            peers: HashMap::new(),
        }
    }

    fn run(&mut self) -> zmq::Result<()> {
        let interval = zhelpers::scaled(PING_INTERVAL);
        let expiry = zhelpers::scaled(PEER_EXPIRY);
        let mut ping_at = Instant::now();
        loop {
            let mut items = PollSet::new();
            let control = items.add(&self.pipe, PollEvents::IN);
            let beacon = items.add_fd(self.udp.as_fd(), PollEvents::IN);
            items.poll(Some(ping_at.saturating_duration_since(Instant::now())))?;
            let (control, beacon) = (items.is_readable(control), items.is_readable(beacon));
            drop(items);

            if control {
                let message = self.pipe.recv_multipart()?;
                println!("control message: {message:?}");
            }
            if beacon {
                self.handle_beacon(expiry)?;
            }
            if Instant::now() >= ping_at {
                // Send our beacon, then forget the peers that went silent
                if let Err(e) = self.udp.send(self.uuid.as_bytes()) {
                    eprintln!("E: cannot send the beacon: {e}");
                    return Ok(());
                }
                self.reap_peers()?;
                ping_at = Instant::now() + interval;
            }
        }
    }

    fn handle_beacon(&mut self, expiry: Duration) -> zmq::Result<()> {
        let uuid = match self.udp.recv(UUID_BYTES) {
            Ok((uuid, _)) => uuid,
            Err(e) => {
                eprintln!("E: beacon: {e}");
                return Ok(());
            }
        };
        let expires_at = Instant::now() + expiry;
        if self.peers.insert(uuid.clone(), expires_at).is_none() {
            self.pipe.send_multipart([&b"JOINED"[..], &uuid])?;
        }
        Ok(())
    }

    fn reap_peers(&mut self) -> zmq::Result<()> {
        let now = Instant::now();
        let gone: Vec<Vec<u8>> = self
            .peers
            .iter()
            .filter(|(_, expires_at)| **expires_at < now)
            .map(|(uuid, _)| uuid.clone())
            .collect();
        for uuid in gone {
            println!("reaping {}", String::from_utf8_lossy(&uuid));
            self.peers.remove(&uuid);
            self.pipe.send_multipart([&b"LEFT"[..], &uuid])?;
        }
        Ok(())
    }
}

/// `[b'JOINED', b'...']`, as the guide's Python prints an event.
pub fn event_text(event: &zmq::Multipart) -> String {
    let frames: Vec<String> = event
        .iter()
        .map(|f| format!("b'{}'", String::from_utf8_lossy(f)))
        .collect();
    format!("[{}]", frames.join(", "))
}
