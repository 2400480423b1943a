//! Clone client, model three: gets a snapshot ("ICANHAZ?") from
//! tcp://localhost:5556, applies the updates published on
//! tcp://localhost:5557, and pushes a random update (kvsimple) of its own
//! to tcp://localhost:5558 every second. Models three to five share their
//! client, `examples/clone/client.rs`. `ZGUIDE_ITERS=N`: sends N updates,
//! applies updates until all is quiet, then prints its final state.
#[path = "clone/bounded.rs"]
mod bounded;
#[path = "clone/client.rs"]
mod client;
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvsimple.rs"]
mod kvsimple;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

fn main() -> zmq::Result<()> {
    client::run::<kvsimple::KvMsg>(None, |_| {})
}
