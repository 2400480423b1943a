//! Espresso pattern: a pub-sub proxy (XSUB connected to tcp://localhost:6000,
//! XPUB bound on tcp://*:6001) that copies everything it passes, both ways,
//! to a listener thread over a PAIR pipe: updates prefixed "pub",
//! subscriptions prefixed "sub". A publisher thread sends random "X-NNNNN"
//! messages (A to K) every 100 ms on tcp://*:6000; a subscriber thread
//! takes five messages starting with A or B, and then the program ends
//! (the guide's runs until interrupted). `ZGUIDE_ITERS=N` stops the proxy
//! after N messages; `--no-publisher` leaves the publisher out, for one
//! running elsewhere on port 6000.
#[path = "zhelpers/mod.rs"]
mod zhelpers;
#[path = "zpipe/mod.rs"]
mod zpipe;

use std::time::Duration;
use zmq::{PollEvents, PollSet};

fn main() -> zmq::Result<()> {
    let own_publisher = !std::env::args().any(|a| a == "--no-publisher");
    // Start child threads
    let context = zmq::Context::new();
    let mut threads = Vec::new();
    if own_publisher {
        let context = context.clone();
        threads.push(std::thread::spawn(move || publisher_thread(&context)));
    }
    let [done, subscriber_done] = zpipe::zpipe(&context)?;
    let subscriber_context = context.clone();
    threads.push(std::thread::spawn(move || {
        subscriber_thread(&subscriber_context)?;
        subscriber_done.send("done")
    }));

    let [pipe, peer] = zpipe::zpipe(&context)?;

    let subscriber = context.socket::<zmq::XSub>()?;
    subscriber.connect("tcp://localhost:6000")?;
    let publisher = context.socket::<zmq::XPub>()?;
    publisher.bind("tcp://*:6001")?;
    threads.push(std::thread::spawn(move || listener_thread(&peer)));

    monitored_queue(&subscriber, &publisher, &pipe, b"pub", b"sub", &done)?;

    // Stop the threads: their blocking calls end with ContextTerminated
    drop((subscriber, publisher, pipe, done));
    context.shutdown()?;
    for thread in threads {
        match thread.join().expect("thread panicked") {
            Ok(()) | Err(zmq::Error::ContextTerminated) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The subscriber asks for messages starting with A and B, and counts five.
fn subscriber_thread(context: &zmq::Context) -> zmq::Result<()> {
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.connect("tcp://localhost:6001")?;
    subscriber.subscribe("A")?;
    subscriber.subscribe("B")?;
    let mut count = 0;
    while count < 5 {
        match subscriber.recv_multipart() {
            Ok(_) => count += 1,
            Err(zmq::Error::ContextTerminated) => break, // Interrupted
            Err(e) => return Err(e),
        }
    }
    println!("Subscriber received {count} messages");
    Ok(())
}

/// The publisher sends random messages starting with A to K.
fn publisher_thread(context: &zmq::Context) -> zmq::Result<()> {
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.bind("tcp://*:6000")?;
    loop {
        let letter = char::from(b'A' + zhelpers::randrange(0, 11) as u8);
        let string = format!("{letter}-{:05}", zhelpers::randrange(0, 100_001));
        publisher.send(string.as_str())?;
        std::thread::sleep(zhelpers::scaled(Duration::from_millis(100)));
    }
}

/// The listener prints everything that comes through the proxy, as a list
/// of byte strings in the style of Python.
fn listener_thread(pipe: &zmq::Socket<zmq::Pair>) -> zmq::Result<()> {
    loop {
        let frames = pipe.recv_multipart()?;
        let list: Vec<String> = frames.iter().map(|f| python_bytes(f)).collect();
        println!("[{}]", list.join(", "));
    }
}

/// `b'...'`, as Python prints a byte string.
fn python_bytes(bytes: &[u8]) -> String {
    let mut text = String::from("b'");
    for &b in bytes {
        match b {
            b'\\' => text.push_str("\\\\"),
            b'\'' => text.push_str("\\'"),
            b'\n' => text.push_str("\\n"),
            0x20..=0x7e => text.push(char::from(b)),
            _ => text.push_str(&format!("\\x{b:02x}")),
        }
    }
    text.push('\'');
    text
}

/// pyzmq's `monitored_queue`: a proxy between `input` and `output` that
/// also sends each message to `monitor`, prefixed with the side it came
/// from. Until a message on `stop`, or `ZGUIDE_ITERS` messages.
fn monitored_queue(
    input: &zmq::Socket<zmq::XSub>,
    output: &zmq::Socket<zmq::XPub>,
    monitor: &zmq::Socket<zmq::Pair>,
    in_prefix: &[u8],
    out_prefix: &[u8],
    stop: &zmq::Socket<zmq::Pair>,
) -> zmq::Result<()> {
    let mut items = PollSet::new();
    let stopped = items.add(stop, PollEvents::IN);
    let from_input = items.add(input, PollEvents::IN);
    let from_output = items.add(output, PollEvents::IN);
    let mut forwarded = zhelpers::forever();
    while !forwarded.is_empty() {
        items.poll(None)?;
        if items.is_readable(stopped) {
            break;
        }
        if items.is_readable(from_input) {
            let mut message = input.recv_multipart()?;
            output.send_multipart(message.clone())?;
            message.push_front(in_prefix);
            monitor.send_multipart(message)?;
            forwarded.next();
        }
        if items.is_readable(from_output) {
            let mut message = output.recv_multipart()?;
            input.send_multipart(message.clone())?;
            message.push_front(out_prefix);
            monitor.send_multipart(message)?;
            forwarded.next();
        }
    }
    Ok(())
}
