//! Synchronized subscriber: subscribes to tcp://localhost:5561, checks in
//! with the publisher on tcp://localhost:5562, then counts updates until
//! "END".
use std::thread;
use std::time::Duration;

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();

    // First, connect our subscriber socket
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.connect("tcp://localhost:5561")?;
    subscriber.subscribe("")?;

    // 0MQ is so fast, we need to wait a while...
    thread::sleep(Duration::from_secs(1));

    // Second, synchronize with the publisher
    let syncclient = context.socket::<zmq::Req>()?;
    syncclient.connect("tcp://localhost:5562")?;

    // - send a synchronization request
    syncclient.send("")?;
    // - wait for the synchronization reply
    syncclient.recv()?;

    // Third, get our updates and report how many we got
    let mut update_nbr = 0;
    while subscriber.recv()? != "END" {
        update_nbr += 1;
    }
    println!("Received {update_nbr} updates");
    Ok(())
}
