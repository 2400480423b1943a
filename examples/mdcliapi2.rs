//! The asynchronous Majordomo client API (`examples/mdp/mdcliapi2.rs`, the
//! guide's `mdcliapi2`) on its own: `mdcliapi2 [SERVICE [BODY...]]`
//! (default `echo` and "Hello world") sends every BODY as a request
//! through the broker at tcp://localhost:5555 first, then reads and prints
//! the replies. `-v` logs every message.
#[path = "mdp/mod.rs"]
mod mdp;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use mdp::mdcliapi2::MajorDomoClient;

fn main() -> mdp::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "-v").collect();
    let service = args.first().map_or("echo", String::as_str);
    let mut bodies: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    if bodies.is_empty() {
        bodies.push("Hello world");
    }
    let mut client = MajorDomoClient::new("tcp://localhost:5555", mdp::verbose())?;
    for body in &bodies {
        client.send(service.as_bytes(), [*body])?;
    }
    for _ in &bodies {
        match client.recv()? {
            Some(reply) => {
                for frame in &reply {
                    println!("Reply from {service}: {frame}");
                }
            }
            None => break,
        }
    }
    Ok(())
}
