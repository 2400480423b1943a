//! Binary Star client: sends numbered requests to the primary at
//! tcp://localhost:5001, one a second, and checks each echo; when a reply
//! does not come within 1 s it waits 2 s for the servers to settle, fails
//! over to the other server (tcp://localhost:5002, and back) and sends the
//! request again. Under `ZGUIDE_ITERS=N` it stops after N replies.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::Duration;
use zhelpers::scaled;
use zmq::{Context, PollEvents, Req, Socket};

const SERVERS: [&str; 2] = ["tcp://localhost:5001", "tcp://localhost:5002"];

/// A REQ socket to `endpoint` that drops its unanswered request on close.
fn connect(context: &Context, endpoint: &str) -> zmq::Result<Socket<Req>> {
    let client = context.socket::<Req>()?;
    client.set_linger(Some(Duration::ZERO))?;
    client.connect(endpoint)?;
    Ok(client)
}

fn main() -> zmq::Result<()> {
    let request_timeout = scaled(Duration::from_secs(1));
    let settle_delay = scaled(Duration::from_secs(2)); // before failing over

    let context = Context::new();
    let mut server_nbr = 0;
    let mut client = connect(&context, SERVERS[server_nbr])?;
    let mut sequence: u64 = 0;
    for _ in zhelpers::forever() {
        client.send(sequence.to_string())?;
        let mut expect_reply = true;
        while expect_reply {
            let events = client.poll(PollEvents::IN, Some(request_timeout))?;
            if events.contains(PollEvents::IN) {
                let reply = client.recv()?;
                if reply == sequence.to_string().as_str() {
                    println!("I: server replied OK ({reply})");
                    expect_reply = false;
                    sequence += 1;
                    std::thread::sleep(scaled(Duration::from_secs(1)));
                } else {
                    println!("E: malformed reply from server: {reply}");
                }
            } else {
                println!("W: no response from server, failing over");
                std::thread::sleep(settle_delay);
                server_nbr = (server_nbr + 1) % 2;
                println!("I: connecting to server at {}..", SERVERS[server_nbr]);
                // Reconnect and resend request
                client = connect(&context, SERVERS[server_nbr])?;
                client.send(sequence.to_string())?;
            }
        }
    }
    Ok(())
}
