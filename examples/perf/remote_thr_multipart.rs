//! Multipart throughput, sending side: [`zmq::Socket::send_multipart`] of
//! three frames of `frame-size` bytes, each copied from the program's buffer
//! (`benches/perf/remote_thr_multipart.c` is the C counterpart).
//!
//! ```text
//! cargo run --release --example remote_thr_multipart -- tcp://127.0.0.1:5556 64 1000000
//! ```

#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::Push;

fn main() {
    let args = common::tcp_args(
        "remote_thr_multipart <connect-to> <frame-size> <message-count>",
        false,
    );
    let ctx = common::context();
    let push = common::connected::<Push>(&ctx, &args.endpoint);

    let buf = vec![0u8; args.size];
    let frame = &buf[..];
    for _ in 0..args.count {
        common::check(push.send_multipart([frame, frame, frame]), "zmq_send");
    }
}
