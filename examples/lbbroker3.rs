//! Load-balancing broker, event-driven: the routing of lbbroker2 written as
//! two handlers on a reactor (`zhelpers/reactor.rs`, built on
//! `zmq::Poller`), as the Python sample does with pyzmq's IOLoop and
//! ZMQStream. The backend handler queues ready workers, passes replies on,
//! and turns the frontend handler on; the frontend handler routes a request
//! to a worker and turns itself off when none is left. After the tenth
//! reply the reactor stops a second later.
//!
//! The clients and workers run as threads on one context of their own, as
//! if they were another process, over ipc://frontend.ipc and
//! ipc://backend.ipc.
#[path = "zhelpers/lbtasks.rs"]
mod lbtasks;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::time::Duration;
use zhelpers::reactor::Reactor;

const NBR_CLIENTS: usize = 10;
const NBR_WORKERS: usize = 3;

/// The queue's state: the ready workers, and how many replies are left.
struct LruQueue {
    workers: Vec<zmq::Message>,
    client_nbr: usize,
}

fn main() -> zmq::Result<()> {
    let url_worker = "ipc://backend.ipc";
    let url_client = "ipc://frontend.ipc";

    // Prepare our context and sockets
    let context = zmq::Context::new();
    let frontend = context.socket::<zmq::Router>()?;
    frontend.bind(url_client)?;
    let backend = context.socket::<zmq::Router>()?;
    backend.bind(url_worker)?;

    // Create the worker and client threads
    let tasks = zmq::Context::new();
    let (workers, clients) =
        lbtasks::start(&tasks, (NBR_WORKERS, url_worker), (NBR_CLIENTS, url_client));

    // Create the queue with the sockets
    let mut queue = LruQueue {
        workers: Vec::new(),
        client_nbr: NBR_CLIENTS,
    };
    let mut reactor = Reactor::new();

    // A client request [client, "", request]: route it to the worker that
    // became ready last; stop receiving until workers are available again
    let handle_frontend = reactor.on_recv(&frontend, |queue: &mut LruQueue, msg, control| {
        assert_eq!(msg[1], "");
        let worker = queue.workers.pop().expect("active only with a worker");
        let mut request = zmq::Multipart::from([worker, "".into()]);
        request.extend(msg);
        backend.send_multipart(request)?;
        if queue.workers.is_empty() {
            control.pause(control.current());
        }
        Ok(())
    })?;
    reactor.pause(handle_frontend)?;

    // A worker's message, [worker, "", "READY"] or [worker, "", client, "",
    // reply]: the worker is ready again, and a reply goes on to the client
    let to_clients = &frontend;
    reactor.on_recv(&backend, move |queue: &mut LruQueue, mut msg, control| {
        assert!(queue.workers.len() < NBR_WORKERS);
        queue.workers.push(msg.pop_front().expect("worker address"));
        assert_eq!(msg.pop_front().expect("delimiter"), "");
        if msg.front().is_some_and(|f| *f != "READY") {
            to_clients.send_multipart(msg)?;
            queue.client_nbr -= 1;
            if queue.client_nbr == 0 {
                // Exit after N messages
                control.stop_after(zhelpers::scaled(Duration::from_secs(1)));
            }
        }
        // At least one worker is ready: accept client requests
        control.resume(handle_frontend);
        Ok(())
    })?;

    // Start the reactor
    reactor.run(&mut queue)?;

    for client in clients {
        client.join().expect("client thread panicked")?;
    }
    tasks.shutdown()?;
    for worker in workers {
        worker.join().expect("worker thread panicked")?;
    }
    Ok(())
}
