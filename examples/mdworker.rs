//! Majordomo worker: serves the `echo` service through the broker at
//! tcp://localhost:5555 on the worker API (`mdp/mdwrkapi.rs`), sending
//! every request back as its reply. `-v` logs every message; under
//! `ZGUIDE_ITERS=N` it stops after N replies.
#[path = "mdp/mod.rs"]
mod mdp;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use mdp::mdwrkapi::MajorDomoWorker;

fn main() -> mdp::Result<()> {
    let mut worker = MajorDomoWorker::new("tcp://localhost:5555", b"echo", mdp::verbose())?;
    let mut reply = None;
    for _ in zhelpers::forever() {
        let request = worker.recv(reply.take())?;
        reply = Some(request); // Echo is complex... :-)
    }
    worker.finish(reply)
}
