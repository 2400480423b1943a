//! UDP ping, model three: the discovery agent of `examples/udplib/interface.rs`
//! in a background thread; prints each peer that joins or leaves (a UUID
//! beacon on UDP port 9999, broadcast to `ZGUIDE_BROADCAST`, default
//! 127.255.255.255: loopback only). `ZGUIDE_ITERS=N`: stops after N events.
#[path = "udplib/interface.rs"]
mod interface;
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvmsg.rs"]
mod kvmsg;
#[path = "udplib/mod.rs"]
mod udplib;
#[path = "zhelpers/mod.rs"]
mod zhelpers;
#[path = "zpipe/mod.rs"]
mod zpipe;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let interface = interface::Interface::new()?;
    for _ in zhelpers::forever() {
        println!("{}", interface::event_text(&interface.recv()?));
    }
    Ok(())
}
