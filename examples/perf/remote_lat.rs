//! Port of libzmq's `perf/remote_lat`: connects a REQ socket, sends
//! `roundtrip-count` requests of `message-size` bytes to `local_lat` and
//! prints half the mean round-trip time.
//!
//! ```text
//! cargo run --release --example remote_lat -- tcp://127.0.0.1:5556 1 100000
//! ```
//!
//! Like the C tool it bounces one zeroed message back and forth: the reply
//! lands in the same [`zmq::Message`] ([`zmq::Socket::recv_msg`]), which is
//! then sent again ([`zmq::Socket::send_msg`]).

#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::{Message, Req};

fn main() {
    let args = common::tcp_args(
        "remote_lat <connect-to> <message-size> <roundtrip-count>",
        false,
    );
    let ctx = common::context();
    let req = common::connected::<Req>(&ctx, &args.endpoint);

    let elapsed = common::ping_pong(&req, Message::with_size(args.size), args.count);

    common::print_size_and_count(args.size, "roundtrip count", args.count);
    common::print_latency(args.count, elapsed);
}
