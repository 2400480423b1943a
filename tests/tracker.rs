//! Zero-copy send tracking: MessageTracker completion, buffer return.

mod common;

use common::{TIMEOUT, Transport, connected};
use std::sync::mpsc;
use zmq::{Context, Error, Message, Pair, Pull, Push, SendFlags};

#[test]
fn inproc_tracked_send_completes_when_the_receiver_drops_the_buffer() {
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    let payload: Vec<u8> = (0..=255u8).cycle().take(1 << 16).collect();
    let sent = payload.clone();
    let address = sent.as_ptr() as usize;
    let tracker = a.send_tracked(sent).unwrap();
    let received = b.recv().unwrap();
    assert_eq!(&received[..], &payload[..]);
    // Zero copy: the receiver reads the very buffer that was sent, so
    // libzmq has not released it yet.
    assert_eq!(received.as_ptr() as usize, address);
    assert!(!tracker.is_done());
    assert!(tracker.take_buffer().is_none());
    drop(received);
    assert!(tracker.is_done());
    let back = tracker.take_buffer().expect("the buffer comes back");
    assert_eq!(back.as_ptr() as usize, address);
    assert_eq!(back, payload);
    assert!(tracker.take_buffer().is_none(), "given back once");
}

#[test]
fn tcp_tracked_send_completes_once_written() {
    let ctx = Context::new();
    let (pull, push) = connected::<Pull, Push>(&ctx, Transport::Tcp);
    let (tx, rx) = mpsc::channel();
    let tracker = push.send_tracked(vec![1u8; 1 << 20]).unwrap();
    tracker.on_done(move || tx.send(()).unwrap());
    assert_eq!(pull.recv().unwrap().len(), 1 << 20);
    assert!(tracker.wait_timeout(TIMEOUT), "released after the write");
    rx.recv_timeout(TIMEOUT).expect("on_done ran");
    assert_eq!(tracker.take_buffer().unwrap().len(), 1 << 20);
    // A callback registered after completion runs at once.
    let (tx, rx) = mpsc::channel();
    tracker.on_done(move || tx.send(()).unwrap());
    rx.try_recv().expect("ran immediately");
    tracker.wait();
}

#[test]
fn a_failed_tracked_send_gives_the_buffer_back() {
    let ctx = Context::new();
    let push = ctx.socket::<Push>().unwrap(); // no peer: cannot send
    let err = push
        .send_tracked_with(b"kept".to_vec(), SendFlags::DONTWAIT)
        .unwrap_err();
    assert_eq!(err.error, Error::WouldBlock);
    assert_eq!(err.message, b"kept");
}

#[test]
fn clones_share_the_buffer_until_the_last_goes() {
    let (msg, tracker) = Message::tracked(vec![5u8; 10]);
    let copy = msg.clone();
    drop(msg);
    assert!(!tracker.is_done());
    assert!(!tracker.wait_timeout(std::time::Duration::ZERO));
    drop(copy);
    assert!(tracker.clone().is_done());
    assert_eq!(tracker.take_buffer().unwrap(), vec![5u8; 10]);
}
