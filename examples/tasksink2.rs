//! Task sink, design 2: like tasksink, then sends "KILL" to the workers on
//! a PUB socket (tcp://*:5559) when the batch is done.
use std::error::Error;
use std::io::Write;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let context = zmq::Context::new();

    // Socket to receive results on
    let receiver = context.socket::<zmq::Pull>()?;
    receiver.bind("tcp://*:5558")?;

    // Socket for worker control
    let controller = context.socket::<zmq::Pub>()?;
    controller.bind("tcp://*:5559")?;

    // Wait for the start of the batch
    receiver.recv()?;

    // Start our clock now
    let start = Instant::now();

    // Process 100 confirmations
    for task_nbr in 0..100 {
        receiver.recv()?;
        print!("{}", if task_nbr % 10 == 0 { ':' } else { '.' });
        std::io::stdout().flush()?;
    }
    println!("Total elapsed time: {} msec", start.elapsed().as_millis());

    // Send the kill signal to the workers; dropping the socket delivers it
    controller.send("KILL")?;
    Ok(())
}
