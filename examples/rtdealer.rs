//! ROUTER-to-DEALER custom routing: a ROUTER on ipc://routing.ipc sends ten
//! workloads addressed to two DEALER workers, "A" twice as often as "B",
//! then "END" to each; the workers print how many they received.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;

// We have two workers, here the same code with a different identity;
// normally these would run on different boxes...
fn worker_task(identity: &'static str) -> zmq::Result<()> {
    let context = zmq::Context::new();
    let worker = context.socket::<zmq::Dealer>()?;
    worker.set_routing_id(identity)?;
    worker.connect("ipc://routing.ipc")?;

    let mut total = 0;
    loop {
        // We receive one part, with the workload
        let request = worker.recv()?;
        if request == "END" {
            println!("{identity} received: {total}");
            return Ok(());
        }
        total += 1;
    }
}

/// Sends `[identity, work]`. The guide sleeps a second and hopes both
/// workers are connected by then; here the ROUTER is mandatory, so a
/// message for a worker that is not connected yet fails instead of
/// vanishing, and is sent again a moment later.
fn send_to(client: &zmq::Socket<zmq::Router>, identity: &str, work: &str) -> zmq::Result<()> {
    loop {
        match client.send_multipart([identity, work]) {
            Err(zmq::Error::HostUnreachable) => thread::sleep(Duration::from_millis(10)),
            other => return other,
        }
    }
}

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let client = context.socket::<zmq::Router>()?;
    client.set_router_mandatory(true)?;
    client.bind("ipc://routing.ipc")?;

    let workers = [
        thread::spawn(|| worker_task("A")),
        thread::spawn(|| worker_task("B")),
    ];

    // Wait for threads to stabilize
    thread::sleep(zhelpers::scaled(Duration::from_secs(1)));

    // Send 10 tasks scattered to A twice as often as B
    for _ in 0..10 {
        // Two message parts, first the address, then the workload
        let identity = ["A", "A", "B"][zhelpers::randrange(0, 3) as usize];
        send_to(&client, identity, "This is the workload")?;
    }
    send_to(&client, "A", "END")?;
    send_to(&client, "B", "END")?;

    for worker in workers {
        worker.join().expect("worker thread panicked")?;
    }
    Ok(())
}
