//! Suicidal Snail: a publisher thread sends its clock every millisecond on
//! tcp://*:5556; a subscriber thread works a little (1-3 ms) on each
//! message, falls behind, and kills itself when a message is more than a
//! second late, telling the main thread, which stops the publisher.
#[path = "zhelpers/mod.rs"]
mod zhelpers;
#[path = "zpipe/mod.rs"]
mod zpipe;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// If a message is later than this, the subscriber croaks.
const MAX_ALLOWED_DELAY: Duration = Duration::from_secs(1);

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// The subscriber takes everything, works 1 ms plus up to 2 ms more per
/// message, and aborts once it is too far behind.
fn subscriber(context: &zmq::Context, pipe: &zmq::Socket<zmq::Pair>) -> zmq::Result<()> {
    let sub = context.socket::<zmq::Sub>()?;
    sub.subscribe("")?;
    sub.connect("tcp://localhost:5556")?;
    loop {
        let message = sub.recv()?;
        let clock = f64::from_be_bytes(message[..].try_into().expect("an 8-byte clock"));
        // Suicide snail logic
        if now() - clock > zhelpers::scaled(MAX_ALLOWED_DELAY).as_secs_f64() {
            eprintln!("E: subscriber cannot keep up, aborting");
            break;
        }
        // Work for 1 msec plus some random additional time
        let work = 1000 + zhelpers::randrange(0, 2000);
        std::thread::sleep(zhelpers::scaled(Duration::from_micros(work as u64)));
    }
    pipe.send("gone and died")
}

/// The publisher sends its clock every millisecond until told to stop.
fn publisher(context: &zmq::Context, pipe: &zmq::Socket<zmq::Pair>) -> zmq::Result<()> {
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.bind("tcp://*:5556")?;
    loop {
        // Send current clock (secs) to subscribers
        publisher.send(now().to_be_bytes())?;
        if pipe.try_recv()?.is_some() {
            break; // received break message
        }
        std::thread::sleep(zhelpers::scaled(Duration::from_millis(1)));
    }
    Ok(())
}

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    // Linger 0, as the C sample's czmq context has: when the subscriber
    // gives up, the publisher's backlog for it is dropped at exit instead
    // of being waited for.
    context.set_default_linger(Some(Duration::ZERO));
    let [pub_pipe, pub_peer] = zpipe::zpipe(&context)?;
    let [sub_pipe, sub_peer] = zpipe::zpipe(&context)?;
    let pub_context = context.clone();
    let pub_thread = std::thread::spawn(move || publisher(&pub_context, &pub_peer));
    let sub_context = context.clone();
    let sub_thread = std::thread::spawn(move || subscriber(&sub_context, &sub_peer));
    // Wait for the subscriber to finish, then tell the publisher to halt
    sub_pipe.recv()?;
    pub_pipe.send("break")?;
    sub_thread.join().expect("subscriber panicked")?;
    pub_thread.join().expect("publisher panicked")?;
    Ok(())
}
