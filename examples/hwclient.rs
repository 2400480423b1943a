//! Hello World client: connects a REQ socket to tcp://localhost:5555,
//! sends "Hello" to the server and expects "World" back.

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    // Socket to talk to the server
    println!("Connecting to hello world server...");
    let requester = context.socket::<zmq::Req>()?;
    requester.connect("tcp://localhost:5555")?;

    // Do 10 requests, waiting each time for a response
    for request in 0..10 {
        println!("Sending request {request} ...");
        requester.send("Hello")?;

        // Get the reply
        let message = requester.recv()?;
        println!("Received reply {request} [ {message} ]");
    }
    Ok(())
}
