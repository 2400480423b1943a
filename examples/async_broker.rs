//! An async load-balancing broker on tokio: a ROUTER frontend serves REQ
//! clients, a ROUTER backend hands their requests to DEALER workers that
//! ask for work, and one `tokio::select!` loop drives both sides.
//! Run it with `cargo run --example async_broker --features tokio`
//! (optional arguments: clients, workers, requests per client).
//!
//! Frames: a client's request reaches the frontend as [client, "", body];
//! the broker sends [worker, "", client, "", body] to a ready worker, which
//! answers [ "", client, "", reply ] (its DEALER adds nothing; the empty
//! first frame stands for the REQ envelope); the broker passes
//! [client, "", reply] back. A worker announces itself with ["", "READY"].
use std::collections::VecDeque;
use zmq::Message;
use zmq::tokio::AsyncSocket;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn arg(n: usize, default: usize) -> Result<usize> {
    Ok(match std::env::args().nth(n) {
        Some(v) => v.parse()?,
        None => default,
    })
}

#[tokio::main]
async fn main() -> Result<()> {
    let (clients, workers, requests) = (arg(1, 10)?, arg(2, 3)?, arg(3, 20)?);
    let context = zmq::Context::new();
    let frontend = AsyncSocket::new(context.socket::<zmq::Router>()?)?;
    frontend.get_ref().bind("tcp://127.0.0.1:*")?;
    let backend = AsyncSocket::new(context.socket::<zmq::Router>()?)?;
    backend.get_ref().bind("tcp://127.0.0.1:*")?;
    let (front, back) = (
        frontend.get_ref().last_endpoint()?,
        backend.get_ref().last_endpoint()?,
    );
    println!("broker: clients on {front}, workers on {back}");

    let mut worker_tasks = Vec::new();
    for id in 0..workers {
        worker_tasks.push(tokio::spawn(worker(context.clone(), back.clone(), id)));
    }
    let mut client_tasks = Vec::new();
    for id in 0..clients {
        client_tasks.push(tokio::spawn(client(
            context.clone(),
            front.clone(),
            id,
            requests,
        )));
    }

    // The broker: workers waiting for work, in the order they asked.
    let mut ready: VecDeque<Message> = VecDeque::new();
    let mut served = vec![0usize; workers];
    let total = clients * requests;
    let mut replies = 0;
    while replies < total {
        tokio::select! {
            // Take client requests only while some worker can take them:
            // the rest wait in libzmq's queues (backpressure, not memory).
            request = frontend.recv_multipart(), if !ready.is_empty() => {
                let mut request = request?;
                let worker = ready.pop_front().expect("guarded by the select");
                request.push_front(Message::new());
                request.push_front(worker);
                backend.send_multipart(request).await?;
            }
            reply = backend.recv_multipart() => {
                let mut reply = reply?;
                let worker = reply.pop_front().ok_or("empty frame from a worker")?;
                reply.pop_front(); // the empty delimiter
                let id: usize = worker.as_str().and_then(|s| s.strip_prefix("worker-"))
                    .ok_or("unknown worker")?.parse()?;
                ready.push_back(worker);
                if reply.len() == 1 && reply[0] == "READY" {
                    continue;
                }
                served[id] += 1;
                replies += 1;
                frontend.send_multipart(reply).await?;
            }
        }
    }
    let mut answered = 0;
    for task in client_tasks {
        answered += task.await??;
    }
    // Every worker is idle now; wait for the READY of any that never got
    // work, then tell each to stop.
    while ready.len() < workers {
        let mut hello = backend.recv_multipart().await?;
        ready.push_back(hello.pop_front().ok_or("empty frame from a worker")?);
    }
    for worker in ready {
        backend
            .send_multipart([worker, Message::new(), Message::from("STOP")])
            .await?;
    }
    for task in worker_tasks {
        task.await??;
    }
    println!("broker: {total} requests from {clients} clients, served per worker {served:?}");
    println!("clients: {answered} replies checked");
    Ok(())
}

/// A REQ client: `requests` requests, each answer checked.
async fn client(
    context: zmq::Context,
    endpoint: String,
    id: usize,
    requests: usize,
) -> Result<usize> {
    let socket = AsyncSocket::new(context.socket::<zmq::Req>()?)?;
    socket.get_ref().connect(&endpoint)?;
    for n in 0..requests {
        let body = format!("client-{id} request {n}");
        socket.send(body.as_str()).await?;
        let reply = socket.recv_string().await?;
        if reply != body.to_uppercase() {
            return Err(format!("client-{id}: got {reply:?} for {body:?}").into());
        }
    }
    Ok(requests)
}

/// A DEALER worker: announces itself, then upper-cases requests until told
/// to stop.
async fn worker(context: zmq::Context, endpoint: String, id: usize) -> Result<()> {
    let socket = context.socket::<zmq::Dealer>()?;
    socket.set_routing_id(format!("worker-{id}").as_bytes())?;
    let socket = AsyncSocket::new(socket)?;
    socket.get_ref().connect(&endpoint)?;
    socket.send_multipart(["", "READY"]).await?;
    loop {
        // [ "", client, "", body ] or [ "", "STOP" ]
        let mut request = socket.recv_multipart().await?;
        if request.len() == 2 && request[1] == "STOP" {
            return Ok(());
        }
        let body = request.pop_back().ok_or("empty request")?;
        let reply = String::from_utf8_lossy(&body).to_uppercase();
        request.push_back(reply);
        socket.send_multipart(request).await?;
    }
}
