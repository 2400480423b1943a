//! cppzmq's `examples/pubsub_multithread_inproc.cpp` in Rust: one publisher
//! thread sends three envelopes ("A", "B", "C") per round over inproc; one
//! subscriber thread opens "A" and "B", another every envelope.
//!
//! Differences from the C++ sample, which loops forever and sleeps so that
//! subscribers are (probably) connected: this one runs `ROUNDS` rounds
//! (first argument, default 3), and its publisher is an XPUB that waits for
//! the three subscriptions ("A", "B", "") before publishing, so no message
//! is lost and each subscriber knows how many it will get. The context has
//! no I/O threads, as in the original: inproc needs none.

use std::thread;
use std::time::Duration;
use zmq::{Context, Sub, XPub};

const ENDPOINT: &str = "inproc://#1";

fn publisher(publisher: zmq::Socket<XPub>, rounds: usize) -> zmq::Result<()> {
    // Wait for the three subscriptions: "\x01A", "\x01B" and "\x01".
    for _ in 0..3 {
        publisher.recv()?;
    }
    for _ in 0..rounds {
        // Write three messages, each with an envelope and content.
        for envelope in ["A", "B", "C"] {
            publisher.send_more(envelope)?;
            publisher.send(format!("Message in {envelope} envelope"))?;
        }
        thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

fn subscriber(ctx: &Context, name: &str, prefixes: &[&str], messages: usize) -> zmq::Result<()> {
    let subscriber = ctx.socket::<Sub>()?;
    subscriber.set_rcvtimeo(Some(Duration::from_secs(10)))?;
    subscriber.connect(ENDPOINT)?;
    for prefix in prefixes {
        subscriber.subscribe(prefix)?;
    }
    for _ in 0..messages {
        // Receive all parts of the message.
        let recv_msgs = subscriber.recv_multipart()?;
        assert_eq!(recv_msgs.len(), 2, "envelope and content");
        println!(
            "{name}: [{}] {}",
            String::from_utf8_lossy(&recv_msgs[0]),
            String::from_utf8_lossy(&recv_msgs[1])
        );
    }
    Ok(())
}

fn main() -> zmq::Result<()> {
    let rounds: usize = match std::env::args().nth(1) {
        Some(arg) => arg.parse().map_err(|_| zmq::Error::InvalidArgument)?,
        None => 3,
    };
    // No I/O threads: inproc does not use them.
    let ctx = Context::with_io_threads(0)?;

    // Bind before the subscribers connect (inproc wants the bind first in
    // older libzmq; here it also lets the publisher see every subscription).
    let xpub = ctx.socket::<XPub>()?;
    xpub.set_rcvtimeo(Some(Duration::from_secs(10)))?;
    xpub.bind(ENDPOINT)?;

    thread::scope(|s| {
        let publishing = s.spawn(move || publisher(xpub, rounds));
        // Thread2 opens "A" and "B" envelopes, Thread3 all of them.
        let sub1 = s.spawn(|| subscriber(&ctx, "Thread2", &["A", "B"], rounds * 2));
        let sub2 = s.spawn(|| subscriber(&ctx, "Thread3", &[""], rounds * 3));
        for handle in [publishing, sub1, sub2] {
            handle.join().expect("thread panicked")?;
        }
        Ok(())
    })
}
