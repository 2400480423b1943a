//! The clients and workers of the load-balancing broker samples
//! (`lbbroker`, `lbbroker2`, `lbbroker3`): the guide repeats them in each
//! sample; here they are written once. Include with
//! `#[path = "zhelpers/lbtasks.rs"] mod lbtasks;`.
#![allow(dead_code)]

/// Basic request-reply client using a REQ socket: sends "HELLO" to the
/// broker's frontend at `url`, prints the reply as "Client-N: OK".
pub fn client_task(context: &zmq::Context, url: &str, n: usize) -> zmq::Result<()> {
    let socket = context.socket::<zmq::Req>()?;
    // Set the client's identity: makes tracing easier
    let identity = format!("Client-{n}");
    socket.set_routing_id(&identity)?;
    socket.connect(url)?;

    // Send request, get reply
    socket.send("HELLO")?;
    let reply = socket.recv()?;
    println!("{identity}: {reply}");
    Ok(())
}

/// Worker using a REQ socket to do load-balancing: tells the broker's
/// backend at `url` it is "READY", then answers every request
/// `[client, "", request]` with `[client, "", "OK"]`, printing
/// "Worker-N: HELLO". Ends quietly when its context is shut down.
pub fn worker_task(context: &zmq::Context, url: &str, n: usize) -> zmq::Result<()> {
    let socket = context.socket::<zmq::Req>()?;
    let identity = format!("Worker-{n}");
    socket.set_routing_id(&identity)?;
    socket.connect(url)?;

    // Tell the broker we're ready for work
    socket.send("READY")?;
    loop {
        let mut request = match socket.recv_multipart() {
            Ok(request) => request,
            // The context was shut down: quit silently
            Err(zmq::Error::ContextTerminated) => return Ok(()),
            Err(e) => return Err(e),
        };
        let body = request.pop_back().unwrap_or_default();
        println!("{identity}: {body}");
        // The envelope stays: [client, ""], then the reply
        request.push_back("OK");
        socket.send_multipart(request)?;
    }
}

/// The threads of [`start`].
pub type Tasks = Vec<std::thread::JoinHandle<zmq::Result<()>>>;

/// Starts `workers` worker threads on `worker_url` and `clients` client
/// threads on `client_url`, all on `context`; returns (workers, clients).
pub fn start(
    context: &zmq::Context,
    (workers, worker_url): (usize, &'static str),
    (clients, client_url): (usize, &'static str),
) -> (Tasks, Tasks) {
    let spawn = |n: usize,
                 url: &'static str,
                 task: fn(&zmq::Context, &str, usize) -> zmq::Result<()>|
     -> Tasks {
        (0..n)
            .map(|i| {
                let context = context.clone();
                std::thread::spawn(move || task(&context, url, i))
            })
            .collect()
    };
    (
        spawn(workers, worker_url, worker_task),
        spawn(clients, client_url, client_task),
    )
}
