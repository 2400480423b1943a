//! Task sink: binds a PULL socket to tcp://*:5558 and collects the results
//! of a batch of 100 tasks from the workers.
use std::error::Error;
use std::io::Write;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let context = zmq::Context::new();

    // Socket to receive results on
    let receiver = context.socket::<zmq::Pull>()?;
    receiver.bind("tcp://*:5558")?;

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

    // Calculate and report the duration of the batch
    println!("Total elapsed time: {} msec", start.elapsed().as_millis());
    Ok(())
}
