//! Multithreaded relay: three steps in three threads, each signalling the
//! next over an inproc PAIR socket.
use std::thread;

fn step1(context: &zmq::Context) -> zmq::Result<()> {
    // Connect to step2 and tell it we're ready
    let xmitter = context.socket::<zmq::Pair>()?;
    xmitter.connect("inproc://step2")?;
    println!("Step 1 ready, signaling step 2");
    xmitter.send("READY")
}

fn step2(context: &zmq::Context) -> zmq::Result<()> {
    // Bind the inproc socket before starting step1
    let receiver = context.socket::<zmq::Pair>()?;
    receiver.bind("inproc://step2")?;
    let ctx = context.clone();
    let step1 = thread::spawn(move || step1(&ctx));

    // Wait for the signal and pass it on
    receiver.recv()?;
    step1.join().expect("step 1 panicked")?;

    // Connect to step3 and tell it we're ready
    let xmitter = context.socket::<zmq::Pair>()?;
    xmitter.connect("inproc://step3")?;
    println!("Step 2 ready, signaling step 3");
    xmitter.send("READY")
}

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    // Bind the inproc socket before starting step2
    let receiver = context.socket::<zmq::Pair>()?;
    receiver.bind("inproc://step3")?;
    let ctx = context.clone();
    let step2 = thread::spawn(move || step2(&ctx));

    // Wait for the signal
    receiver.recv()?;
    step2.join().expect("step 2 panicked")?;

    println!("Test successful!");
    Ok(())
}
