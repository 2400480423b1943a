//! Last value cache: subscribes to everything from a publisher on
//! tcp://localhost:5557, keeps the last value of each topic, and
//! republishes on tcp://*:5558 through an XPUB, which sees each new
//! subscription: a subscriber that arrives late still gets the topic's
//! last value at once. Runs forever or until it has handled `ZGUIDE_ITERS`
//! messages (updates and subscription events).
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::collections::HashMap;
use std::time::Duration;
use zmq::{PollEvents, PollSet};

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let frontend = context.socket::<zmq::Sub>()?;
    frontend.connect("tcp://localhost:5557")?;
    let backend = context.socket::<zmq::XPub>()?;
    backend.bind("tcp://*:5558")?;
    // Subscribe to every single topic from publisher
    frontend.subscribe("")?;

    // Store last instance of each topic in a cache
    let mut cache: HashMap<Vec<u8>, zmq::Message> = HashMap::new();

    let mut items = PollSet::new();
    let updates = items.add(&frontend, PollEvents::IN);
    let subscriptions = items.add(&backend, PollEvents::IN);
    let mut handled = zhelpers::forever();
    while !handled.is_empty() {
        items.poll(Some(Duration::from_secs(1)))?;

        // Any new topic data we cache and then forward
        if items.is_readable(updates) {
            let message = frontend.recv_multipart()?;
            if let [topic, current] = &message.iter().collect::<Vec<_>>()[..] {
                cache.insert(topic.to_vec(), (*current).clone());
            }
            backend.send_multipart(message)?;
            handled.next();
        }
        // When we get a new subscription we pull data from the cache
        if items.is_readable(subscriptions) {
            let event = backend.recv()?;
            // Event is one byte 0=unsub or 1=sub, followed by topic
            if let [1, topic @ ..] = &event[..] {
                if let Some(current) = cache.get(topic) {
                    println!("Sending cached topic {}", String::from_utf8_lossy(topic));
                    backend.send_multipart([zmq::Message::from(topic), current.clone()])?;
                }
            }
            handled.next();
        }
    }
    Ok(())
}
