//! An async weather subscriber on tokio that gives up when the updates
//! stop: each receive is bounded with `tokio::time::timeout`.
//! Run it with `cargo run --example async_subscriber --features tokio`
//! beside `wuserver` (or alone, to see the timeout).
//!
//! Arguments: zipcode filter (default 10001), number of updates (default
//! 20), endpoint (default tcp://localhost:5556), timeout in milliseconds
//! (default 1000).
use std::time::Duration;
use zmq::tokio::AsyncSocket;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let zip_filter = args.next().unwrap_or_else(|| "10001".into());
    let updates: usize = args.next().map_or(Ok(20), |v| v.parse())?;
    let endpoint = args.next().unwrap_or_else(|| "tcp://localhost:5556".into());
    let patience = Duration::from_millis(args.next().map_or(Ok(1000), |v| v.parse())?);

    let context = zmq::Context::new();
    let subscriber = AsyncSocket::new(context.socket::<zmq::Sub>()?)?;
    subscriber.get_ref().connect(&endpoint)?;
    subscriber.get_ref().subscribe(&zip_filter)?;
    println!("Collecting {updates} updates for zipcode '{zip_filter}' from {endpoint}...");

    let mut temperatures = Vec::new();
    while temperatures.len() < updates {
        match tokio::time::timeout(patience, subscriber.recv_string()).await {
            Ok(update) => {
                let update = update?;
                let temperature: i64 = update
                    .split_whitespace()
                    .nth(1)
                    .ok_or("bad update")?
                    .parse()?;
                temperatures.push(temperature);
            }
            // The receive was cancelled: nothing was lost, and the socket
            // is as good as before.
            Err(_) => {
                println!(
                    "No update for {} ms: giving up after {} updates",
                    patience.as_millis(),
                    temperatures.len()
                );
                break;
            }
        }
    }
    if !temperatures.is_empty() {
        let average = temperatures.iter().sum::<i64>() / temperatures.len() as i64;
        println!(
            "Average temperature for zipcode '{zip_filter}' was {average}F over {} updates",
            temperatures.len()
        );
    }
    Ok(())
}
