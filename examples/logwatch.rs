//! Log watcher: prints the log messages published by `zmq::log::PubLayer`
//! (feature `tracing`) or by pyzmq's `PUBHandler`, like `python -m zmq.log`.
//!
//! Usage: logwatch URL [TOPIC] [COUNT]
//!
//! Subscribes to TOPIC (default: everything; a publisher with a root topic
//! sends `<root>.<LEVEL>...`) and prints `topic | message` for each one,
//! COUNT times (default: forever).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let url = args.next().ok_or("usage: logwatch URL [TOPIC] [COUNT]")?;
    let topic = args.next().unwrap_or_default();
    let count: Option<u64> = args.next().map(|n| n.parse()).transpose()?;

    let context = zmq::Context::new();
    let subscriber = context.socket::<zmq::Sub>()?;
    subscriber.connect(&url)?;
    subscriber.subscribe(&topic)?;

    let mut seen = 0;
    while count.is_none_or(|n| seen < n) {
        let parts = subscriber.recv_multipart()?;
        let (Some(topic), Some(text)) = (parts.get(0), parts.get(1)) else {
            continue; // not a log message
        };
        println!("{topic} | {}", text.to_string().trim_end());
        seen += 1;
    }
    Ok(())
}
