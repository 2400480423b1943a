//! Clone client, model six: the Clone class (`examples/clone/clone.rs`)
//! against a Binary Star pair of servers (clonesrv6 on tcp://localhost:5556
//! and 5566): sets a random value with a random TTL (0-30 s) in the
//! subtree "/client/" every second. `ZGUIDE_ITERS=N`: sets N values, waits
//! until its agent has been quiet on an active server for a while, then
//! prints its final state (`S: key=value` lines).
#[path = "clone/bounded.rs"]
mod bounded;
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

use std::time::Duration;

const SUBTREE: &str = "/client/";

/// How many intervals a bounded client waits without news (longer than
/// the agent's failover timeout, so that a failover shows first).
const QUIET_INTERVALS: u32 = 8;

fn main() -> zmq::Result<()> {
    // Create and connect clone
    let mut clone = clone::Clone::new()?;
    clone.set_subtree(SUBTREE.as_bytes())?;
    clone.connect("tcp://localhost", 5556)?;
    clone.connect("tcp://localhost", 5566)?;

    let interval = zhelpers::scaled(Duration::from_secs(1));
    // Updates sent before the connections are up would be lost (PUB drops
    // them): wait for the first snapshot, as a sign that they are
    while !clone.dump()?.active {
        std::thread::sleep(Duration::from_millis(10));
    }
    for _ in zhelpers::forever() {
        // Distribute as key-value message
        let key = format!("{SUBTREE}{}", zhelpers::randrange(1, 10_001));
        let value = zhelpers::randrange(1, 1_000_001).to_string();
        let ttl = zhelpers::randrange(0, 31) as u32;
        clone.set(key.as_bytes(), value.as_bytes(), ttl)?;
        std::thread::sleep(interval);
    }

    // Bounded mode: wait for the state to settle, then print it
    let mut last = (false, -1);
    let mut quiet = 0;
    let state = loop {
        let state = clone.dump()?;
        if (state.active, state.sequence) == last && state.active {
            quiet += 1;
        } else {
            quiet = 0;
            last = (state.active, state.sequence);
        }
        if quiet >= QUIET_INTERVALS {
            break state;
        }
        std::thread::sleep(interval);
    };
    println!(" Interrupted\n{} messages in", state.sequence);
    bounded::print_state(
        state
            .entries
            .iter()
            .map(|(k, v)| (k.as_slice(), v.as_slice())),
    );
    Ok(())
}
