//! Port of libzmq's `perf/local_thr`: binds a PULL socket, receives
//! `message-count` messages of `message-size` bytes and prints the mean
//! throughput. Pair it with `remote_thr`, or with the C tool of the same name.
//!
//! ```text
//! cargo run --release --example local_thr -- tcp://127.0.0.1:5556 64 1000000
//! ```
//!
//! Like the C tool it reuses one message for every receive
//! ([`zmq::Socket::recv_msg`]) and never reads the payload.

#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::Pull;

/// The CURVE secret key of libzmq's perf tools (a published test key).
const SERVER_SECRET: &str = "{X}#>t#jRGaQ}gMhv=30r(Mw+87YGs+5%kh=i@f8";

fn main() {
    let args = common::tcp_args(
        "local_thr <bind-to> <message-size> <message-count> [<enable_curve>]",
        true,
    );
    let ctx = common::context();
    let pull = common::socket::<Pull>(&ctx);
    if args.curve {
        common::check(pull.set_curve_secretkey(SERVER_SECRET), "zmq_setsockopt");
        common::check(pull.set_curve_server(true), "zmq_setsockopt");
    }
    common::check(pull.bind(&args.endpoint), "zmq_bind");

    let elapsed = common::recv_reusing(&pull, args.size, args.count);
    common::print_thr_report(args.size, args.count, elapsed);
}
