//! Pathological subscriber: connects to tcp://localhost:5556 (or the
//! endpoint given as argument), subscribes to one random topic ("000" to
//! "999") and prints what arrives for it, forever or `ZGUIDE_ITERS`
//! messages.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

fn main() -> zmq::Result<()> {
    let url = std::env::args().nth(1);
    let context = zmq::Context::new();
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.connect(url.as_deref().unwrap_or("tcp://localhost:5556"))?;
    let subscription = format!("{:03}", zhelpers::randrange(0, 1000));
    subscriber.subscribe(&subscription)?;

    for _ in zhelpers::forever() {
        let message = subscriber.recv_multipart()?;
        assert_eq!(message.len(), 2, "a topic and data");
        assert_eq!(message[0], subscription.as_str(), "the topic we asked for");
        println!("{}", message[1]);
    }
    Ok(())
}
