//! cppzmq's `examples/multipart_messages.cpp` in Rust: PUSH binds to a
//! free TCP port on loopback, PULL connects to it, and a two-frame message
//! goes across (`zmq::send_multipart` / `zmq::recv_multipart`).

use std::time::Duration;

fn main() -> zmq::Result<()> {
    let ctx = zmq::Context::new();
    let sock1 = ctx.socket::<zmq::Push>()?;
    let sock2 = ctx.socket::<zmq::Pull>()?;
    // Bounded, so that a broken network cannot hang the sample.
    sock2.set_rcvtimeo(Some(Duration::from_secs(10)))?;
    sock1.set_linger(Some(Duration::from_secs(1)))?;
    sock1.bind("tcp://127.0.0.1:*")?;
    let last_endpoint = sock1.last_endpoint()?;
    println!("Connecting to {last_endpoint}");
    sock2.connect(&last_endpoint)?;

    sock1.send_multipart(["foo", "bar!"])?;

    let recv_msgs = sock2.recv_multipart()?;
    println!("Got {} messages", recv_msgs.len());
    Ok(())
}
