//! kvmsg self-test: the key-value message class of Clone models five and
//! six (`examples/clone/kvmsg.rs`) sends, receives and stores messages with
//! properties (`-v` dumps them).
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvmsg.rs"]
mod kvmsg;

fn main() -> zmq::Result<()> {
    kvmsg::self_test(std::env::args().any(|a| a == "-v"))
}
