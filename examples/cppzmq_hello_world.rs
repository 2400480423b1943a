//! cppzmq's `examples/hello_world.cpp` in Rust: a PUSH socket binds an
//! inproc endpoint and sends "Hello, world" without blocking.
//!
//! With no PULL peer connected the message cannot be queued: cppzmq's
//! `send(..., dontwait)` then returns an empty `send_result_t`; here
//! `try_send` returns `Err(SendError)` whose `error` is `WouldBlock` and
//! which hands the message back.

fn main() -> zmq::Result<()> {
    let ctx = zmq::Context::new();
    let sock = ctx.socket::<zmq::Push>()?;
    sock.bind("inproc://test")?;
    match sock.try_send("Hello, world") {
        Ok(()) => println!("sent"),
        Err(e) if e.error == zmq::Error::WouldBlock => {
            println!(
                "not sent ({}): no peer yet; got back \"{}\"",
                e.error, e.message
            );
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
