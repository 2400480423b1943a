//! File transfer, model three: credit-based flow control. The client keeps
//! up to ten chunk requests ("fetch", offset, size) in flight and asks for
//! one more each time a chunk arrives, so the transfer runs at full speed
//! and neither side queues more than ten chunks; a short chunk ends it.
//! Usage: `fileio3 [FILE [OUTPUT]]` (default `testdata`).
#[path = "fileio/mod.rs"]
mod fileio;
#[path = "zpipe/mod.rs"]
mod zpipe;

use std::fs::File;

/// Up to this many chunks in transit.
const PIPELINE: i32 = 10;

/// The server answers each request with its chunk, through a ROUTER whose
/// high-water mark is the pipeline size as a sanity check, and stops after
/// the end of the file.
fn server_thread(context: &zmq::Context, file: File) -> zmq::Result<()> {
    let router = context.socket::<zmq::Router>()?;
    router.set_sndhwm(PIPELINE)?;
    router.set_rcvhwm(PIPELINE)?;
    router.bind("tcp://*:6000")?;
    while fileio::serve_chunk(&router, &file)? > 0 {}
    Ok(())
}

fn main() -> zmq::Result<()> {
    fileio::run(
        |context, pipe, sink| fileio::credit_client(context, pipe, sink, PIPELINE),
        server_thread,
    )
}
