//! Pathological publisher: binds tcp://*:5556 (or the endpoint given as
//! argument), sends 1,000 topics ("000" to "999", "Save Roger"), then one
//! random update ("Off with his head!") per second, forever or
//! `ZGUIDE_ITERS` of them.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::Duration;

fn main() -> zmq::Result<()> {
    let url = std::env::args().nth(1);
    let context = zmq::Context::new();
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.bind(url.as_deref().unwrap_or("tcp://*:5556"))?;
    // Ensure subscriber connection has time to complete
    std::thread::sleep(zhelpers::scaled(Duration::from_secs(1)));

    // Send out all 1,000 topic messages
    for topic in 0..1000 {
        publisher.send_multipart([format!("{topic:03}").as_str(), "Save Roger"])?;
    }
    // Send one random update per second
    for _ in zhelpers::forever() {
        std::thread::sleep(zhelpers::scaled(Duration::from_secs(1)));
        let topic = format!("{:03}", zhelpers::randrange(0, 1000));
        publisher.send_multipart([topic.as_str(), "Off with his head!"])?;
    }
    Ok(())
}
