//! Freelance client, model two: the shotgun. A DEALER connected to every
//! server given (`flclient2 tcp://localhost:5555 tcp://localhost:5556`)
//! sends each request to all of them (as many copies as servers, which the
//! DEALER spreads) and takes the first reply with the right sequence
//! number, giving up after 2.5 s. Makes 10,000 requests (or
//! `ZGUIDE_ITERS`) and prints the average round trip.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::{Duration, Instant};
use zhelpers::scaled;
use zmq::{Context, Dealer, Message, Multipart, PollEvents, Socket};

/// The guide's `FLClient` class: one DEALER to every server.
struct FlClient {
    socket: Socket<Dealer>,
    servers: usize,
    sequence: u64,
}

impl FlClient {
    fn new(context: &Context) -> zmq::Result<FlClient> {
        let socket = context.socket::<Dealer>()?;
        socket.set_linger(Some(Duration::ZERO))?; // Terminate early
        Ok(FlClient {
            socket,
            servers: 0,
            sequence: 0,
        })
    }

    fn connect(&mut self, endpoint: &str) -> zmq::Result<()> {
        self.socket.connect(endpoint)?;
        self.servers += 1;
        println!("I: Connected to {endpoint}");
        Ok(())
    }

    /// Sends `body` to every server; the first matching reply, or `None`
    /// after the global timeout.
    fn request(&mut self, body: &str) -> zmq::Result<Option<Multipart>> {
        // Prefix request with sequence number and empty envelope
        self.sequence += 1;
        let sequence = self.sequence.to_string();
        let msg = Multipart::from([Message::new(), sequence.as_str().into(), body.into()]);
        // Blast the request to all connected servers
        for _ in 0..self.servers {
            self.socket.send_multipart(msg.clone())?;
        }
        // Wait for a matching reply to arrive from anywhere; since we can
        // poll several times, calculate each one
        let endtime = Instant::now() + scaled(Duration::from_millis(2500));
        loop {
            let left = endtime.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(None);
            }
            if self
                .socket
                .poll(PollEvents::IN, Some(left))?
                .contains(PollEvents::IN)
            {
                let reply = self.socket.recv_multipart()?;
                // [empty, sequence, "OK"]; older replies are dropped
                if reply.len() == 3 && reply[1] == sequence.as_str() {
                    return Ok(Some(reply));
                }
            }
        }
    }
}

fn main() -> zmq::Result<()> {
    let endpoints: Vec<String> = std::env::args().skip(1).collect();
    if endpoints.is_empty() {
        println!("I: Usage: flclient2 <endpoint> ...");
        return Ok(());
    }
    // Create new freelance client object
    let context = Context::new();
    let mut client = FlClient::new(&context)?;
    for endpoint in &endpoints {
        client.connect(endpoint)?;
    }
    let requests = zhelpers::iterations_or(10_000);
    let start = Instant::now();
    let mut done: u64 = 0;
    for _ in 0..requests {
        if client.request("random name")?.is_none() {
            println!("E: Name service not available, aborting");
            break;
        }
        done += 1;
    }
    let usec = start.elapsed().as_micros() / u128::from(done.max(1));
    println!("Average round trip cost: {usec} usec");
    Ok(())
}
