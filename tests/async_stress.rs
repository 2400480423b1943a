//! The async layer under load: bursts, high-water-mark backpressure,
//! cancellation storms, many sockets on few threads, and shutdown with
//! futures pending. Every test is bounded by `tokio::time::timeout`.
#![cfg(all(feature = "tokio", unix))]

mod common;

use common::{Transport, async_pair, bound, connected};
use futures_util::StreamExt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;
use tokio::time::timeout;
use zmq::tokio::AsyncSocket;
use zmq::{Context, Error, Multipart, Pair, Pull, Push};

/// Upper bound for every async test step.
const BOUND: Duration = Duration::from_secs(30);

fn seq(i: u32) -> Vec<u8> {
    i.to_le_bytes().to_vec()
}

fn seq_of(frame: &[u8]) -> u32 {
    u32::from_le_bytes(frame.try_into().expect("4-byte sequence number"))
}

/// A blocking PUSH thread sends 100,000 messages to an async relay, which
/// sends them on to a blocking PULL thread: every message arrives, in order.
async fn burst(transport: Transport) {
    const N: u32 = 100_000;
    let ctx = Context::new();
    let (relay_in, source) = connected::<Pull, Push>(&ctx, transport);
    let (relay_out, sink) = connected::<Push, Pull>(&ctx, transport);
    let (relay_in, relay_out) = (
        AsyncSocket::new(relay_in).unwrap(),
        AsyncSocket::new(relay_out).unwrap(),
    );
    let producer = std::thread::spawn(move || {
        for i in 0..N {
            source.send(seq(i)).unwrap();
        }
        source
    });
    let consumer = std::thread::spawn(move || {
        let mut buf = [0u8; 8];
        for i in 0..N {
            let n = sink.recv_into(&mut buf).unwrap();
            assert_eq!(seq_of(&buf[..n]), i, "out of order or lost");
        }
    });
    let relay = async {
        let mut msg = zmq::Message::new();
        for i in 0..N {
            relay_in.recv_msg(&mut msg).await.unwrap();
            assert_eq!(seq_of(&msg), i);
            relay_out.send(std::mem::take(&mut msg)).await.unwrap();
        }
    };
    timeout(BOUND, relay).await.expect("relay hung");
    let source = producer.join().unwrap();
    consumer.join().unwrap();
    drop(source);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn burst_of_100k_from_blocking_to_async_and_back_tcp() {
    burst(Transport::Tcp).await;
}

#[tokio::test(flavor = "current_thread")]
async fn burst_of_100k_from_blocking_to_async_and_back_inproc() {
    burst(Transport::Inproc).await;
}

/// Counts the polls of the future it wraps.
struct Counted<F> {
    inner: Pin<Box<F>>,
    polls: Arc<AtomicUsize>,
}

impl<F: Future> Future for Counted<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<F::Output> {
        self.polls.fetch_add(1, Ordering::Relaxed);
        self.inner.as_mut().poll(cx)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hwm_backpressure_suspends_the_sender_without_spinning() {
    const N: usize = 300;
    const HWM: i32 = 10;
    let ctx = Context::new();
    let pull = ctx.socket::<Pull>().unwrap();
    let push = ctx.socket::<Push>().unwrap();
    bound(&pull);
    bound(&push);
    pull.set_rcvhwm(HWM).unwrap();
    push.set_sndhwm(HWM).unwrap();
    let endpoint = common::inproc("hwm");
    pull.bind(&endpoint).unwrap();
    push.connect(&endpoint).unwrap();
    let (pull, push) = (
        AsyncSocket::new(pull).unwrap(),
        AsyncSocket::new(push).unwrap(),
    );

    let sent = Arc::new(AtomicUsize::new(0));
    let polls = Arc::new(AtomicUsize::new(0));
    let sender = tokio::spawn(Counted {
        inner: Box::pin({
            let sent = sent.clone();
            async move {
                for i in 0..N as u32 {
                    push.send(seq(i)).await.unwrap();
                    sent.fetch_add(1, Ordering::SeqCst);
                }
                push
            }
        }),
        polls: polls.clone(),
    });
    let receive = async {
        let mut max_ahead = 0;
        for i in 0..N as u32 {
            // A slow receiver: the sender fills the pipe and must wait.
            tokio::time::sleep(Duration::from_millis(1)).await;
            assert_eq!(seq_of(&pull.recv().await.unwrap()), i);
            let ahead = sent.load(Ordering::SeqCst) - (i as usize + 1);
            max_ahead = max_ahead.max(ahead);
        }
        max_ahead
    };
    let max_ahead = timeout(BOUND, receive).await.expect("receiver hung");
    let _push = timeout(BOUND, sender).await.expect("sender hung").unwrap();
    // The sender never got further ahead than the two high-water marks of
    // the inproc pipe allow (plus the message in flight)...
    assert!(
        max_ahead <= 2 * HWM as usize + 1,
        "sender ran {max_ahead} ahead"
    );
    // ...and it did hit them: it was suspended, not spinning. Each wait
    // costs one poll that returns Pending and one after the wake-up; a
    // spinning sender would be polled thousands of times per message.
    let polls = polls.load(Ordering::Relaxed);
    eprintln!("sender polls {polls}, max ahead {max_ahead}");
    assert!(max_ahead >= HWM as usize, "the test never reached the HWM");
    assert!(polls <= N, "sender polled {polls} times for {N} messages");
}

/// `yield_now` `n` times: a deadline measured in scheduler turns, so that
/// futures are cancelled at every stage of their life.
async fn turns(n: u32) {
    for _ in 0..n {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancellation_storm_loses_and_duplicates_nothing() {
    const N: u32 = 10_000;
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Tcp);
    a.set_sndhwm(5).unwrap();
    b.set_rcvhwm(5).unwrap();
    let (a, b) = (AsyncSocket::new(a).unwrap(), AsyncSocket::new(b).unwrap());
    let cancelled_sends = Arc::new(AtomicUsize::new(0));
    // 8 KiB middles: the 80 MB do not fit in the kernel's buffers, so the
    // sender meets the HWM (and gets cancelled there) however fast the
    // receiver is.
    const MIDDLE: [u8; 8192] = [b'm'; 8192];
    let sender = tokio::spawn({
        let cancelled = cancelled_sends.clone();
        async move {
            let mut i = 0u32;
            let mut round = 0u32;
            while i < N {
                round += 1;
                let parts = [seq(i), MIDDLE.to_vec(), seq(i)];
                tokio::select! {
                    biased;
                    r = a.send_multipart(parts) => { r.unwrap(); i += 1; }
                    _ = turns(round % 3) => { cancelled.fetch_add(1, Ordering::Relaxed); }
                }
            }
            a
        }
    });
    let receive = async {
        let mut expected = 0u32;
        let mut cancelled = 0usize;
        let mut round = 0u32;
        while expected < N {
            round += 1;
            tokio::select! {
                biased;
                m = b.recv_multipart() => {
                    let parts: Multipart = m.unwrap();
                    assert_eq!(parts.len(), 3, "a multipart arrived in pieces");
                    assert_eq!(seq_of(&parts[0]), expected, "lost or duplicated");
                    assert_eq!(parts[1], MIDDLE[..]);
                    assert_eq!(seq_of(&parts[2]), expected);
                    expected += 1;
                }
                _ = turns(round % 4) => cancelled += 1,
                _ = tokio::time::sleep(Duration::from_micros(100)) => cancelled += 1,
            }
        }
        // Nothing more than the N messages arrives.
        assert!(
            timeout(Duration::from_millis(100), b.recv_multipart())
                .await
                .is_err()
        );
        cancelled
    };
    let cancelled_recvs = timeout(BOUND, receive).await.expect("receiver hung");
    let _a = timeout(BOUND, sender).await.expect("sender hung").unwrap();
    // The storm did cancel futures on both sides.
    assert!(cancelled_recvs > 0);
    assert!(cancelled_sends.load(Ordering::Relaxed) > 0);
}

#[test]
fn two_hundred_sockets_on_two_workers() {
    const PAIRS: usize = 100;
    const ROUNDS: u32 = 50;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let ctx = Context::new();
        let mut tasks = Vec::new();
        for p in 0..PAIRS {
            let transport = if p % 2 == 0 {
                Transport::Tcp
            } else {
                Transport::Inproc
            };
            let (a, b) = async_pair::<Pair, Pair>(&ctx, transport);
            // Each pair plays ping-pong in two tasks of its own.
            tasks.push(tokio::spawn(async move {
                for i in 0..ROUNDS {
                    a.send(seq(i)).await.unwrap();
                    assert_eq!(seq_of(&a.recv().await.unwrap()), i + 1);
                }
            }));
            tasks.push(tokio::spawn(async move {
                for i in 0..ROUNDS {
                    assert_eq!(seq_of(&b.recv().await.unwrap()), i);
                    b.send(seq(i + 1)).await.unwrap();
                }
            }));
        }
        let all = async {
            for t in tasks {
                t.await.unwrap();
            }
        };
        timeout(BOUND, all).await.expect("200 sockets hung");
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_resolves_every_pending_future_with_context_terminated() {
    let ctx = Context::new();
    // Receivers with nothing to receive, a sender with no peer, a stream.
    let pull = Arc::new(AsyncSocket::new(ctx.socket::<Pull>().unwrap()).unwrap());
    pull.get_ref().bind("tcp://127.0.0.1:*").unwrap();
    let push = AsyncSocket::new(ctx.socket::<Push>().unwrap()).unwrap();
    push.get_ref().set_linger(Some(Duration::ZERO)).unwrap();
    let mut stream = AsyncSocket::new(ctx.socket::<Pull>().unwrap()).unwrap();
    let mut tasks = Vec::new();
    for _ in 0..3 {
        let pull = pull.clone();
        tasks.push(tokio::spawn(async move { pull.recv().await.map(drop) }));
    }
    tasks.push(tokio::spawn(async move { push.send("never").await }));
    tasks.push(tokio::spawn(async move {
        let first = stream.next().await.expect("an item before the end");
        // The stream ends after yielding the error.
        assert!(stream.next().await.is_none());
        first.map(drop)
    }));
    // Let every task reach its wait.
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    ctx.shutdown().unwrap();
    for t in tasks {
        let r = timeout(BOUND, t)
            .await
            .expect("a pending future hung")
            .unwrap();
        assert_eq!(r, Err(Error::ContextTerminated));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_sockets_with_pending_futures_does_not_hang() {
    let ctx = Context::new();
    let (a, b) = async_pair::<Pair, Pair>(&ctx, Transport::Tcp);
    let (a, b) = (Arc::new(a), Arc::new(b));
    let mut tasks = Vec::new();
    for s in [&a, &b] {
        let s = s.clone();
        tasks.push(tokio::spawn(async move { s.recv().await }));
    }
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    drop((a, b));
    for t in &tasks {
        t.abort();
    }
    for t in tasks {
        let r = timeout(BOUND, t).await.expect("abort hung");
        assert!(r.unwrap_err().is_cancelled());
    }
    // The sockets closed with the aborted tasks: the context can end.
    let term = tokio::task::spawn_blocking(move || drop(ctx));
    timeout(BOUND, term)
        .await
        .expect("context term hung")
        .unwrap();
}

/// One task receives a long burst on a socket while another waits to send
/// on it (high-water mark reached). The receives process libzmq's commands
/// now and then, consuming the descriptor's edges — including the
/// "writable again" that the sender waits for; the receiver must pass that
/// on, or the sender sleeps forever.
async fn receiver_passes_on_consumed_edges() {
    const IN: u32 = 20_000;
    const OUT: u32 = 2_000;
    let ctx = Context::new();
    let (x, y) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    x.set_sndhwm(10).unwrap();
    y.set_rcvhwm(10).unwrap();
    x.set_rcvhwm(0).unwrap();
    y.set_sndhwm(0).unwrap();
    // The burst waits in x's inbound pipe before anything starts.
    for i in 0..IN {
        y.send(seq(i)).unwrap();
    }
    let x = Arc::new(AsyncSocket::new(x).unwrap());
    let peer = std::thread::spawn(move || {
        for i in 0..OUT {
            assert_eq!(seq_of(&y.recv().unwrap()), i);
        }
        y
    });
    let sender = tokio::spawn({
        let x = x.clone();
        async move {
            for i in 0..OUT {
                x.send(seq(i)).await.unwrap();
            }
        }
    });
    let receiver = async {
        for i in 0..IN {
            assert_eq!(seq_of(&x.recv().await.unwrap()), i);
        }
    };
    timeout(BOUND, receiver).await.expect("receiver hung");
    timeout(BOUND, sender)
        .await
        .expect("the waiting sender was never woken")
        .unwrap();
    drop(peer.join().unwrap());
}

#[tokio::test(flavor = "current_thread")]
async fn receiver_passes_on_consumed_edges_current_thread() {
    for _ in 0..5 {
        receiver_passes_on_consumed_edges().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receiver_passes_on_consumed_edges_multi_thread() {
    for _ in 0..5 {
        receiver_passes_on_consumed_edges().await;
    }
}
