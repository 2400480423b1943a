//! Binary Star server, proof of concept: no real work, just the failover
//! model. `bstarsrv -p` is the primary (clients on tcp://*:5001, state
//! published on tcp://*:5003, the backup's heard from tcp://localhost:5004),
//! `bstarsrv -b` the backup (5002, 5004, 5003). Each publishes its state
//! every heartbeat (1 s), runs the Binary Star state machine
//! (`bstar/mod.rs`) on its peer's states and on client requests, and
//! echoes the requests it may answer. Under `ZGUIDE_ITERS=N` it stops
//! after answering N requests.
#[path = "bstar/mod.rs"]
mod bstar;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use bstar::{Event, Fsm};
use std::time::Instant;
use zmq::{PollEvents, PollSet};

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let context = zmq::Context::new();
    let statepub = context.socket::<zmq::Pub>()?;
    let statesub = context.socket::<zmq::Sub>()?;
    statesub.subscribe("")?;
    let frontend = context.socket::<zmq::Router>()?;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let primary = match args.as_slice() {
        [arg] if arg == "-p" => true,
        [arg] if arg == "-b" => false,
        _ => {
            println!("Usage: bstarsrv {{ -p | -b }}");
            return Ok(());
        }
    };
    if primary {
        println!("I: Primary master, waiting for backup (slave)");
        frontend.bind("tcp://*:5001")?;
        statepub.bind("tcp://*:5003")?;
        statesub.connect("tcp://localhost:5004")?;
    } else {
        println!("I: Backup slave, waiting for primary (master)");
        frontend.bind("tcp://*:5002")?;
        statepub.bind("tcp://*:5004")?;
        statesub.connect("tcp://localhost:5003")?;
    }
    let heartbeat = bstar::heartbeat();
    let mut fsm = Fsm::new(primary, heartbeat);

    // Set timer for next outgoing state message
    let mut send_state_at = Instant::now() + heartbeat;
    let mut items = PollSet::new();
    let from_client = items.add(&frontend, PollEvents::IN);
    let from_peer = items.add(&statesub, PollEvents::IN);
    let mut answered = 0;
    let limit = zhelpers::iterations().unwrap_or(u64::MAX);
    while answered < limit {
        let time_left = send_state_at.saturating_duration_since(Instant::now());
        items.poll(Some(time_left))?;
        if items.is_readable(from_client) {
            // Have a client request: answer by echoing it back, if the
            // state machine lets us
            let msg = frontend.recv_multipart()?;
            if fsm.execute(Event::ClientRequest)? {
                frontend.send_multipart(msg)?;
                answered += 1;
            }
        }
        if items.is_readable(from_peer) {
            // Have state from our peer, execute as event
            let message = statesub.recv()?;
            if let Some(event) = Event::from_peer(&message) {
                fsm.execute(event)?; // A fatal state ends the server
                fsm.peer_seen();
            }
        }
        // If we timed out, send state to peer
        if Instant::now() >= send_state_at {
            statepub.send(fsm.state().to_message())?;
            send_state_at = Instant::now() + heartbeat;
        }
    }
    Ok(())
}
