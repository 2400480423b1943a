//! Copy-semantics throughput, receiving side: [`zmq::Socket::recv_into`]
//! copies each message into the program's own buffer, as C's `zmq_recv`
//! does (`benches/perf/local_thr_copy.c` is the C counterpart). Pair it
//! with `remote_thr_copy`.
//!
//! ```text
//! cargo run --release --example local_thr_copy -- tcp://127.0.0.1:5556 64 1000000
//! ```

#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::Pull;

fn main() {
    let args = common::tcp_args(
        "local_thr_copy <bind-to> <message-size> <message-count>",
        false,
    );
    let ctx = common::context();
    let pull = common::bound::<Pull>(&ctx, &args.endpoint);

    let mut buf = vec![0u8; args.size];
    let elapsed = common::measure_throughput(args.size, args.count, || {
        common::check(pull.recv_into(&mut buf), "zmq_recv")
    });
    common::print_thr_report(args.size, args.count, elapsed);
}
