//! Port of libzmq's `perf/local_lat`: binds a REP socket and echoes
//! `roundtrip-count` messages of `message-size` bytes back. Pair it with
//! `remote_lat`, which prints the latency.
//!
//! ```text
//! cargo run --release --example local_lat -- tcp://127.0.0.1:5556 1 100000
//! ```
//!
//! Like the C tool it echoes the very message it received: one
//! [`zmq::Message`] receives ([`zmq::Socket::recv_msg`]) and goes back out
//! ([`zmq::Socket::send_msg`]) without a copy.

#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use std::time::Duration;
use zmq::Rep;

fn main() {
    let args = common::tcp_args(
        "local_lat <bind-to> <message-size> <roundtrip-count>",
        false,
    );
    let ctx = common::context();
    let rep = common::bound::<Rep>(&ctx, &args.endpoint);

    common::echo(&rep, args.size, args.count);

    // As the C tool does (zmq_sleep (1)): give the last reply time to leave.
    std::thread::sleep(Duration::from_secs(1));
}
