//! Reading from multiple sockets with a simple non-blocking receive loop:
//! tasks from the ventilator (tcp://localhost:5557) and weather updates
//! for zipcode 10001 (tcp://localhost:5556), tasks first.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    // Connect to the task ventilator
    let receiver = context.socket::<zmq::Pull>()?;
    receiver.connect("tcp://localhost:5557")?;

    // Connect to the weather server
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.connect("tcp://localhost:5556")?;
    subscriber.subscribe("10001 ")?;

    // Process messages from both sockets, forever (or ZGUIDE_ITERS of them)
    let limit = zhelpers::iterations().unwrap_or(u64::MAX);
    let (mut tasks, mut updates) = (0, 0);
    while tasks + updates < limit {
        // Process any waiting tasks
        while let Some(_task) = receiver.try_recv()? {
            tasks += 1; // process the task
        }
        // Process any waiting weather updates
        while let Some(_update) = subscriber.try_recv()? {
            updates += 1; // process the weather update
        }
        // No activity, so sleep for 1 msec
        thread::sleep(Duration::from_millis(1));
    }
    println!("Processed {tasks} tasks and {updates} weather updates");
    Ok(())
}
