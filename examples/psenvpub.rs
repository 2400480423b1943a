//! Pub-sub envelope publisher: binds tcp://*:5563 and publishes two-frame
//! messages whose first frame is the key ("A" or "B").
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;

fn main() -> zmq::Result<()> {
    // Prepare our context and publisher
    let context = zmq::Context::new();
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.bind("tcp://*:5563")?;

    for _ in zhelpers::forever() {
        // Write two messages, each with an envelope and content
        publisher.send_multipart(["A", "We don't want to see this"])?;
        publisher.send_multipart(["B", "We would like to see this"])?;
        thread::sleep(Duration::from_secs(1));
    }
    Ok(())
}
