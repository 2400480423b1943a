//! What the three file transfer models (fileio1-3) share: the main task,
//! which starts a client and a server thread in one process and waits for
//! the client to say it is done. `fileioN [FILE [OUTPUT]]` serves FILE
//! (default `testdata`, as in the guide) and, given OUTPUT, the client
//! writes the bytes it receives there, so that the copy can be checked.
#![allow(dead_code)]

use std::fs::File;
use std::io::Write;

/// The size of a chunk.
pub const CHUNK_SIZE: usize = 250_000;

/// Where a client puts the bytes it receives.
pub struct Sink(Option<File>);

impl Sink {
    /// Appends a chunk.
    pub fn write(&mut self, chunk: &[u8]) -> zmq::Result<()> {
        if let Some(file) = &mut self.0 {
            file.write_all(chunk).map_err(io_error)?;
        }
        Ok(())
    }
}

/// A file error as a ZeroMQ one (the samples' threads return
/// `zmq::Result`), with its message printed.
pub fn io_error(e: std::io::Error) -> zmq::Error {
    eprintln!("E: {e}");
    zmq::Error::from_errno(e.raw_os_error().unwrap_or(libc::EIO))
}

/// Runs `client` and `server` in their threads until the client sends on
/// its pipe, prints what it sent, and stops the server.
pub fn run(
    client: fn(&zmq::Context, &zmq::Socket<zmq::Pair>, Sink) -> zmq::Result<()>,
    server: fn(&zmq::Context, File) -> zmq::Result<()>,
) -> zmq::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "testdata".to_string());
    let file = File::open(&path).map_err(io_error)?;
    let sink = Sink(match args.next() {
        Some(output) => Some(File::create(output).map_err(io_error)?),
        None => None,
    });

    // Start child threads
    let context = zmq::Context::new();
    let [a, b] = crate::zpipe::zpipe(&context)?;
    let client_context = context.clone();
    let client = std::thread::spawn(move || client(&client_context, &b, sink));
    let server_context = context.clone();
    let server = std::thread::spawn(move || server(&server_context, file));

    // Loop until client tells us it's done
    println!("{}", a.recv()?);
    drop(a);
    // Stop both threads. Chunks the server still queues for requests the
    // client no longer waits for must not keep the process alive: the
    // context's termination waits for them at most a moment (the guide's
    // C version exits without terminating its context at all).
    context.destroy(std::time::Duration::from_millis(200));
    for thread in [client, server] {
        match thread.join().expect("thread panicked") {
            Ok(()) | Err(zmq::Error::ContextTerminated) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads up to `size` bytes at `offset` (fewer at the end of the file).
pub fn read_chunk(file: &File, offset: u64, size: usize) -> zmq::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut data = vec![0; size];
    let mut filled = 0;
    while filled < size {
        match file.read_at(&mut data[filled..], offset + filled as u64) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(e)),
        }
    }
    data.truncate(filled);
    Ok(data)
}

/// Reads a request `[identity]["fetch"][offset][size]` and sends back the
/// chunk it asks for; returns the chunk's size (0 at the end of the file).
pub fn serve_chunk(router: &zmq::Socket<zmq::Router>, file: &File) -> zmq::Result<usize> {
    let request = router.recv_multipart()?;
    let number = |frame: &zmq::Message| frame.as_str().and_then(|s| s.parse::<u64>().ok());
    let (Some(offset), Some(size)) = (
        request.get(2).and_then(number),
        request.get(3).and_then(number),
    ) else {
        eprintln!("E: bad request");
        return Err(zmq::Error::from_errno(libc::EPROTO));
    };
    if request.len() != 4 || request[1] != "fetch" {
        eprintln!("E: bad request");
        return Err(zmq::Error::from_errno(libc::EPROTO));
    }
    // Read the chunk of data from the file and send it to the client
    let data = read_chunk(
        file,
        offset,
        usize::try_from(size).unwrap_or(usize::MAX).min(1 << 30),
    )?;
    let len = data.len();
    router.send_multipart([request[0].clone(), zmq::Message::from(data)])?;
    Ok(len)
}

/// The client of models two and three: asks for the file chunk by chunk,
/// with up to `pipeline` requests in flight (one: model two, which waits
/// for each chunk before asking for the next), and tells `pipe` when done.
pub fn credit_client(
    context: &zmq::Context,
    pipe: &zmq::Socket<zmq::Pair>,
    mut sink: Sink,
    pipeline: i32,
) -> zmq::Result<()> {
    let dealer = context.socket::<zmq::Dealer>()?;
    dealer.set_sndhwm(pipeline)?;
    dealer.set_rcvhwm(pipeline)?;
    dealer.connect("tcp://127.0.0.1:6000")?;

    let mut credit = pipeline; // Up to `pipeline` chunks in transit
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
