//! Majordomo client: sends "Hello world" to the `echo` service through the
//! broker at tcp://localhost:5555, 100,000 times (or `ZGUIDE_ITERS`), one
//! at a time on the synchronous client API (`mdp/mdcliapi.rs`), and says
//! how many round trips it made. `-v` logs every message.
#[path = "mdp/mod.rs"]
mod mdp;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use mdp::mdcliapi::MajorDomoClient;

fn main() -> mdp::Result<()> {
    let mut client = MajorDomoClient::new("tcp://localhost:5555", mdp::verbose())?;
    let mut count = 0;
    for _ in 0..zhelpers::iterations_or(100_000) {
        // Also stop on failure to reply.
        if client.send(b"echo", ["Hello world"])?.is_none() {
            break;
        }
        count += 1;
    }
    println!("{count} requests/replies processed");
    Ok(())
}
