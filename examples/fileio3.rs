//! File transfer, model three: credit-based flow control. The client keeps
//! up to ten chunk requests ("fetch", offset, size) in flight and asks for
//! one more each time a chunk arrives, so the transfer runs at full speed
//! and neither side queues more than ten chunks; a short chunk ends it.
//! Usage: `fileio3 [FILE [OUTPUT]]` (default `testdata`).
#[path = "fileio/mod.rs"]
mod fileio;
#[path = "zpipe/mod.rs"]
mod zpipe;

use fileio::{CHUNK_SIZE, Sink};
use std::fs::File;

/// Up to this many chunks in transit.
const PIPELINE: i32 = 10;

fn client_thread(
    context: &zmq::Context,
    pipe: &zmq::Socket<zmq::Pair>,
    mut sink: Sink,
) -> zmq::Result<()> {
    let dealer = context.socket::<zmq::Dealer>()?;
    dealer.set_sndhwm(PIPELINE)?;
    dealer.set_rcvhwm(PIPELINE)?;
    dealer.connect("tcp://127.0.0.1:6000")?;

    let mut credit = PIPELINE; // Up to PIPELINE chunks in transit
    let mut total = 0; // Total bytes received
    let mut chunks = 0; // Total chunks received
    let mut offset = 0; // Offset of next chunk request
    loop {
        while credit > 0 {
            // Ask for the next chunk
            dealer.send_multipart([
                "fetch".to_string(),
                offset.to_string(),
                CHUNK_SIZE.to_string(),
            ])?;
            offset += CHUNK_SIZE;
            credit -= 1;
        }
        let chunk = dealer.recv()?;
        sink.write(&chunk)?;
        chunks += 1;
        credit += 1;
        total += chunk.len();
        if chunk.len() < CHUNK_SIZE {
            break; // Last chunk received; exit
        }
    }
    println!("{chunks} chunks received, {total} bytes");
    pipe.send("OK")
}

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
    fileio::run(client_thread, server_thread)
}
