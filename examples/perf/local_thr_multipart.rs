//! Multipart throughput, receiving side: messages of three frames of
//! `frame-size` bytes, each received whole into one reused [`zmq::Multipart`]
//! ([`zmq::Socket::recv_multipart_into`]), as the C counterpart
//! (`benches/perf/local_thr_multipart.c`) reuses one `zmq_msg_t`. The
//! report's message size is the sum of the three frames.
//!
//! ```text
//! cargo run --release --example local_thr_multipart -- tcp://127.0.0.1:5556 64 1000000
//! ```

#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::{Multipart, Pull};

/// Frames per message.
const FRAMES: usize = 3;

fn main() {
    let args = common::tcp_args(
        "local_thr_multipart <bind-to> <frame-size> <message-count>",
        false,
    );
    let ctx = common::context();
    let pull = common::bound::<Pull>(&ctx, &args.endpoint);

    let (size, total) = (args.size, FRAMES * args.size);
    let mut parts = Multipart::new();
    let elapsed = common::measure_throughput(total, args.count, || {
        common::check(pull.recv_multipart_into(&mut parts), "zmq_msg_recv");
        if parts.len() == FRAMES && parts.iter().all(|p| p.len() == size) {
            total
        } else {
            usize::MAX
        }
    });
    common::print_thr_report(total, args.count, elapsed);
}
