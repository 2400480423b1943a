//! Shows how to handle Ctrl-C: a REP server on tcp://*:5555 (answering
//! "World" like hwserver) that stops cleanly on SIGINT or SIGTERM.
//!
//! Blocking calls retry after signals the program does not care about
//! (see `zmq::interrupt`). `zmq::interrupt::catch_signals` installs a
//! handler for SIGINT and SIGTERM that sets a flag the crate watches: once
//! it is set, the blocking `recv` returns [`zmq::Error::Interrupted`] and
//! the loop ends, as the guide's C sample does with `s_interrupted`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Catch signals first, so that a client that got an answer knows the
    // server can be interrupted.
    zmq::interrupt::catch_signals(&[libc::SIGINT, libc::SIGTERM])?;

    let context = zmq::Context::new();
    let socket = context.socket::<zmq::Rep>()?;
    socket.bind("tcp://*:5555")?;

    loop {
        // A blocking receive returns Error::Interrupted after Ctrl-C
        match socket.recv() {
            Ok(_request) => socket.send("World")?,
            Err(zmq::Error::Interrupted) => {
                println!("W: interrupt received, killing server...");
                break;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
