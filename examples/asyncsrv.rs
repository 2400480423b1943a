//! Asynchronous client/server: three DEALER clients (identities worker-0..2,
//! as in the Python sample) send "request #N" to a ROUTER on tcp://*:5570
//! and print whatever replies come while they poll five times a second; the
//! server passes the requests through a proxy to five DEALER worker threads
//! on inproc://backend, each sending 0 to 4 replies at random moments.
//!
//! Under `ZGUIDE_ITERS=N` each client sends N requests (and polls for the
//! replies after the last one), then the program ends.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;
use zmq::PollEvents;

fn client_task(id: usize) -> zmq::Result<()> {
    let context = zmq::Context::new();
    let socket = context.socket::<zmq::Dealer>()?;
    let identity = format!("worker-{id}");
    socket.set_routing_id(&identity)?;
    socket.connect("tcp://localhost:5570")?;
    println!("Client {identity} started");
    for reqs in zhelpers::forever().map(|n| n + 1) {
        println!("Req #{reqs} sent..");
        socket.send(format!("request #{reqs}"))?;
        for _ in 0..5 {
            let timeout = zhelpers::scaled(Duration::from_secs(1));
            if socket.poll(PollEvents::IN, Some(timeout))?.is_readable() {
                let msg = socket.recv()?;
                println!("Client {identity} received: {msg}");
            }
        }
    }
    Ok(())
}

fn server_task() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let frontend = context.socket::<zmq::Router>()?;
    frontend.bind("tcp://*:5570")?;
    let backend = context.socket::<zmq::Dealer>()?;
    backend.bind("inproc://backend")?;

    for _ in 0..5 {
        let context = context.clone();
        thread::spawn(move || server_worker(&context));
    }
    zmq::proxy(&frontend, &backend)
}

fn server_worker(context: &zmq::Context) -> zmq::Result<()> {
    let worker = context.socket::<zmq::Dealer>()?;
    worker.connect("inproc://backend")?;
    println!("Worker started");
    loop {
        let request = worker.recv_multipart()?;
        let (ident, msg) = (&request[0], &request[1]);
        println!("Worker received {msg} from {ident}");
        let replies = zhelpers::randrange(0, 5);
        for _ in 0..replies {
            let tenths = Duration::from_secs(1) / zhelpers::randrange(1, 11) as u32;
            thread::sleep(zhelpers::scaled(tenths));
            worker.send_multipart([ident, msg])?;
        }
    }
}

fn main() -> zmq::Result<()> {
    let server = thread::spawn(server_task);
    let clients: Vec<_> = (0..3)
        .map(|id| thread::spawn(move || client_task(id)))
        .collect();
    if zhelpers::iterations().is_none() {
        // Runs forever, as in the guide
        return server.join().expect("server thread panicked");
    }
    // Bounded: the clients are done; the server threads end with the process
    for client in clients {
        client.join().expect("client thread panicked")?;
    }
    Ok(())
}
