//! Majordomo asynchronous client: sends 100,000 (or `ZGUIDE_ITERS`)
//! "Hello world" requests to the `echo` service through the broker at
//! tcp://localhost:5555 before it reads any reply, on the asynchronous
//! client API (`mdp/mdcliapi2.rs`), then counts the replies. `-v` logs
//! every message.
#[path = "mdp/mod.rs"]
mod mdp;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use mdp::mdcliapi2::MajorDomoClient;

fn main() -> mdp::Result<()> {
    let mut client = MajorDomoClient::new("tcp://localhost:5555", mdp::verbose())?;
    let requests = zhelpers::iterations_or(100_000);
    for _ in 0..requests {
        client.send(b"echo", ["Hello world"])?;
    }
    let mut count = 0;
    while count < requests {
        // Also stop on failure to reply.
        if client.recv()?.is_none() {
            break;
        }
        count += 1;
    }
    println!("{count} requests/replies processed");
    Ok(())
}
