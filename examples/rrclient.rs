//! Request-reply client: connects a REQ socket to the broker's frontend,
//! tcp://localhost:5559, and sends "Hello" ten times.

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    // Socket to talk to the broker
    let requester = context.socket::<zmq::Req>()?;
    requester.connect("tcp://localhost:5559")?;

    for request_nbr in 0..10 {
        requester.send("Hello")?;
        let reply = requester.recv()?;
        println!("Received reply {request_nbr} [{reply}]");
    }
    Ok(())
}
