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
/// high-water mark bounds the queue as a sanity check, and stops after the
/// end of the file.
///
/// The guide sets the mark to exactly the pipeline size, but libzmq learns
/// that queued messages were sent only every half-mark messages, so a full
/// pipeline of chunks could look like more than the mark, and a ROUTER drops
/// what does not fit (seen here: one 250 kB chunk in about ten runs). Twice
/// the pipeline leaves room for that lag and still bounds the queue.
fn server_thread(context: &zmq::Context, file: File) -> zmq::Result<()> {
    let router = context.socket::<zmq::Router>()?;
    router.set_sndhwm(2 * PIPELINE)?;
    router.set_rcvhwm(2 * PIPELINE)?;
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
