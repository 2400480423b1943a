//! What the broker-peering samples `peering2` and `peering3` share: their
//! command line, the broker's sockets (a local frontend and backend, a
//! ROUTER-to-ROUTER "cloud" to the peers, in `peering3` a state flow), the
//! local clients' and workers' sockets, and the moves of a message through
//! the broker. Include with `#[path = "zhelpers/peering.rs"] mod peering;`.
#![allow(dead_code)]

use crate::zhelpers;
use std::time::Duration;
use zmq::{Multipart, Socket};

/// `ME [PEER...]` from the command line, or the usage and exit.
pub fn args(sample: &str) -> (String, Vec<String>) {
    let mut args = std::env::args().skip(1);
    let Some(myself) = args.next() else {
        println!("Usage: {sample} <me> [<peer_1> [... <peer_N>]]");
        std::process::exit(1);
    };
    (myself, args.collect())
}

/// A REQ socket named `Client-ME-N` on the broker's local frontend.
pub fn client_socket(
    context: &zmq::Context,
    name: &str,
    i: usize,
) -> zmq::Result<Socket<zmq::Req>> {
    let client = context.socket::<zmq::Req>()?;
    client.set_routing_id(format!("Client-{name}-{i}"))?;
    client.connect(&format!("ipc://{name}-localfe.ipc"))?;
    Ok(client)
}

/// A REQ socket named `Worker-ME-N` on the broker's local backend, that
/// has told the broker it is ready for work.
pub fn worker_socket(
    context: &zmq::Context,
    name: &str,
    i: usize,
) -> zmq::Result<Socket<zmq::Req>> {
    let worker = context.socket::<zmq::Req>()?;
    worker.set_routing_id(format!("Worker-{name}-{i}"))?;
    worker.connect(&format!("ipc://{name}-localbe.ipc"))?;
    worker.send("READY")?;
    Ok(worker)
}

/// A broker's sockets, on ipc endpoints named after the broker.
pub struct Broker {
    pub myself: String,
    pub peers: Vec<String>,
    /// Requests from the peers' cloud backends.
    pub cloudfe: Socket<zmq::Router>,
    /// Requests to the peers' cloud frontends. It is mandatory (the
    /// guide's is not): a request for a peer that is not connected (yet,
    /// or any more) fails instead of vanishing, and is handled here.
    pub cloudbe: Socket<zmq::Router>,
    /// With `state`: our capacity to the peers, and theirs to us.
    pub statebe: Option<Socket<zmq::Pub>>,
    pub statefe: Option<Socket<zmq::Sub>>,
    /// The local clients and workers.
    pub localfe: Socket<zmq::Router>,
    pub localbe: Socket<zmq::Router>,
}

impl Broker {
    /// Binds and connects the broker's sockets, saying what it connects to.
    pub fn new(
        context: &zmq::Context,
        myself: &str,
        peers: &[String],
        state: bool,
    ) -> zmq::Result<Broker> {
        // Bind the cloud frontend to its endpoint
        let cloudfe = context.socket::<zmq::Router>()?;
        cloudfe.set_routing_id(myself)?;
        cloudfe.bind(&format!("ipc://{myself}-cloud.ipc"))?;

        // Bind the state backend / publisher to its endpoint
        let statebe = if state {
            let statebe = context.socket::<zmq::Pub>()?;
            statebe.bind(&format!("ipc://{myself}-state.ipc"))?;
            Some(statebe)
        } else {
            None
        };

        // Connect the cloud (and state) backends to all peers
        let cloudbe = context.socket::<zmq::Router>()?;
        cloudbe.set_routing_id(myself)?;
        cloudbe.set_router_mandatory(true)?;
        let statefe = if state {
            let statefe = context.socket::<zmq::Sub>()?;
            statefe.subscribe("")?;
            Some(statefe)
        } else {
            None
        };
        for peer in peers {
            println!("I: connecting to cloud frontend at {peer}");
            cloudbe.connect(&format!("ipc://{peer}-cloud.ipc"))?;
            if let Some(statefe) = &statefe {
                println!("I: connecting to state backend at {peer}");
                statefe.connect(&format!("ipc://{peer}-state.ipc"))?;
            }
        }

        // Prepare the local frontend and backend
        let localfe = context.socket::<zmq::Router>()?;
        localfe.bind(&format!("ipc://{myself}-localfe.ipc"))?;
        let localbe = context.socket::<zmq::Router>()?;
        localbe.bind(&format!("ipc://{myself}-localbe.ipc"))?;

        Ok(Broker {
            myself: myself.to_string(),
            peers: peers.to_vec(),
            cloudfe,
            cloudbe,
            statebe,
            statefe,
            localfe,
            localbe,
        })
    }

