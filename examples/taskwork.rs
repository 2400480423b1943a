//! Task worker: connects a PULL socket to tcp://localhost:5557 for tasks
//! and a PUSH socket to tcp://localhost:5558 for results.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::error::Error;
use std::io::Write;
use std::thread;
use std::time::Duration;

fn main() -> Result<(), Box<dyn Error>> {
    let context = zmq::Context::new();

    // Socket to receive tasks on
    let receiver = context.socket::<zmq::Pull>()?;
    receiver.connect("tcp://localhost:5557")?;

    // Socket to send results to
    let sender = context.socket::<zmq::Push>()?;
    sender.connect("tcp://localhost:5558")?;

    // Process tasks forever
    for _ in zhelpers::forever() {
        let workload: u64 = receiver.recv_string()?.parse()?;

        // Simple progress indicator for the viewer
        print!(".");
        std::io::stdout().flush()?;

        // Do the work
        thread::sleep(zhelpers::scaled(Duration::from_millis(workload)));

        // Send the result to the sink
        sender.send("")?;
    }
    Ok(())
}
