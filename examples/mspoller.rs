//! Reading from multiple sockets with a poll set: tasks from the
//! ventilator (tcp://localhost:5557) and weather updates for zipcode 10001
//! (tcp://localhost:5556).
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use zmq::{PollEvents, PollSet};

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    // Connect to the task ventilator
    let receiver = context.socket::<zmq::Pull>()?;
    receiver.connect("tcp://localhost:5557")?;

    // Connect to the weather server
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.connect("tcp://localhost:5556")?;
    subscriber.subscribe("10001 ")?;

    // Process messages from both sockets
    let mut items = PollSet::new();
    let task = items.add(&receiver, PollEvents::IN);
    let update = items.add(&subscriber, PollEvents::IN);
    let (mut tasks, mut updates) = (0, 0);
    for _ in zhelpers::forever() {
        items.poll(None)?;
        if items.is_readable(task) {
            receiver.recv()?; // process the task
            tasks += 1;
        }
        if items.is_readable(update) {
            subscriber.recv()?; // process the weather update
            updates += 1;
        }
    }
    println!("Processed {tasks} tasks and {updates} weather updates");
    Ok(())
}
