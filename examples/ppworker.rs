//! Paranoid Pirate worker: a DEALER on tcp://localhost:5556 that says
//! READY ("\x01"), echoes requests, and heartbeats with the queue ("\x02"
//! every second). When three heartbeats from the queue are missed it
//! reconnects, waiting 1, 2, 4... up to 32 seconds between tries. After a
//! few requests it sometimes simulates a crash (exits) or a CPU overload.
//!
//! `ZGUIDE_SEED=N` makes the crashes, overloads and identity repeat (give
//! each worker its own seed); `ZGUIDE_ITERS=N` ends it after N replies;
//! `ZGUIDE_TIME_SCALE` shortens the heartbeats and waits.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::{Duration, Instant};
use zmq::PollEvents;

const HEARTBEAT_LIVENESS: u32 = 3;
const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(1);
const INTERVAL_INIT: Duration = Duration::from_secs(1);
const INTERVAL_MAX: Duration = Duration::from_secs(32);

// Paranoid Pirate Protocol constants
const PPP_READY: &[u8] = b"\x01"; // Signals worker is ready
const PPP_HEARTBEAT: &[u8] = b"\x02"; // Signals worker heartbeat

/// A new socket with a random identity, connected to the queue, that has
/// told the queue it is ready.
fn worker_socket(context: &zmq::Context) -> zmq::Result<zmq::Socket<zmq::Dealer>> {
    let worker = context.socket::<zmq::Dealer>()?;
    zhelpers::set_id(&worker)?;
    worker.connect("tcp://localhost:5556")?;
    worker.send(PPP_READY)?;
    Ok(worker)
}

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let mut liveness = HEARTBEAT_LIVENESS;
    let mut interval = INTERVAL_INIT;
    let heartbeat = zhelpers::scaled(HEARTBEAT_INTERVAL);
    let mut heartbeat_at = Instant::now() + heartbeat;

    let mut worker = worker_socket(&context)?;
    let mut cycles = 0u64;
    let mut replies = zhelpers::Budget::new();
    loop {
        if worker.poll(PollEvents::IN, Some(heartbeat))?.is_readable() {
            // Get a message
            // - 3 parts, envelope and content: a request
            // - 1 part, HEARTBEAT: a heartbeat
            let frames = worker.recv_multipart()?;
            if frames.len() == 3 {
                // Simulate various problems, after a few cycles
                cycles += 1;
                if cycles > 3 && zhelpers::randrange(0, 6) == 0 {
                    println!("I: Simulating a crash");
                    break;
                }
                if cycles > 3 && zhelpers::randrange(0, 6) == 0 {
                    println!("I: Simulating CPU overload");
                    thread::sleep(zhelpers::scaled(Duration::from_secs(3)));
                }
                println!("I: Normal reply");
                worker.send_multipart(frames)?;
                liveness = HEARTBEAT_LIVENESS;
                if replies.spend() {
                    break;
                }
                thread::sleep(zhelpers::scaled(Duration::from_secs(1))); // Do some heavy work
            } else if frames.len() == 1 && frames[0] == PPP_HEARTBEAT {
                println!("I: Queue heartbeat");
                liveness = HEARTBEAT_LIVENESS;
            } else {
                let frames: Vec<String> = frames.iter().map(ToString::to_string).collect();
                println!("E: Invalid message: {frames:?}");
            }
            interval = INTERVAL_INIT;
        } else {
            liveness -= 1;
            if liveness == 0 {
                println!("W: Heartbeat failure, can't reach queue");
                println!("W: Reconnecting in {:0.2}s...", interval.as_secs_f64());
                thread::sleep(zhelpers::scaled(interval));
                if interval < INTERVAL_MAX {
                    interval *= 2;
                }
                // Close without waiting to deliver anything, and start over
                worker.set_linger(Some(Duration::ZERO))?;
                worker = worker_socket(&context)?;
                liveness = HEARTBEAT_LIVENESS;
            }
        }
        if Instant::now() > heartbeat_at {
            heartbeat_at = Instant::now() + heartbeat;
            println!("I: Worker heartbeat");
            worker.send(PPP_HEARTBEAT)?;
        }
    }
    Ok(())
}
