//! Port of libzmq's `perf/remote_thr`: connects a PUSH socket and sends
//! `message-count` messages of `message-size` bytes as fast as it can.
//!
//! ```text
//! cargo run --release --example remote_thr -- tcp://127.0.0.1:5556 64 1000000
//! ```
//!
//! Like the C tool (`zmq_msg_init_size` without touching the bytes) it never
//! writes the payload: [`zmq::UninitMessage`] allocates it and
//! [`zmq::Socket::send_uninit`] hands it to libzmq unread.

#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::Push;

/// The CURVE keys of libzmq's perf tools (published test keys).
const SERVER_PUBLIC: &str = "DX4nh=yUn{-9ugra0X3Src4SU-4xTgqxcYY.+<SH";
const CLIENT_PUBLIC: &str = "<n^oA}I:66W+*ds3tAmi1+KJzv-}k&fC2aA5Bj0K";
const CLIENT_SECRET: &str = "9R9bV}[6z6DC-%$!jTVTKvWc=LEL{4i4gzUe$@Zx";

fn main() {
    let args = common::tcp_args(
        "remote_thr <connect-to> <message-size> <message-count> [<enable_curve>]",
        true,
    );
    let ctx = common::context();
    let push = common::socket::<Push>(&ctx);
    if args.curve {
        common::check(push.set_curve_secretkey(CLIENT_SECRET), "zmq_setsockopt");
        common::check(push.set_curve_publickey(CLIENT_PUBLIC), "zmq_setsockopt");
        common::check(push.set_curve_serverkey(SERVER_PUBLIC), "zmq_setsockopt");
    }
    common::check(push.connect(&args.endpoint), "zmq_connect");

    common::send_unwritten(&push, args.size, args.count);
}
