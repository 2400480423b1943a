//! Port of libzmq's `perf/inproc_lat`: REQ in the main thread, REP in a
//! worker thread, `roundtrip-count` round trips of `message-size` bytes over
//! `inproc://`; prints half the mean round-trip time.
//!
//! ```text
//! cargo run --release --example inproc_lat -- 1 1000000
//! ```

#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::{Message, Rep, Req};

fn main() {
    let (size, roundtrips) = common::inproc_args("inproc_lat <message-size> <roundtrip-count>");
    let ctx = common::context();
    let req = common::bound::<Req>(&ctx, "inproc://lat_test");

    let worker_ctx = ctx.clone();
    let worker = std::thread::spawn(move || {
        let rep = common::connected::<Rep>(&worker_ctx, "inproc://lat_test");
        common::echo(&rep, size, roundtrips);
    });

    let msg = Message::with_size(size);
    common::print_size_and_count(size, "roundtrip count", roundtrips);
    let elapsed = common::ping_pong(&req, msg, roundtrips);
    worker.join().expect("worker thread");
    common::print_latency(roundtrips, elapsed);
}
