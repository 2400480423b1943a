//! Load-balancing broker, in one process: the same routing as lbbroker,
//! with the clients and workers as threads on one context over inproc
//! (inproc://clients, inproc://workers). Worker replies are always polled,
//! client requests only while a worker is ready; the ready worker that
//! came last gets the request. After the tenth reply the context is shut
//! down and the workers quit.
#[path = "zhelpers/lbtasks.rs"]
mod lbtasks;

use zmq::{PollEvents, PollSet};

const NBR_CLIENTS: usize = 10;
const NBR_WORKERS: usize = 3;

fn main() -> zmq::Result<()> {
    let url_worker = "inproc://workers";
    let url_client = "inproc://clients";
    let mut client_nbr = NBR_CLIENTS;

    // Prepare our context and sockets
    let context = zmq::Context::new();
    let frontend = context.socket::<zmq::Router>()?;
    frontend.bind(url_client)?;
    let backend = context.socket::<zmq::Router>()?;
    backend.bind(url_worker)?;

    // Create the worker and client threads
    let (workers, clients) = lbtasks::start(
        &context,
        (NBR_WORKERS, url_worker),
        (NBR_CLIENTS, url_client),
    );

    // The loop:
    // - always poll the backend, the frontend only if a worker is ready
    // - a worker's message queues the worker as ready, and a reply goes on
    //   to its client
    // - a client request goes to the worker that became ready last
    let mut workers_list: Vec<zmq::Message> = Vec::new();
    let mut items = PollSet::new();
    let from_workers = items.add(&backend, PollEvents::IN);
    let from_clients = items.add(&frontend, PollEvents::IN);

    loop {
        // Poll the frontend only while a worker is ready (the Python sample
        // polls it always and skips it, which spins while no worker is free)
        let clients_events = if workers_list.is_empty() {
            PollEvents::empty()
        } else {
            PollEvents::IN
        };
        items.set_events(from_clients, clients_events)?;
        items.poll(None)?;

        // Handle worker activity on the backend
        if items.is_readable(from_workers) {
            // Queue the worker address for routing
            let mut message = backend.recv_multipart()?;
            assert!(workers_list.len() < NBR_WORKERS);
            workers_list.push(message.pop_front().expect("worker address"));

            // Second frame is empty
            assert_eq!(message.pop_front().expect("delimiter"), "");

            // Third frame is READY or else a client reply address:
            // [client, "", reply] goes back to the frontend
            if message.front().is_some_and(|f| *f != "READY") {
                frontend.send_multipart(message)?;
                client_nbr -= 1;
                if client_nbr == 0 {
                    break; // Exit after N messages
                }
            }
        }

        if !workers_list.is_empty() && items.is_readable(from_clients) {
            // Get the next client request, [client, "", request], and route
            // it to the last worker that became ready
            let request = frontend.recv_multipart()?;
            assert_eq!(request[1], "");
            let worker = workers_list.pop().expect("checked above");
            let mut message = zmq::Multipart::from([worker, "".into()]);
            message.extend(request);
            backend.send_multipart(message)?;
        }
    }

    // Housekeeping: every client got its reply; shutting the context down
    // makes the workers' recv fail with ContextTerminated, and they quit
    for client in clients {
        client.join().expect("client thread panicked")?;
    }
    context.shutdown()?;
    for worker in workers {
        worker.join().expect("worker thread panicked")?;
    }
    Ok(())
}
