//! The messaging patterns through `zmq::tokio::AsyncSocket`: REQ/REP,
//! PUB/SUB with filtering, PUSH/PULL and DEALER/ROUTER over inproc, ipc
//! and tcp, on the current-thread and the multi-thread runtime; Stream and
//! Sink; the monitor stream; an async side against a blocking one.
#![cfg(all(feature = "tokio", unix))]

mod common;

use common::{ALL, Transport, async_pair, connected};
use futures_util::{Sink, SinkExt, StreamExt};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::timeout;
use zmq::tokio::{AsyncMonitor, AsyncSocket};
use zmq::{
    Context, Dealer, Error, MonitorEvent, MonitorEvents, Multipart, Pair, Pub, Pull, Push, Rep,
    Req, Router, Sub,
};

/// Upper bound for every async test step.
const BOUND: Duration = Duration::from_secs(20);

async fn req_rep(transport: Transport) {
    let ctx = Context::new();
    let (rep, req) = async_pair::<Rep, Req>(&ctx, transport);
    for i in 0..50 {
        req.send(format!("hello {i}")).await.unwrap();
        assert_eq!(rep.recv_string().await.unwrap(), format!("hello {i}"));
        rep.send(format!("world {i}")).await.unwrap();
        assert_eq!(req.recv().await.unwrap(), format!("world {i}").as_str());
    }
}

async fn pub_sub(transport: Transport) {
    let ctx = Context::new();
    let (publisher, sub) = async_pair::<Pub, Sub>(&ctx, transport);
    sub.get_ref().subscribe("weather").unwrap();
    sub.get_ref().subscribe("probe").unwrap();
    // Handshake: publish probes until the subscription has reached the
    // publisher and one comes through.
    loop {
        publisher.send("probe").await.unwrap();
        if let Ok(m) = timeout(Duration::from_millis(20), sub.recv()).await {
            assert_eq!(m.unwrap(), "probe");
            break;
        }
    }
    for m in [
        "weather 1",
        "news 2",
        "weather 3",
        "sports 4",
        "weather end",
    ] {
        publisher.send(m).await.unwrap();
    }
    let mut got = Vec::new();
    while got.last().map(String::as_str) != Some("weather end") {
        let m = sub.recv_string().await.unwrap();
        if m != "probe" {
            got.push(m);
        }
    }
    // In order per subscriber: anything unfiltered would show up here.
    assert_eq!(got, ["weather 1", "weather 3", "weather end"]);
}

async fn push_pull(transport: Transport) {
    let ctx = Context::new();
    let (pull, push) = async_pair::<Pull, Push>(&ctx, transport);
    let sender = async {
        for i in 0u32..1000 {
            push.send(i.to_le_bytes().to_vec()).await.unwrap();
        }
    };
    let receiver = async {
        for i in 0u32..1000 {
            assert_eq!(pull.recv().await.unwrap(), i.to_le_bytes());
        }
    };
    tokio::join!(sender, receiver);
}

async fn dealer_router(transport: Transport) {
    let ctx = Context::new();
    let (router, dealer) = async_pair::<Router, Dealer>(&ctx, transport);
    let (router, dealer) = (Arc::new(router), Arc::new(dealer));
    const N: u32 = 500;
    // The router echoes in its own task.
    let echo = tokio::spawn({
        let router = router.clone();
        async move {
            for _ in 0..N {
                let parts = router.recv_multipart().await.unwrap();
                assert_eq!(parts.len(), 2);
                router.send_multipart(parts).await.unwrap();
            }
        }
    });
    // One task sends on the dealer while another receives on it.
    let sends = tokio::spawn({
        let dealer = dealer.clone();
        async move {
            for i in 0..N {
                dealer.send(i.to_le_bytes().to_vec()).await.unwrap();
            }
        }
    });
    for i in 0..N {
        assert_eq!(dealer.recv().await.unwrap(), i.to_le_bytes());
    }
    sends.await.unwrap();
    echo.await.unwrap();
}