    /// A local worker's message, `[worker, ""] + message`: the worker's
    /// address, and the message unless it is "READY".
    pub fn recv_from_worker(&self) -> zmq::Result<(zmq::Message, Option<Multipart>)> {
        let mut msg = self.localbe.recv_multipart()?;
        let worker = msg.pop_front().expect("a worker's address");
        msg.pop_front(); // empty delimiter
        let msg = msg.back().is_some_and(|f| *f != "READY").then_some(msg);
        Ok((worker, msg))
    }

    /// A peer broker's reply, `[peer, ""] + message`: we don't use the
    /// peer broker's address for anything.
    pub fn recv_from_cloud(&self) -> zmq::Result<Multipart> {
        let mut msg = self.cloudbe.recv_multipart()?;
        msg.pop_front();
        msg.pop_front();
        Ok(msg)
    }

    /// Sends a reply on: to the cloud if it is addressed to a peer broker,
    /// else to the local client.
    pub fn route_reply(&self, msg: Multipart) -> zmq::Result<()> {
        if self.peers.iter().any(|peer| msg[0] == peer.as_str()) {
            self.cloudfe.send_multipart(msg)
        } else {
            self.localfe.send_multipart(msg)
        }
    }

    /// Sends a request to a local worker.
    pub fn send_to_worker(&self, worker: zmq::Message, msg: Multipart) -> zmq::Result<()> {
        let mut request = Multipart::from([worker, "".into()]);
        request.extend(msg);
        self.localbe.send_multipart(request)
    }

    /// Sends a request to a random peer broker; gives it back when that
    /// peer is not connected (or not keeping up).
    pub fn send_to_cloud(&self, msg: Multipart) -> zmq::Result<Option<Multipart>> {
        let peer = &self.peers[zhelpers::randrange(0, self.peers.len() as i64) as usize];
        let mut request = Multipart::from([peer.as_str(), ""]);
        request.extend(msg);
        match self.cloudbe.try_send_multipart(request) {
            Ok(()) => Ok(None),
            Err(e)
                if matches!(
                    e.error,
                    zmq::Error::HostUnreachable | zmq::Error::WouldBlock
                ) =>
            {
                let mut msg = e.into_message();
                msg.pop_front();
                msg.pop_front();
                Ok(Some(msg))
            }
            Err(e) => Err(e.error),
        }
    }
}

/// How long the broker's main poll waits: a second while it has workers,
/// else for ever. Under `ZGUIDE_ITERS` always a second, and three once the
/// broker's own `clients` are done: a poll that then finds no traffic ends
/// the broker ([`done`]), and the longer wait lets its peers finish first.
pub fn poll_timeout<T>(
    has_workers: bool,
    clients: &[std::thread::JoinHandle<T>],
) -> Option<Duration> {
    let second = zhelpers::scaled(Duration::from_secs(1));
    if zhelpers::iterations().is_some() {
        let finished = clients.iter().all(|c| c.is_finished());
        Some(if finished { second * 3 } else { second })
    } else {
        has_workers.then_some(second)
    }
}

/// Under `ZGUIDE_ITERS`: whether the broker is done, when its main poll
/// found `events` and these are its `clients`.
pub fn done<T>(events: usize, clients: &[std::thread::JoinHandle<T>]) -> bool {
    events == 0 && zhelpers::iterations().is_some() && clients.iter().all(|c| c.is_finished())
}

/// A client or worker task: the broker's name and the task's number.
pub type Task = fn(&str, usize) -> zmq::Result<()>;

/// Starts `workers` worker threads and `clients` client threads for broker
/// `name` (each would make its own context, as if it were a process), and
/// returns the clients; the workers run until the process ends.
pub fn start_tasks(
    name: &str,
    (workers, worker): (usize, Task),
    (clients, client): (usize, Task),
) -> Vec<std::thread::JoinHandle<zmq::Result<()>>> {
    for i in 0..workers {
        let name = name.to_string();
        std::thread::spawn(move || worker(&name, i));
    }
    (0..clients)
        .map(|i| {
            let name = name.to_string();
            std::thread::spawn(move || client(&name, i))
        })
        .collect()
}

impl Broker {
    /// Handles what the main poll found on the backends (`set`, with the
    /// handles of `localbe` and `cloudbe`): a local worker's message queues
    /// the worker in `workers` (returns `true`), and a reply from a worker
    /// or a peer broker goes on to where it is addressed.
    pub fn serve_backends(
        &self,
        set: &zmq::PollSet<'_>,
        (from_localbe, from_cloudbe): (zmq::PollHandle, zmq::PollHandle),
        workers: &mut std::collections::VecDeque<zmq::Message>,
    ) -> zmq::Result<bool> {
        let mut worker_ready = false;
        let mut msg = None;
        if set.is_readable(from_localbe) {
            let (worker, reply) = self.recv_from_worker()?;
            workers.push_back(worker);
            worker_ready = true;
            // If it's READY, don't route the message any further
            msg = reply;
        } else if set.is_readable(from_cloudbe) {
            msg = Some(self.recv_from_cloud()?);
        }
        if let Some(msg) = msg {
            self.route_reply(msg)?;
        }
        Ok(worker_ready)
    }
}
