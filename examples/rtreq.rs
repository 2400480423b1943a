//! ROUTER-to-REQ custom routing: a ROUTER on tcp://*:5671 hands 100
//! workloads to ten REQ worker threads, always to the one that asked last
//! ("ready"), then tells each worker "END"; each worker prints how many
//! tasks it did.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;

const NBR_WORKERS: usize = 10;

fn worker_task() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let worker = context.socket::<zmq::Req>()?;
    // We use a string identity for ease here
    zhelpers::set_id(&worker)?;
    worker.connect("tcp://localhost:5671")?;

    let mut total = 0;
    loop {
        // Tell the router we're ready for work
        worker.send("ready")?;

        // Get workload from router, until finished
        let workload = worker.recv()?;
        if workload == "END" {
            println!("Processed: {total} tasks");
            return Ok(());
        }
        total += 1;

        // Do some random work (up to 0.1 s)
        let work = Duration::from_millis(zhelpers::randrange(0, 100) as u64);
        thread::sleep(zhelpers::scaled(work));
    }
}

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let client = context.socket::<zmq::Router>()?;
    client.bind("tcp://*:5671")?;

    let workers: Vec<_> = (0..NBR_WORKERS)
        .map(|_| thread::spawn(worker_task))
        .collect();

    // The least recently used worker is next in the queue: the one whose
    // "ready" comes in; the reply goes back to it, [address, "", workload]
    let next_worker = || -> zmq::Result<zmq::Message> {
        let mut ready = client.recv_multipart()?;
        Ok(ready.pop_front().expect("a routed message has an address"))
    };
    for _ in 0..NBR_WORKERS * 10 {
        let address = next_worker()?;
        client.send_multipart([address, "".into(), "This is the workload".into()])?;
    }

    // Now ask mama to shut down and report their results
    for _ in 0..NBR_WORKERS {
        let address = next_worker()?;
        client.send_multipart([address, "".into(), "END".into()])?;
    }
    for worker in workers {
        worker.join().expect("worker thread panicked")?;
    }
    Ok(())
}
