//! File transfer, model two: the client asks for each chunk in turn
//! ("fetch", offset, size) and waits for it, so the server's queue never
//! overflows, at the cost of a round trip per chunk; a short chunk ends
//! it. Usage: `fileio2 [FILE [OUTPUT]]` (default `testdata`).
#[path = "fileio/mod.rs"]
mod fileio;
#[path = "zpipe/mod.rs"]
mod zpipe;

use fileio::{CHUNK_SIZE, Sink};
use std::fs::File;

fn client_thread(
    context: &zmq::Context,
    pipe: &zmq::Socket<zmq::Pair>,
    mut sink: Sink,
) -> zmq::Result<()> {
    let dealer = context.socket::<zmq::Dealer>()?;
    dealer.set_sndhwm(1)?;
    dealer.set_rcvhwm(1)?;
    dealer.connect("tcp://127.0.0.1:6000")?;

    let mut total = 0; // Total bytes received
    let mut chunks = 0; // Total chunks received
    loop {
        // Ask for the next chunk
        dealer.send_multipart([
            "fetch".to_string(),
            total.to_string(),
            CHUNK_SIZE.to_string(),
        ])?;
        let chunk = dealer.recv()?;
        sink.write(&chunk)?;
        chunks += 1;
        total += chunk.len();
        if chunk.len() < CHUNK_SIZE {
            break; // Last chunk received; exit
        }
    }
    println!("{chunks} chunks received, {total} bytes");
    pipe.send("OK")
}

/// The server answers each request with the chunk it asks for.
fn server_thread(context: &zmq::Context, file: File) -> zmq::Result<()> {
    let router = context.socket::<zmq::Router>()?;
    router.bind("tcp://*:6000")?;
    loop {
        fileio::serve_chunk(&router, &file)?;
    }
}

fn main() -> zmq::Result<()> {
    fileio::run(client_thread, server_thread)
}
