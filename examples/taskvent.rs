//! Task ventilator: binds a PUSH socket to tcp://*:5557 and sends a batch
//! of 100 tasks to the workers connected there; tells the sink
//! (tcp://localhost:5558) that the batch starts.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let context = zmq::Context::new();

    // Socket to send tasks on
    let sender = context.socket::<zmq::Push>()?;
    sender.bind("tcp://*:5557")?;

    // Socket with direct access to the sink: used to synchronize the start
    // of the batch
    let sink = context.socket::<zmq::Push>()?;
    sink.connect("tcp://localhost:5558")?;

    zhelpers::prompt("Press Enter when the workers are ready: ")?;
    println!("Sending tasks to workers...");

    // The first message is "0" and signals the start of the batch
    sink.send("0")?;

    // Send 100 tasks, each a workload of 1 to 100 msec
    let mut total_msec = 0;
    for _ in 0..100 {
        let workload = zhelpers::randrange(1, 101);
        total_msec += workload;
        sender.send(workload.to_string())?;
    }
    println!("Total expected cost: {total_msec} msec");

    // Dropping the sockets (LINGER is infinite by default) delivers what is
    // still queued before the program exits.
    Ok(())
}
