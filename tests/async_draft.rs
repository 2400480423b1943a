//! Thread-safe draft sockets (no `ZMQ_FD`) on tokio: readiness from a draft
//! `zmq_poller`'s descriptor (features `draft` and `tokio`).
#![cfg(all(feature = "tokio", feature = "draft", unix))]

mod common;

use common::{Transport, bind_any};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::timeout;
use zmq::tokio::AsyncSocket;
use zmq::{Client, Context, Gather, Message, Scatter, Server};

const BOUND: Duration = Duration::from_secs(20);

async fn client_server(transport: Transport) {
    let ctx = Context::new();
    let server = ctx.socket::<Server>().unwrap();
    let endpoint = bind_any(&server, transport);
    let client = ctx.socket::<Client>().unwrap();
    client.connect(&endpoint).unwrap();
    let server = Arc::new(AsyncSocket::new(server).unwrap());
    let client = AsyncSocket::new(client).unwrap();
    // The server answers in a task of its own, waiting before any request.
    let serve = tokio::spawn({
        let server = server.clone();
        async move {
            for _ in 0..100 {
                let request = server.recv().await.unwrap();
                let mut reply = Message::from(request.to_vec());
                reply.set_routing_id(request.routing_id()).unwrap();
                server.send(reply).await.unwrap();
            }
        }
    });
    for i in 0u32..100 {
        client.send(i.to_le_bytes().to_vec()).await.unwrap();
        assert_eq!(client.recv().await.unwrap(), i.to_le_bytes());
    }
    serve.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_and_server_over_inproc_and_tcp() {
    for transport in [Transport::Inproc, Transport::Tcp] {
        timeout(BOUND, client_server(transport))
            .await
            .expect("client/server hung");
    }
}

#[tokio::test]
async fn scatter_to_gather_with_backpressure() {
    let ctx = Context::new();
    let gather = ctx.socket::<Gather>().unwrap();
    gather.set_rcvhwm(5).unwrap();
    let endpoint = bind_any(&gather, Transport::Inproc);
    let scatter = ctx.socket::<Scatter>().unwrap();
    scatter.set_sndhwm(5).unwrap();
    scatter.connect(&endpoint).unwrap();
    let (gather, scatter) = (
        AsyncSocket::new(gather).unwrap(),
        AsyncSocket::new(scatter).unwrap(),
    );
    let run = async {
        let send = async {
            for i in 0u32..2000 {
                scatter.send(i.to_le_bytes().to_vec()).await.unwrap();
            }
        };
        let recv = async {
            for i in 0u32..2000 {
                assert_eq!(gather.recv().await.unwrap(), i.to_le_bytes());
            }
        };
        tokio::join!(send, recv);
    };
    timeout(BOUND, run).await.expect("scatter/gather hung");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_reaches_a_pending_thread_safe_socket() {
    let ctx = Context::new();
    let server = Arc::new(AsyncSocket::new(ctx.socket::<Server>().unwrap()).unwrap());
    let pending = tokio::spawn({
        let server = server.clone();
        async move { server.recv().await.map(drop) }
    });
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    ctx.shutdown().unwrap();
    let r = timeout(BOUND, pending)
        .await
        .expect("pending recv hung")
        .unwrap();
    assert_eq!(r, Err(zmq::Error::ContextTerminated));
}
