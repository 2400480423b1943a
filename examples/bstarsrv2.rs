//! Binary Star server on the Binary Star reactor (`bstar/mod.rs`, the
//! guide's `bstar`): `bstarsrv2 -p` is the primary (clients on
//! tcp://*:5001, states on tcp://*:5003 and tcp://localhost:5004),
//! `bstarsrv2 -b` the backup (5002, 5004, 5003). The application is an
//! echo service; the reactor decides when it may answer. Under
//! `ZGUIDE_ITERS=N` it stops after answering N requests.
#[path = "bstar/mod.rs"]
mod bstar;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use bstar::BinaryStar;
use std::ops::ControlFlow;

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // Arguments can be either of:
    //     -p  primary server, at tcp://localhost:5001
    //     -b  backup server, at tcp://localhost:5002
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut star, voter) = match args.as_slice() {
        [arg] if arg == "-p" => (
            BinaryStar::new(true, "tcp://*:5003", "tcp://localhost:5004")?,
            "tcp://*:5001",
        ),
        [arg] if arg == "-b" => (
            BinaryStar::new(false, "tcp://*:5004", "tcp://localhost:5003")?,
            "tcp://*:5002",
        ),
        _ => {
            println!("Usage: bstarsrv2 {{ -p | -b }}");
            return Ok(());
        }
    };
    // Echo service
    let mut answered = 0;
    let limit = zhelpers::iterations().unwrap_or(u64::MAX);
    star.register_voter(voter, move |socket, msg| {
        socket.send_multipart(msg)?;
        answered += 1;
        Ok(if answered < limit {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        })
    })?;
    star.start()
}
