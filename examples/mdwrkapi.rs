//! The Majordomo worker API (`examples/mdp/mdwrkapi.rs`, the guide's
//! `mdwrkapi`) on its own: `mdwrkapi [SERVICE]` (default `echo`) registers
//! with the broker at tcp://localhost:5555, prints every request it gets
//! and sends it back. `-v` logs every message; under `ZGUIDE_ITERS=N` it
//! stops after N replies.
#[path = "mdp/mod.rs"]
mod mdp;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use mdp::mdwrkapi::MajorDomoWorker;

fn main() -> mdp::Result<()> {
    let service = std::env::args()
        .skip(1)
        .find(|a| a != "-v")
        .unwrap_or_else(|| "echo".to_string());
    let mut worker =
        MajorDomoWorker::new("tcp://localhost:5555", service.as_bytes(), mdp::verbose())?;
    let mut reply = None;
    for _ in zhelpers::forever() {
        let request = worker.recv(reply.take())?;
        for frame in &request {
            println!("Request for {service}: {frame}");
        }
        reply = Some(request);
    }
    worker.finish(reply)
}
