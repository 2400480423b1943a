//! Synchronized publisher: waits for 10 subscribers to check in on
//! tcp://*:5562, then broadcasts a million updates on tcp://*:5561
//! (`ZGUIDE_ITERS` of them under test) followed by "END".
#[path = "zhelpers/mod.rs"]
mod zhelpers;

// We wait for 10 subscribers
const SUBSCRIBERS_EXPECTED: usize = 10;

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    // Socket to talk to clients; the queue holds every update, so that a
    // slow subscriber does not lose any
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.set_sndhwm(1_100_000)?;
    publisher.bind("tcp://*:5561")?;

    // Socket to receive signals
    let syncservice = context.socket::<zmq::Rep>()?;
    syncservice.bind("tcp://*:5562")?;

    // Get synchronization from subscribers
    println!("Waiting for subscribers");
    for _ in 0..SUBSCRIBERS_EXPECTED {
        // - wait for a synchronization request
        syncservice.recv()?;
        // - send a synchronization reply
        syncservice.send("")?;
    }

    // Now broadcast exactly 1M updates followed by END
    println!("Broadcasting messages");
    for _ in 0..zhelpers::iterations_or(1_000_000) {
        publisher.send("Rhubarb")?;
    }
    publisher.send("END")?;
    Ok(())
}
