//! Weather update client: connects a SUB socket to tcp://localhost:5556,
//! collects weather updates and finds the average temperature in a zipcode
//! (the first argument, default 10001: New York City).
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let context = zmq::Context::new();

    // Socket to talk to the server
    println!("Collecting updates from weather server...");
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.connect("tcp://localhost:5556")?;

    // Subscribe to the zipcode
    let zip_filter = std::env::args().nth(1).unwrap_or_else(|| "10001".into());
    subscriber.subscribe(&zip_filter)?;

    // Process 100 updates
    let updates = 100;
    let mut total_temp = 0;
    for _ in 0..updates {
        let update = subscriber.recv_string()?;
        let temperature: i64 = update
            .split_whitespace()
            .nth(1)
            .ok_or("bad update")?
            .parse()?;
        total_temp += temperature;
    }
    println!(
        "Average temperature for zipcode '{zip_filter}' was {}F",
        total_temp / updates
    );
    Ok(())
}
