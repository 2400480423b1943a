//! kvsimple self-test: the key-value message class of Clone models one to
//! four (`examples/clone/kvsimple.rs`) sends, receives and stores a message
//! (`-v` dumps it).
#[path = "clone/kv.rs"]
mod kv;
#[path = "clone/kvsimple.rs"]
mod kvsimple;

fn main() -> zmq::Result<()> {
    kvsimple::self_test(std::env::args().any(|a| a == "-v"))
}
