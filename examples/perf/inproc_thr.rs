//! Port of libzmq's `perf/inproc_thr`: a worker thread PUSHes
//! `message-count` messages of `message-size` bytes over `inproc://` to a
//! PULL socket in the main thread, which prints the mean throughput.
//!
//! ```text
//! cargo run --release --example inproc_thr -- 1 10000000
//! ```
//!
//! Sender and receiver do what `remote_thr` and `local_thr` do: unwritten
//! payloads ([`zmq::UninitMessage`]) and one reused receive message.

#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::{Pull, Push};

fn main() {
    let (size, count) = common::inproc_args("inproc_thr <message-size> <message-count>");
    let ctx = common::context();
    let pull = common::bound::<Pull>(&ctx, "inproc://thr_test");

    let worker_ctx = ctx.clone();
    let worker = std::thread::spawn(move || {
        let push = common::connected::<Push>(&worker_ctx, "inproc://thr_test");
        common::send_unwritten(&push, size, count);
    });

    common::print_size_and_count(size, "message count", count);
    let elapsed = common::recv_reusing(&pull, size, count);
    worker.join().expect("worker thread");
    common::print_throughput(size, count, elapsed);
}