async fn all_patterns() {
    for transport in ALL {
        timeout(BOUND, req_rep(transport))
            .await
            .expect("req/rep hung");
        timeout(BOUND, pub_sub(transport))
            .await
            .expect("pub/sub hung");
        timeout(BOUND, push_pull(transport))
            .await
            .expect("push/pull hung");
        timeout(BOUND, dealer_router(transport))
            .await
            .expect("dealer/router hung");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn patterns_on_current_thread_runtime() {
    all_patterns().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn patterns_on_multi_thread_runtime() {
    all_patterns().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dealer_select_loop_receives_while_sending() {
    let ctx = Context::new();
    let (router, dealer) = async_pair::<Router, Dealer>(&ctx, Transport::Tcp);
    const N: u32 = 300;
    let echo = tokio::spawn(async move {
        for _ in 0..N {
            let parts = router.recv_multipart().await.unwrap();
            router.send_multipart(parts).await.unwrap();
        }
    });
    let run = async {
        let (mut sent, mut received) = (0u32, 0u32);
        while received < N {
            tokio::select! {
                r = dealer.send(sent.to_le_bytes().to_vec()), if sent < N => {
                    r.unwrap();
                    sent += 1;
                }
                m = dealer.recv() => {
                    assert_eq!(m.unwrap(), received.to_le_bytes());
                    received += 1;
                }
            }
        }
    };
    timeout(BOUND, run).await.expect("select loop hung");
    echo.await.unwrap();
}

#[tokio::test]
async fn stream_and_sink_carry_whole_messages() {
    let ctx = Context::new();
    let (mut pull, mut push) = async_pair::<Pull, Push>(&ctx, Transport::Tcp);
    let run = async {
        let sender = async {
            for i in 0u32..200 {
                let parts = Multipart::from(vec![i.to_le_bytes().to_vec(), b"body".to_vec()]);
                // The inherent `send` takes precedence: name the trait.
                SinkExt::send(&mut push, parts).await.unwrap(); // flushes
            }
            push.close().await.unwrap();
        };
        let receiver = async {
            for i in 0u32..200 {
                let parts = pull.next().await.unwrap().unwrap();
                assert_eq!(parts.len(), 2);
                assert_eq!(parts[0], i.to_le_bytes());
                assert_eq!(parts[1], "body");
            }
        };
        tokio::join!(sender, receiver);
    };
    timeout(BOUND, run).await.expect("stream/sink hung");
}

#[tokio::test]
async fn sink_start_send_twice_without_ready_is_wrong_state() {
    use std::pin::Pin;
    let ctx = Context::new();
    // No peer: the first message cannot be delivered.
    let mut push = AsyncSocket::new(ctx.socket::<Push>().unwrap()).unwrap();
    Pin::new(&mut push)
        .start_send(Multipart::from(["a"]))
        .unwrap();
    let err = Pin::new(&mut push)
        .start_send(Multipart::from(["b"]))
        .unwrap_err();
    assert_eq!(err, Error::WrongState);
    // A flush cannot complete without a peer.
    assert!(
        timeout(Duration::from_millis(50), push.flush())
            .await
            .is_err()
    );
}

#[tokio::test]
async fn monitor_stream_yields_events_and_ends() {
    let ctx = Context::new();
    let pull = ctx.socket::<Pull>().unwrap();
    let mut events = AsyncMonitor::new(
        pull.monitor(MonitorEvents::LISTENING | MonitorEvents::ACCEPTED)
            .unwrap(),
    )
    .unwrap();
    pull.bind("tcp://127.0.0.1:*").unwrap();
    let endpoint = pull.last_endpoint().unwrap();
    let run = async {
        let first = events.next().await.unwrap().unwrap();
        assert!(matches!(first, MonitorEvent::Listening { .. }), "{first:?}");
        assert_eq!(first.endpoint(), endpoint);
        let push = ctx.socket::<Push>().unwrap();
        push.connect(&endpoint).unwrap();
        let second = events.next().await.unwrap().unwrap();
        assert!(
            matches!(second, MonitorEvent::Accepted { .. }),
            "{second:?}"
        );
        // Closing the monitored socket stops the monitor: the stream ends.
        drop(pull);
        let last = events.next().await.unwrap().unwrap();
        assert!(
            matches!(last, MonitorEvent::MonitorStopped { .. }),
            "{last:?}"
        );
        assert!(events.next().await.is_none());
    };
    timeout(BOUND, run).await.expect("monitor stream hung");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscription_through_guard_wakes_a_pending_recv() {
    let ctx = Context::new();
    let (publisher, sub) = async_pair::<Pub, Sub>(&ctx, Transport::Inproc);
    let sub = Arc::new(sub);
    // The receive waits before any subscription exists.
    let pending = tokio::spawn({
        let sub = sub.clone();
        async move { sub.recv_string().await }
    });
    tokio::task::yield_now().await;
    sub.get_ref().subscribe("").unwrap();
    let publish = async {
        loop {
            publisher.send("hello").await.unwrap();
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    };
    let got = timeout(BOUND, async {
        tokio::select! {
            r = pending => r.unwrap(),
            _ = publish => unreachable!(),
        }
    })
    .await
    .expect("pending recv never woke");
    assert_eq!(got.unwrap(), "hello");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_side_against_blocking_side_in_a_thread() {
    let ctx = Context::new();
    let (rep, req) = connected::<Rep, Req>(&ctx, Transport::Tcp);
    let rep = AsyncSocket::new(rep).unwrap();
    let client = std::thread::spawn(move || {
        for i in 0..100 {
            req.send(format!("q{i}")).unwrap();
            assert_eq!(req.recv_string().unwrap(), format!("a{i}"));
        }
    });
    let serve = async {
        for i in 0..100 {
            assert_eq!(rep.recv_string().await.unwrap(), format!("q{i}"));
            rep.send(format!("a{i}")).await.unwrap();
        }
    };
    timeout(BOUND, serve).await.expect("async server hung");
    client.join().unwrap();
}

#[tokio::test]
async fn new_fails_cleanly_outside_a_runtime_and_into_inner_gives_the_socket_back() {
    let ctx = Context::new();
    let outside = std::thread::spawn({
        let ctx = ctx.clone();
        move || AsyncSocket::new(ctx.socket::<Pair>().unwrap()).map(drop)
    })
    .join()
    .unwrap();
    assert_eq!(outside.unwrap_err(), Error::NotSupported);

    let (a, b) = async_pair::<Pair, Pair>(&ctx, Transport::Inproc);
    a.send("before").await.unwrap();
    let b = b.into_inner();
    assert_eq!(b.recv().unwrap(), "before");
}

#[tokio::test(flavor = "current_thread")]
async fn a_cancelled_waiter_does_not_take_the_wakeup_of_another() {
    let ctx = Context::new();
    let (x, y) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    x.set_sndhwm(1).unwrap();
    y.set_rcvhwm(1).unwrap();
    let x = Arc::new(AsyncSocket::new(x).unwrap());
    // Fill x's outbound pipe (y does not read), so a send must wait.
    let fill = async {
        while timeout(Duration::from_millis(20), x.send("fill"))
            .await
            .is_ok()
        {}
    };
    timeout(BOUND, fill).await.expect("filling hung");
    // A waits to receive...
    let receiver = tokio::spawn({
        let x = x.clone();
        async move { x.recv_string().await }
    });
    tokio::task::yield_now().await;
    // ...then another operation waits after it, and is cancelled.
    assert!(
        timeout(Duration::from_millis(20), x.send("cancelled"))
            .await
            .is_err()
    );
    // The message for A arrives: A must wake, whoever waited last.
    y.send("for A").unwrap();
    let got = timeout(BOUND, receiver)
        .await
        .expect("the receiver never woke");
    assert_eq!(got.unwrap().unwrap(), "for A");
}
