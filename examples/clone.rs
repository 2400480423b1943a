//! The Clone class (`examples/clone/clone.rs`) from the command line:
//! connects to the Clone servers on tcp://localhost:5556 and 5566
//! (clonesrv6), waits until it has their state, then
//! `clone set KEY VALUE [TTL]`, `clone get KEY`, or `clone` alone to print
//! every key and value (`SUBTREE=/client/` restricts it to a subtree).
#[path = "clone/clone.rs"]
mod clone;
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvmsg.rs"]
mod kvmsg;
#[path = "zhelpers/mod.rs"]
mod zhelpers;
#[path = "zpipe/mod.rs"]
mod zpipe;

use std::time::{Duration, Instant};

fn main() -> zmq::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut clone = clone::Clone::new()?;
    if let Ok(subtree) = std::env::var("SUBTREE") {
        clone.set_subtree(subtree.as_bytes())?;
    }
    clone.connect("tcp://localhost", 5556)?;
    clone.connect("tcp://localhost", 5566)?;

    // Wait for a snapshot from one of the servers
    let deadline = Instant::now() + 2 * zhelpers::scaled(clone::SERVER_TTL);
    while !clone.dump()?.active {
        if Instant::now() > deadline {
            eprintln!("E: no Clone server answered");
            std::process::exit(1);
        }
        std::thread::sleep(Duration::from_millis(10));
    }

    match &args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["set", key, value, rest @ ..] if rest.len() <= 1 => {
            let ttl = match rest.first().map(|t| t.parse::<u32>()) {
                None => 0,
                Some(Ok(ttl)) => ttl,
                Some(Err(_)) => usage(),
            };
            clone.set(key.as_bytes(), value.as_bytes(), ttl)?;
            // Give the update time to leave before the process ends
            std::thread::sleep(Duration::from_millis(100));
        }
        ["get", key] => match clone.get(key.as_bytes())? {
            Some(value) => println!("{}", String::from_utf8_lossy(&value)),
            None => println!("(none)"),
        },
        [] => {
            let state = clone.dump()?;
            let mut entries = state.entries;
            entries.sort();
            for (key, value) in entries {
                println!(
                    "{}={}",
                    String::from_utf8_lossy(&key),
                    String::from_utf8_lossy(&value)
                );
            }
        }
        _ => usage(),
    }
    Ok(())
}

fn usage() -> ! {
    eprintln!("Usage: clone [set KEY VALUE [TTL] | get KEY]");
    std::process::exit(2)
}
