//! The Majordomo client API (`examples/mdp/mdcliapi.rs`, the guide's
//! `mdcliapi`) on its own: one request, `mdcliapi [SERVICE [BODY]]`
//! (default `echo` and "Hello world"), through the broker at
//! tcp://localhost:5555, with the API's retries; prints the reply's frames.
//! `-v` logs every message.
#[path = "mdp/mod.rs"]
mod mdp;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use mdp::mdcliapi::MajorDomoClient;

fn main() -> mdp::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "-v").collect();
    let service = args.first().map_or("echo", String::as_str);
    let body = args.get(1).map_or("Hello world", String::as_str);
    let mut client = MajorDomoClient::new("tcp://localhost:5555", mdp::verbose())?;
    match client.send(service.as_bytes(), [body])? {
        Some(reply) => {
            for frame in &reply {
                println!("Reply from {service}: {frame}");
            }
        }
        None => println!("E: no reply from {service}"),
    }
    Ok(())
}
