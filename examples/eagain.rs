//! Shows how to provoke EAGAIN when reaching the high-water mark: a DEALER
//! with SNDHWM 4 and no peer accepts four messages, then refuses.
use std::time::Duration;

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let mailbox = context.socket::<zmq::Dealer>()?;
    mailbox.set_sndhwm(4)?;
    mailbox.set_sndtimeo(Some(Duration::ZERO))?;
    // Nobody will ever take the queued messages: do not wait for them at exit
    mailbox.set_linger(Some(Duration::ZERO))?;
    mailbox.connect("tcp://localhost:9876")?;

    for count in 0..10 {
        println!("Sending message {count}");
        match mailbox.send(format!("message {count}")) {
            Ok(()) => {}
            Err(e @ zmq::Error::WouldBlock) => {
                println!("W: {e}");
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
