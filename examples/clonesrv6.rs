//! Clone server, model six: a Binary Star pair of clone servers.
//! `clonesrv6 -p` is the primary (snapshots on tcp://*:5556, updates on
//! 5557, collector on 5558, Binary Star states on 5003), `clonesrv6 -b` the
//! backup (5566-5568, states on 5004). Clients publish their updates to
//! both; the master numbers, publishes and stores them, the slave follows
//! the master's updates and keeps the clients' ones pending until the
//! master has published them, so that it can take over with nothing lost.
//! Both send "HUGZ" heartbeats. Runs forever or until it has handled
//! `ZGUIDE_ITERS` messages (updates and snapshot requests).
#[path = "clone/bstar.rs"]
mod bstar;
#[path = "bstar/mod.rs"]
mod bstar_fsm;
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvmsg.rs"]
mod kvmsg;
#[path = "clone/server.rs"]
mod server;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use bstar::{BinaryStar, Role};
use kv::KeyValue;
use kvmsg::KvMsg;
use std::time::{Duration, Instant};
use zmq::{PollEvents, PollSet};

/// One clone server of the pair.
struct CloneServer {
    context: zmq::Context,
    state: server::State,
    /// Whether `state` holds the master's state (a slave asks for a
    /// snapshot on its first update from the master).
    synced: bool,
    peer: u16,
    publisher: zmq::Socket<zmq::Pub>,
    /// Updates from clients not yet seen from the master.
    pending: Vec<KvMsg>,
    master: bool,
    slave: bool,
    heartbeat: Duration,
}

fn main() -> Result<(), bstar::Error> {
    let primary = match std::env::args().nth(1).as_deref() {
        Some("-p") => true,
        Some("-b") => false,
        _ => {
            println!("Usage: clonesrv6 {{ -p | -b }}");
            std::process::exit(1);
        }
    };
    let (port, peer, frontend, backend) = if primary {
        (5556, 5566, "tcp://*:5003", "tcp://localhost:5004")
    } else {
        (5566, 5556, "tcp://*:5004", "tcp://localhost:5003")
    };
    let heartbeat = zhelpers::scaled(Duration::from_secs(1));
    let context = zmq::Context::new();
    let mut bstar = BinaryStar::new(
        &context,
        primary,
        frontend,
        backend,
        &format!("tcp://*:{port}"),
        heartbeat,
    )?;

    // Our clone server sockets
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.bind(&format!("tcp://*:{}", port + 1))?;
    let collector = context.socket::<zmq::Sub>()?;
    collector.subscribe("")?;
    collector.bind(&format!("tcp://*:{}", port + 2))?;
    // Our own clone client interface to the peer
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.subscribe("")?;
    subscriber.connect(&format!("tcp://localhost:{}", peer + 1))?;

    let mut server = CloneServer {
        context: context.clone(),
        state: server::State::default(),
        // Only the primary starts with a state of its own
        synced: primary,
        peer,
        publisher,
        pending: Vec::new(),
        master: false,
        slave: false,
        heartbeat,
    };

    // The reactor: Binary Star's sockets, ours, and three timers (the
    // Binary Star heartbeat, TTL flushes and our HUGZ, both every second)
    let mut flush_at = Instant::now() + heartbeat;
    let mut hugz_at = Instant::now() + heartbeat;
    let mut handled = 0;
    let limit = zhelpers::iterations().unwrap_or(u64::MAX);
    while handled < limit {
        let (statesub, voter) = (&bstar.statesub, &bstar.voter);
        let mut items = PollSet::new();
        let peer_state = items.add(statesub, PollEvents::IN);
        let votes = items.add(voter, PollEvents::IN);
        let updates = items.add(&collector, PollEvents::IN);
        // Updates from the master, while we are slave
        let from_master = server.slave.then(|| items.add(&subscriber, PollEvents::IN));
        let next = (Instant::now() + bstar.timeout())
            .min(flush_at)
            .min(hugz_at);
        items.poll(Some(next.saturating_duration_since(Instant::now())))?;
        let (peer_state, votes, updates, from_master) = (
            items.is_readable(peer_state),
            items.is_readable(votes),
            items.is_readable(updates),
            from_master.is_some_and(|h| items.is_readable(h)),
        );
        drop(items);

        if peer_state {
            if let Some(role) = bstar.recv_state()? {
                server.change_role(role);
            }
        }
        if votes {
            let (request, role) = bstar.recv_vote()?;
            if let Some(role) = role {
                server.change_role(role);
            }
            if let Some(request) = request {
                if !server.state.answer_snapshot(&bstar.voter, &request)? {
                    break;
                }
                handled += 1;
            }
        }
        if updates {
            server.collect(KvMsg::recv(&collector)?)?;
            handled += 1;
        }
        if from_master {
            let kvmsg = KvMsg::recv(&subscriber)?;
            server.follow(kvmsg)?;
        }
        bstar.tick()?;
        let now = Instant::now();
        if now >= flush_at {
            // Only the master expires values; the slave hears of the
            // deletes from the master
            if server.master {
                server.state.flush_ttl(&server.publisher)?;
            }
            flush_at = now + heartbeat;
        }
        if now >= hugz_at {
            server.send_hugz()?;
            hugz_at = now + heartbeat;
        }
    }
    println!(" Interrupted\n{} messages handled", server.state.sequence);
    Ok(())
}

