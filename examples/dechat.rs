//! Decentralized chat: `dechat ADDRESS [USER]` publishes each line typed
//! as "USER: line" on tcp://ADDRESS:9000, and a listener thread subscribes
//! to port 9000 on every address of ADDRESS's /24 network (X.Y.Z.1 to
//! X.Y.Z.254) and prints what it hears. ADDRESS is an IPv4 address of this
//! machine (the guide takes an interface name and looks its address up);
//! on loopback, try 127.0.0.1 and 127.0.0.2 in two terminals. Ends at the
//! end of input.
use std::io::BufRead;
use std::net::Ipv4Addr;

/// Listens to the chat of every node of `masked`.*.
fn listen(context: &zmq::Context, masked: &str) -> zmq::Result<()> {
    let listener = context.socket::<zmq::Sub>()?;
    for last in 1..255 {
        listener.connect(&format!("tcp://{masked}.{last}:9000"))?;
    }
    listener.subscribe("")?;
    loop {
        println!("{}", listener.recv_string()?);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let Some(address) = args.next().and_then(|a| a.parse::<Ipv4Addr>().ok()) else {
        eprintln!("Usage: dechat ADDRESS [USER]   (ADDRESS: an IPv4 address of this machine)");
        std::process::exit(2);
    };
    let user = args
        .next()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "anonymous".to_string());
    let [a, b, c, _] = address.octets();
    let masked = format!("{a}.{b}.{c}");

    let context = zmq::Context::new();
    let listen_context = context.clone();
    let listen_masked = masked.clone();
    let listener = std::thread::spawn(move || listen(&listen_context, &listen_masked));

    let bcast = context.socket::<zmq::Pub>()?;
    bcast.bind(&format!("tcp://{address}:9000"))?;
    println!("starting chat on {address}:9000 ({masked}.*)");
    for line in std::io::stdin().lock().lines() {
        bcast.send(format!("{user}: {}", line?).as_str())?;
    }
    bcast.set_linger(Some(std::time::Duration::ZERO))?;
    drop(bcast);
    context.shutdown()?;
    match listener.join().expect("listener panicked") {
        Ok(()) | Err(zmq::Error::ContextTerminated) => Ok(()),
        Err(e) => Err(e.into()),
    }
}
