//! Pub-sub envelope subscriber: connects to tcp://localhost:5563 and
//! subscribes to the messages whose key is "B".
#[path = "zhelpers/mod.rs"]
mod zhelpers;

fn main() -> zmq::Result<()> {
    // Prepare our context and subscriber
    let context = zmq::Context::new();
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.connect("tcp://localhost:5563")?;
    subscriber.subscribe("B")?;

    for _ in zhelpers::forever() {
        // Read the envelope with the address, then the contents
        let message = subscriber.recv_multipart()?;
        let (address, contents) = (&message[0], &message[1]);
        println!("[{address}] {contents}");
    }
    Ok(())
}
