//! Clone client, model five: model four with kvmsg, and a random TTL (0-30
//! seconds, scaled by `ZGUIDE_TIME_SCALE` on the server) on each update,
//! in the subtree "/client/". Gets a snapshot of it from
//! tcp://localhost:5556, applies the updates published on
//! tcp://localhost:5557, and pushes a random update (kvmsg) of its own
//! to tcp://localhost:5558 every second. Models three to five share their
//! client, `examples/clone/client.rs`. `ZGUIDE_ITERS=N`: sends N updates,
//! applies updates until all is quiet, then prints its final state.
#[path = "clone/bounded.rs"]
mod bounded;
#[path = "clone/client.rs"]
mod client;
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvmsg.rs"]
mod kvmsg;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

fn main() -> zmq::Result<()> {
    client::run::<kvmsg::KvMsg>(Some("/client/"), |kvmsg| {
        kvmsg.set("ttl", zhelpers::randrange(0, 31).to_string());
    })
}
