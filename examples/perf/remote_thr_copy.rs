//! Copy-semantics throughput, sending side: [`zmq::Socket::send`] of a
//! `&[u8]` copies the program's buffer into each message, as C's `zmq_send`
//! does (`benches/perf/remote_thr_copy.c` is the C counterpart).
//!
//! ```text
//! cargo run --release --example remote_thr_copy -- tcp://127.0.0.1:5556 64 1000000
//! ```

#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::Push;

fn main() {
    let args = common::tcp_args(
        "remote_thr_copy <connect-to> <message-size> <message-count>",
        false,
    );
    let ctx = common::context();
    let push = common::connected::<Push>(&ctx, &args.endpoint);

    let buf = vec![0u8; args.size];
    for _ in 0..args.count {
        common::check(push.send(&buf[..]), "zmq_send");
    }
}
