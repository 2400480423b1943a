//! `remote_lat` on tokio (feature `tokio`): an async REQ sends
//! `roundtrip-count` requests of `message-size` bytes and prints half the
//! mean round trip, as libzmq's tool does.
//!
//! ```text
//! cargo run --release --features tokio --example async_remote_lat -- tcp://127.0.0.1:5556 1 100000
//! ```

#[path = "async_common.rs"]
mod async_common;
#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::{Message, Req};

fn main() {
    let args = common::tcp_args(
        "async_remote_lat <connect-to> <message-size> <roundtrip-count>",
        false,
    );
    let ctx = common::context();
    let req = common::connected::<Req>(&ctx, &args.endpoint);
    let elapsed = async_common::run(async {
        let req = async_common::socket(req);
        let mut msg = Message::with_size(args.size);
        let watch = common::Stopwatch::start();
        for _ in 0..args.count {
            common::check(req.send(std::mem::take(&mut msg)).await, "zmq_sendmsg");
            common::check(req.recv_msg(&mut msg).await, "zmq_recvmsg");
            common::expect_size(msg.len(), args.size);
        }
        watch.stop()
    });
    common::print_size_and_count(args.size, "roundtrip count", args.count);
    common::print_latency(args.count, elapsed);
}
