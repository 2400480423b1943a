//! Simple request-reply broker: clients connect to the ROUTER on
//! tcp://*:5559, services (rrworker) to the DEALER on tcp://*:5560; a poll
//! loop passes every message on, whole.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use zmq::{PollEvents, PollSet};

fn main() -> zmq::Result<()> {
    // Prepare our context and sockets
    let context = zmq::Context::new();
    let frontend = context.socket::<zmq::Router>()?;
    frontend.bind("tcp://*:5559")?;
    let backend = context.socket::<zmq::Dealer>()?;
    backend.bind("tcp://*:5560")?;

    // Initialize the poll set
    let mut items = PollSet::new();
    let from_clients = items.add(&frontend, PollEvents::IN);
    let from_services = items.add(&backend, PollEvents::IN);

    // Switch messages between sockets
    for _ in zhelpers::forever() {
        items.poll(None)?;
        if items.is_readable(from_clients) {
            backend.send_multipart(frontend.recv_multipart()?)?;
        }
        if items.is_readable(from_services) {
            frontend.send_multipart(backend.recv_multipart()?)?;
        }
    }
    Ok(())
}
