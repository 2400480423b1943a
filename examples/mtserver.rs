//! Multithreaded Hello World server: a ROUTER for clients on tcp://*:5555,
//! a proxy to a DEALER on inproc://workers, and five worker threads with a
//! REP socket each.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;

fn worker_routine(context: &zmq::Context) -> zmq::Result<()> {
    // Socket to talk to the dispatcher
    let receiver = context.socket::<zmq::Rep>()?;
    receiver.connect("inproc://workers")?;

    loop {
        let request = receiver.recv()?;
        println!("Received request: [{request}]");

        // Do some 'work'
        thread::sleep(zhelpers::scaled(Duration::from_secs(1)));

        // Send the reply back to the client
        receiver.send("World")?;
    }
}

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    // Socket to talk to clients
    let clients = context.socket::<zmq::Router>()?;
    clients.bind("tcp://*:5555")?;

    // Socket to talk to workers
    let workers = context.socket::<zmq::Dealer>()?;
    workers.bind("inproc://workers")?;

    // Launch a pool of worker threads
    let threads: Vec<_> = (0..5)
        .map(|_| {
            let context = context.clone();
            thread::spawn(move || worker_routine(&context))
        })
        .collect();

    // Connect the worker threads to the client threads via a queue proxy:
    // zmq::proxy, which runs forever (zhelpers stops it after ZGUIDE_ITERS
    // messages under test)
    zhelpers::proxy(&clients, &workers)?;

    // Only under test do we get here: shutting the context down makes the
    // workers' blocking calls fail with ContextTerminated, and they stop
    context.shutdown()?;
    for thread in threads {
        match thread.join().expect("worker thread panicked") {
            Err(zmq::Error::ContextTerminated) => {}
            other => other?,
        }
    }
    Ok(())
}
