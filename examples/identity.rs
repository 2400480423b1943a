//! Identities as the request-reply pattern uses them: a ROUTER on
//! inproc://example receives from a REQ that lets libzmq pick its routing
//! id (5 bytes, a zero then a counter), and from one that sets its own
//! ("PEER2"); each message is dumped frame by frame. Runs by itself.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    let sink = context.socket::<zmq::Router>()?;
    sink.bind("inproc://example")?;

    // First allow 0MQ to set the identity
    let anonymous = context.socket::<zmq::Req>()?;
    anonymous.connect("inproc://example")?;
    anonymous.send("ROUTER uses a generated 5 byte identity")?;
    zhelpers::dump(&sink.recv_multipart()?);

    // Then set the identity ourselves
    let identified = context.socket::<zmq::Req>()?;
    identified.set_routing_id("PEER2")?;
    identified.connect("inproc://example")?;
    identified.send("ROUTER socket uses REQ's socket identity")?;
    zhelpers::dump(&sink.recv_multipart()?);
    Ok(())
}
