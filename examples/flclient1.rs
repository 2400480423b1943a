//! Freelance client, model one: Lazy Pirate over several servers. With one
//! endpoint (`flclient1 tcp://localhost:5555`) it tries up to three times;
//! with several it tries each at most once, in order, until one answers
//! within 1 s; then says whether the service runs.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::Duration;
use zhelpers::scaled;
use zmq::{Context, Multipart, PollEvents, Req};

const MAX_RETRIES: usize = 3; // Before we abandon

/// One request on a fresh REQ socket to `endpoint`: the reply, or `None`
/// if none came within the timeout.
fn try_request(context: &Context, endpoint: &str, request: &str) -> zmq::Result<Option<Multipart>> {
    println!("I: Trying echo service at {endpoint}...");
    let client = context.socket::<Req>()?;
    client.set_linger(Some(Duration::ZERO))?; // Terminate early
    client.connect(endpoint)?;
    client.send(request)?;
    let request_timeout = scaled(Duration::from_secs(1));
    let events = client.poll(PollEvents::IN, Some(request_timeout))?;
    if events.contains(PollEvents::IN) {
        Ok(Some(client.recv_multipart()?))
    } else {
        Ok(None)
    }
}

fn main() -> zmq::Result<()> {
    let context = Context::new();
    let request = "Hello world";
    let mut reply = None;
    let endpoints: Vec<String> = std::env::args().skip(1).collect();
    match endpoints.as_slice() {
        [] => println!("I: syntax: flclient1 <endpoint> ..."),
        // For one endpoint, we retry N times
        [endpoint] => {
            for _ in 0..MAX_RETRIES {
                reply = try_request(&context, endpoint, request)?;
                if reply.is_some() {
                    break; // Success
                }
                println!("W: No response from {endpoint}, retrying");
            }
        }
        // For multiple endpoints, try each at most once
        endpoints => {
            for endpoint in endpoints {
                reply = try_request(&context, endpoint, request)?;
                if reply.is_some() {
                    break; // Success
                }
                println!("W: No response from {endpoint}");
            }
        }
    }
    if reply.is_some() {
        println!("Service is running OK");
    }
    Ok(())
}
