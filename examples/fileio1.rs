//! File transfer, model one: the server (ROUTER on tcp://*:6000) sends the
//! whole file in 250,000-byte chunks as soon as the client (DEALER) asks,
//! with no flow control but an unlimited high-water mark; an empty chunk
//! ends it. Usage: `fileio1 [FILE [OUTPUT]]` (default `testdata`).
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
    dealer.connect("tcp://127.0.0.1:6000")?;
    dealer.send("fetch")?;

    let mut total = 0; // Total bytes received
    let mut chunks = 0; // Total chunks received
    loop {
        let chunk = dealer.recv()?;
        sink.write(&chunk)?;
        chunks += 1;
        total += chunk.len();
        if chunk.is_empty() {
            break; // whole file received
        }
    }
    println!("{chunks} chunks received, {total} bytes");
    pipe.send("OK")
}

/// The server reads the file in chunks and sends each chunk as a message.
fn server_thread(context: &zmq::Context, file: File) -> zmq::Result<()> {
    let router = context.socket::<zmq::Router>()?;
    // The default high-water mark (1,000) would drop chunks of a large
    // file here: no limit, the simple, stupid solution
    router.set_sndhwm(0)?;
    router.set_rcvhwm(0)?;
    router.bind("tcp://*:6000")?;
    loop {
        // First frame is the sender identity, second the "fetch" command
        let request = router.recv_multipart()?;
        assert_eq!(request.len(), 2);
        assert_eq!(request[1], "fetch");
        let mut offset = 0;
        loop {
            let data = fileio::read_chunk(&file, offset, CHUNK_SIZE)?;
            offset += data.len() as u64;
            let done = data.is_empty();
            router.send_multipart([request[0].clone(), zmq::Message::from(data)])?;
            if done {
                break;
            }
        }
    }
}

fn main() -> zmq::Result<()> {
    fileio::run(client_thread, server_thread)
}
