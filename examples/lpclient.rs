//! Lazy Pirate client: reliable request-reply from the client side. Sends
//! numbered requests to tcp://localhost:5555 (lpserver, or a queue), and
//! polls for each reply with a timeout (2.5 s); with no reply in time it
//! closes the socket, opens a new one and sends the request again, and
//! after three tries gives up.
//!
//! `ZGUIDE_ITERS=N` stops it after N requests; `ZGUIDE_TIME_SCALE`
//! shortens the timeout.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::Duration;
use zmq::PollEvents;

const REQUEST_TIMEOUT: Duration = Duration::from_millis(2500);
const REQUEST_RETRIES: u32 = 3;
const SERVER_ENDPOINT: &str = "tcp://localhost:5555";

fn connect(context: &zmq::Context) -> zmq::Result<zmq::Socket<zmq::Req>> {
    let client = context.socket::<zmq::Req>()?;
    client.connect(SERVER_ENDPOINT)?;
    Ok(client)
}

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    println!("INFO: Connecting to server…");
    let mut client = connect(&context)?;

    for sequence in zhelpers::forever() {
        let request = sequence.to_string();
        println!("INFO: Sending ({request})");
        client.send(request.as_str())?;

        let mut retries_left = REQUEST_RETRIES;
        loop {
            let timeout = zhelpers::scaled(REQUEST_TIMEOUT);
            if client.poll(PollEvents::IN, Some(timeout))?.is_readable() {
                let reply = client.recv()?;
                if reply.as_str().and_then(|r| r.parse().ok()) == Some(sequence) {
                    println!("INFO: Server replied OK ({reply})");
                    break;
                }
                println!("ERROR: Malformed reply from server: {reply}");
                continue;
            }

            retries_left -= 1;
            println!("WARNING: No response from server");
            // The socket is confused: close it (without waiting to deliver
            // anything) and remove it
            client.set_linger(Some(Duration::ZERO))?;
            drop(client);
            if retries_left == 0 {
                println!("ERROR: Server seems to be offline, abandoning");
                return Ok(());
            }

            println!("INFO: Reconnecting to server…");
            // Create a new connection
            client = connect(&context)?;
            println!("INFO: Resending ({request})");
            client.send(request.as_str())?;
        }
    }
    Ok(())
}
