//! The async fast paths: `send` from the future's own slot, `send_uninit`,
//! a send that waits without reading `ZMQ_EVENTS` first, and tokio's
//! cooperative budget spent one unit per several operations. Every test is
//! bounded by `tokio::time::timeout`.
#![cfg(all(feature = "tokio", unix))]

mod common;

use common::{Transport, async_pair};
use futures_util::StreamExt;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::time::timeout;
use zmq::tokio::AsyncSocket;
use zmq::{Context, Message, Pull, Push, UninitMessage};

/// Upper bound for every async test step.
const BOUND: Duration = Duration::from_secs(30);

fn seq(i: u32) -> [u8; 4] {
    i.to_le_bytes()
}

fn seq_of(frame: &[u8]) -> u32 {
    u32::from_le_bytes(frame.try_into().expect("4-byte sequence number"))
}

/// A PUSH/PULL pair over `transport` with the given high-water marks
/// (set before connecting: they apply to the pipes made then), async.
fn hwm_pair(
    ctx: &Context,
    transport: Transport,
    hwm: i32,
) -> (AsyncSocket<Pull>, AsyncSocket<Push>) {
    let pull = common::socket::<Pull>(ctx);
    let push = common::socket::<Push>(ctx);
    pull.set_rcvhwm(hwm).unwrap();
    push.set_sndhwm(hwm).unwrap();
    let endpoint = common::bind_any(&pull, transport);
    push.connect(&endpoint).unwrap();
    (
        AsyncSocket::new(pull).unwrap(),
        AsyncSocket::new(push).unwrap(),
    )
}

/// A message of `i`'s four bytes, every byte written through `Write`.
fn uninit_seq(i: u32) -> UninitMessage {
    let mut m = UninitMessage::new(4);
    m.write_all(&seq(i)).unwrap();
    m
}

/// How many receives of a socket that always has a message the receiving
/// task makes before another task of its thread gets to run. tokio's
/// budget is 128 units per scheduling, and the socket spends one per four
/// operations: the other task runs after at most 512 receives.
async fn receives_before_other_task_runs(stream: bool) -> u32 {
    const N: u32 = 5_000;
    let ctx = Context::new();
    let (pull, push) = hwm_pair(&ctx, Transport::Inproc, 0);
    // Everything is queued in the inproc pipe before the receiver starts.
    for i in 0..N {
        push.send(seq(i).as_slice()).await.unwrap();
    }
    let ran = Arc::new(AtomicBool::new(false));
    let other = tokio::spawn({
        let ran = ran.clone();
        async move { ran.store(true, Ordering::SeqCst) }
    });
    let mut pull = pull;
    let mut first_seen = None;
    let mut msg = Message::new();
    for i in 0..N {
        if stream {
            let parts = pull.next().await.unwrap().unwrap();
            assert_eq!(seq_of(&parts[0]), i, "out of order or lost");
        } else {
            pull.recv_msg(&mut msg).await.unwrap();
            assert_eq!(seq_of(&msg), i, "out of order or lost");
        }
        if first_seen.is_none() && ran.load(Ordering::SeqCst) {
            first_seen = Some(i);
        }
    }
    other.await.unwrap();
    first_seen.expect("the other task never ran while the socket was busy")
}

#[tokio::test(flavor = "current_thread")]
async fn a_busy_socket_yields_to_the_other_tasks_of_its_thread() {
    let n = timeout(BOUND, receives_before_other_task_runs(false))
        .await
        .expect("receiver hung");
    assert!(n <= 512, "the other task waited for {n} receives");
}

#[tokio::test(flavor = "current_thread")]
async fn a_busy_stream_yields_to_the_other_tasks_of_its_thread() {
    let n = timeout(BOUND, receives_before_other_task_runs(true))
        .await
        .expect("receiver hung");
    assert!(n <= 512, "the other task waited for {n} receives");
}

