//! Titanic client (spec 9): sends "Hello world" for the `echo` service to
//! Titanic through the Majordomo broker at tcp://localhost:5555, then asks
//! for the reply until there is one (every 5 s), prints it, and closes the
//! request. `-v` logs every message.
#[path = "mdp/mod.rs"]
mod mdp;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use mdp::mdcliapi::MajorDomoClient;
use std::time::Duration;
use zhelpers::scaled;
use zmq::Multipart;

/// Calls a TSP service: the reply after its 200 status, or `None` for any
/// other success (300, pending). Exits on a fatal status (400, 500) or
/// when no reply comes.
fn service_call(
    session: &mut MajorDomoClient,
    service: &[u8],
    request: impl Into<Multipart>,
) -> mdp::Result<Option<Multipart>> {
    let Some(mut reply) = session.send(service, request)? else {
        std::process::exit(0); // Interrupted or failed
    };
    let status = reply.pop_front().unwrap_or_default();
    if status == "200" {
        Ok(Some(reply))
    } else if status == "400" {
        println!("E: client fatal error 400, aborting");
        std::process::exit(1);
    } else if status == "500" {
        println!("E: server fatal error 500, aborting");
        std::process::exit(1);
    } else {
        Ok(None)
    }
}

fn main() -> mdp::Result<()> {
    let mut session = MajorDomoClient::new("tcp://localhost:5555", mdp::verbose())?;

    // 1. Send 'echo' request to Titanic
    let reply = service_call(&mut session, b"titanic.request", ["echo", "Hello world"])?;
    let Some(uuid) = reply.and_then(|mut r| r.pop_front()) else {
        return Err("E: titanic.request answered without a UUID".into());
    };
    println!("I: request UUID {uuid}");

    // 2. Wait until we get a reply
    loop {
        std::thread::sleep(scaled(Duration::from_millis(100)));
        match service_call(&mut session, b"titanic.reply", [&uuid])? {
            Some(reply) => {
                let reply_string = reply.back().map(ToString::to_string).unwrap_or_default();
                println!("I: reply: {reply_string}");
                // 3. Close request
                service_call(&mut session, b"titanic.close", [&uuid])?;
                break;
            }
            None => {
                println!("I: no reply yet, trying again...");
                // Try again in 5 seconds
                std::thread::sleep(scaled(Duration::from_secs(5)));
            }
        }
    }
    Ok(())
}
