//! File transfer, model two: the client asks for each chunk in turn
//! ("fetch", offset, size) and waits for it, so the server's queue never
//! overflows, at the cost of a round trip per chunk; a short chunk ends
//! it. Usage: `fileio2 [FILE [OUTPUT]]` (default `testdata`).
#[path = "fileio/mod.rs"]
mod fileio;
#[path = "zpipe/mod.rs"]
mod zpipe;

use std::fs::File;

/// The server answers each request with the chunk it asks for.
fn server_thread(context: &zmq::Context, file: File) -> zmq::Result<()> {
    let router = context.socket::<zmq::Router>()?;
    router.bind("tcp://*:6000")?;
    loop {
        fileio::serve_chunk(&router, &file)?;
    }
}

fn main() -> zmq::Result<()> {
    // One request at a time: a pipeline of one
    fileio::run(
        |context, pipe, sink| fileio::credit_client(context, pipe, sink, 1),
        server_thread,
    )
}