/// `send_uninit` of fully written messages: they arrive whole and in
/// order, through a high-water mark that makes the sender wait.
async fn send_uninit_through_hwm(transport: Transport) {
    const N: u32 = 2_000;
    let ctx = Context::new();
    let (pull, push) = async_pair::<Pull, Push>(&ctx, transport);
    let sender = async {
        for i in 0..N {
            // SAFETY: every byte was written (uninit_seq), so the receiver
            // in this process reads initialised bytes only.
            unsafe { push.send_uninit(uninit_seq(i)) }.await.unwrap();
        }
    };
    let receiver = async {
        let mut msg = Message::new();
        for i in 0..N {
            pull.recv_msg(&mut msg).await.unwrap();
            assert_eq!(seq_of(&msg), i, "out of order or lost");
        }
    };
    timeout(BOUND, async { tokio::join!(sender, receiver) })
        .await
        .expect("hung");
}

#[tokio::test(flavor = "current_thread")]
async fn send_uninit_delivers_whole_messages_in_order_inproc() {
    send_uninit_through_hwm(Transport::Inproc).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_uninit_delivers_whole_messages_in_order_tcp() {
    send_uninit_through_hwm(Transport::Tcp).await;
}

/// A send that has to wait keeps its message in place; dropping it then
/// sends nothing, and the sends after it go through in order — for `send`
/// and for `send_uninit`.
async fn cancelled_send_at_hwm_sends_nothing(uninit: bool) {
    const HWM: i32 = 2;
    let ctx = Context::new();
    let (pull, push) = hwm_pair(&ctx, Transport::Inproc, HWM);
    let send = |i: u32| {
        let push = &push;
        async move {
            if uninit {
                // SAFETY: every byte was written.
                unsafe { push.send_uninit(uninit_seq(i)) }.await
            } else {
                push.send(Message::from(seq(i).as_slice())).await
            }
        }
    };
    // Fill the pipe (both high-water marks) until a send has to wait.
    // A send still waiting after 50 ms is dropped: message `sent` must
    // then never arrive.
    let mut sent = 0;
    while let Ok(done) = timeout(Duration::from_millis(50), send(sent)).await {
        done.unwrap();
        sent += 1;
        assert!(sent <= 100, "the high-water mark never stopped the sender");
    }
    assert!(sent >= HWM as u32, "stopped after {sent} sends");
    // Drain what was sent, then send two more after the cancelled one.
    let mut msg = Message::new();
    for i in 0..sent {
        timeout(BOUND, pull.recv_msg(&mut msg))
            .await
            .expect("receiver hung")
            .unwrap();
        assert_eq!(seq_of(&msg), i);
    }
    for i in [sent + 1, sent + 2] {
        timeout(BOUND, send(i)).await.expect("sender hung").unwrap();
    }
    for i in [sent + 1, sent + 2] {
        timeout(BOUND, pull.recv_msg(&mut msg))
            .await
            .expect("receiver hung")
            .unwrap();
        assert_eq!(seq_of(&msg), i, "the cancelled send delivered something");
    }
    // And nothing else is queued.
    assert!(pull.get_ref().try_recv().unwrap().is_none());
}

#[tokio::test(flavor = "current_thread")]
async fn cancelled_send_at_hwm_sends_nothing_and_keeps_order() {
    cancelled_send_at_hwm_sends_nothing(false).await;
}

#[tokio::test(flavor = "current_thread")]
async fn cancelled_send_uninit_at_hwm_sends_nothing_and_keeps_order() {
    cancelled_send_at_hwm_sends_nothing(true).await;
}

/// A sender alone on its socket waits for the edge before it reads
/// `ZMQ_EVENTS`: with a receiver on another thread and tiny high-water
/// marks, it waits thousands of times, and never misses a wake-up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lone_sender_waiting_on_every_message_misses_no_wakeup() {
    const N: u32 = 20_000;
    let ctx = Context::new();
    let (pull, push) = hwm_pair(&ctx, Transport::Tcp, 1);
    let receiver = tokio::spawn(async move {
        let mut msg = Message::new();
        for i in 0..N {
            pull.recv_msg(&mut msg).await.unwrap();
            assert_eq!(seq_of(&msg), i, "out of order or lost");
        }
    });
    let sender = async {
        for i in 0..N {
            push.send(seq(i).as_slice()).await.unwrap();
        }
    };
    timeout(BOUND, sender).await.expect("sender hung");
    timeout(BOUND, receiver)
        .await
        .expect("receiver hung")
        .unwrap();
}
