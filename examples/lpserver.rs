//! Lazy Pirate server: a REP on tcp://*:5555 that echoes each request
//! after a second of "work", like hwserver, except that after a few cycles
//! it sometimes runs slowly (CPU overload) or exits (a crash).
//!
//! `ZGUIDE_SEED=N` makes the crashes and overloads repeat; `ZGUIDE_ITERS=N`
//! ends it after N requests.
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use std::thread;
use std::time::Duration;

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let server = context.socket::<zmq::Rep>()?;
    server.bind("tcp://*:5555")?;

    for cycles in zhelpers::forever() {
        let request = server.recv()?;

        // Simulate various problems, after a few cycles
        if cycles > 3 && zhelpers::randrange(0, 4) == 0 {
            println!("INFO: Simulating a crash");
            break;
        } else if cycles > 3 && zhelpers::randrange(0, 4) == 0 {
            println!("INFO: Simulating CPU overload");
            thread::sleep(zhelpers::scaled(Duration::from_secs(2)));
        }
        println!("INFO: Normal request ({request})");
        thread::sleep(zhelpers::scaled(Duration::from_secs(1))); // Do some heavy work
        server.send(request)?;
    }
    Ok(())
}
