//! Clone server, model four: model three with subtrees. Collects updates
//! from clients on a PULL socket (tcp://*:5558), numbers them and
//! republishes them on tcp://*:5557, and answers snapshot requests for a
//! subtree ("ICANHAZ?", subtree) on tcp://*:5556 with the keys of that
//! subtree. Runs forever or until it has handled `ZGUIDE_ITERS` messages.
//! Models three and four share their server,
//! `examples/clone/simple_server.rs`.
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvsimple.rs"]
mod kvsimple;
#[path = "clone/simple_server.rs"]
mod simple_server;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

fn main() -> zmq::Result<()> {
    simple_server::run(true)
}
