//! Shows how to handle Ctrl-C: a REP server on tcp://*:5555 (answering
//! "World" like hwserver) that stops cleanly on SIGINT or SIGTERM.
//!
//! The signal handler only sets a flag. It is installed without
//! `SA_RESTART`, so the blocking `recv` returns [`zmq::Error::Interrupted`]
//! (`EINTR`) and the loop can look at the flag.
use std::ffi::c_int;
use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn signal_handler(_signal: c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

fn catch_signals() -> std::io::Result<()> {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: `action` is fully initialised (zeroed, then the handler
        // and an empty mask); the handler only stores to an atomic, which is
        // async-signal-safe.
        let rc = unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = signal_handler as extern "C" fn(c_int) as libc::sighandler_t;
            action.sa_flags = 0; // no SA_RESTART: blocking calls fail with EINTR
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut())
        };
        if rc != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Catch signals first, so that a client that got an answer knows the
    // server can be interrupted.
    catch_signals()?;

    let context = zmq::Context::new();
    let socket = context.socket::<zmq::Rep>()?;
    socket.bind("tcp://*:5555")?;

    loop {
        // A blocking receive returns Error::Interrupted on a signal
        match socket.recv() {
            Ok(_request) => socket.send("World")?,
            Err(zmq::Error::Interrupted) if INTERRUPTED.load(Ordering::SeqCst) => {
                println!("W: interrupt received, killing server...");
                break;
            }
            Err(zmq::Error::Interrupted) => continue, // another signal: retry
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
