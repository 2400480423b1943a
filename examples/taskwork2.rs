//! Task worker, design 2: like taskwork, and also subscribes to the sink's
//! control channel (tcp://localhost:5559), where any message means KILL.
#[path = "zhelpers/mod.rs"]
mod zhelpers;
use std::error::Error;
use std::io::Write;
use std::thread;
use std::time::Duration;
use zmq::{PollEvents, PollSet};

fn main() -> Result<(), Box<dyn Error>> {
    let context = zmq::Context::new();

    // Socket to receive tasks on
    let receiver = context.socket::<zmq::Pull>()?;
    receiver.connect("tcp://localhost:5557")?;

    // Socket to send results to
    let sender = context.socket::<zmq::Push>()?;
    sender.connect("tcp://localhost:5558")?;

    // Socket for control input
    let controller = context.socket::<zmq::Sub>()?;
    controller.connect("tcp://localhost:5559")?;
    controller.subscribe("")?;

    // Process messages from the receiver and the controller
    let mut items = PollSet::new();
    let task = items.add(&receiver, PollEvents::IN);
    let control = items.add(&controller, PollEvents::IN);
    loop {
        items.poll(None)?;
        if items.is_readable(task) {
            let workload = receiver.recv_string()?;

            // Do the work
            thread::sleep(zhelpers::scaled(Duration::from_millis(workload.parse()?)));

            // Send the result to the sink
            sender.send(workload)?;

            // Simple progress indicator for the viewer
            print!(".");
            std::io::stdout().flush()?;
        }
        // Any waiting controller command acts as 'KILL'
        if items.is_readable(control) {
            break;
        }
    }
    Ok(())
}