impl CloneServer {
    fn change_role(&mut self, role: Role) {
        match role {
            Role::Master => self.become_master(),
            Role::Slave => self.become_slave(),
        }
    }

    /// The slave becomes master: it applies its pending list to its own
    /// store, and answers snapshot requests from now on.
    fn become_master(&mut self) {
        self.master = true;
        self.slave = false;
        self.synced = true;
        for kvmsg in std::mem::take(&mut self.pending) {
            self.state.sequence += 1;
            let mut kvmsg = kvmsg;
            kvmsg.sequence = self.state.sequence;
            self.state.store(kvmsg);
            println!("I: publishing pending={}", self.state.sequence);
        }
    }

    /// We become slave: our state is the master's, to be fetched.
    fn become_slave(&mut self) {
        self.master = false;
        self.slave = true;
        self.synced = false;
        self.state.kvmap.clear();
    }

    /// An update from a client: the master applies it, the slave holds it
    /// until the master's copy arrives (or drops it if it came first).
    fn collect(&mut self, kvmsg: KvMsg) -> zmq::Result<()> {
        if self.master {
            self.state.publish(kvmsg, &self.publisher)
        } else {
            if !self.was_pending(&kvmsg) {
                self.pending.push(kvmsg);
            }
            Ok(())
        }
    }

    /// Removes the update with `kvmsg`'s UUID from the pending list; false
    /// if it was not there.
    fn was_pending(&mut self, kvmsg: &KvMsg) -> bool {
        match self.pending.iter().position(|held| held.uuid == kvmsg.uuid) {
            Some(index) => {
                self.pending.remove(index);
                true
            }
            None => false,
        }
    }

    /// An update published by the master (we are slave).
    fn follow(&mut self, kvmsg: KvMsg) -> zmq::Result<()> {
        if self.master {
            println!("W: received subscriber message, but we are master");
            return Ok(());
        }
        // Get the state snapshot if necessary
        if !self.synced && !self.sync_with_peer()? {
            return Ok(());
        }
        if kvmsg.key.as_deref() != Some(b"HUGZ") {
            // If the master's update came before the client's, keep it to
            // clear the client's when it comes
            if !self.was_pending(&kvmsg) {
                self.pending.push(kvmsg.clone());
            }
            // If the update is more recent than our store, apply it
            if kvmsg.sequence > self.state.sequence {
                self.state.sequence = kvmsg.sequence;
                self.state.store(kvmsg);
                println!("I: received update={}", self.state.sequence);
            }
        }
        Ok(())
    }

    /// Fetches the master's state; false if it did not answer in time
    /// (the next update from the master tries again).
    fn sync_with_peer(&mut self) -> zmq::Result<bool> {
        let snapshot = self.context.socket::<zmq::Dealer>()?;
        snapshot.set_linger(Some(Duration::ZERO))?;
        snapshot.set_rcvtimeo(Some(4 * self.heartbeat))?;
        let endpoint = format!("tcp://localhost:{}", self.peer);
        snapshot.connect(&endpoint)?;
        println!("I: asking for snapshot from: {endpoint}");
        snapshot.send_multipart(["ICANHAZ?", ""])?;
        self.state.kvmap.clear();
        match kv::recv_snapshot(&snapshot, &mut self.state.kvmap) {
            Ok(sequence) => {
                self.state.sequence = sequence;
                self.synced = true;
                println!("I: received snapshot={sequence}");
                Ok(true)
            }
            Err(zmq::Error::WouldBlock) => {
                println!("W: no snapshot from {endpoint}");
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// Heartbeat to anyone listening on the publisher.
    fn send_hugz(&self) -> zmq::Result<()> {
        KvMsg::with(self.state.sequence, "HUGZ", "").send(&self.publisher)
    }
}
