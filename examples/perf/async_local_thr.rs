//! `local_thr` on tokio (feature `tokio`): an async PULL receives
//! `message-count` messages of `message-size` bytes, reusing one message
//! (`AsyncSocket::recv_msg`), and prints the mean throughput exactly as
//! libzmq's tool does. Pair it with `async_remote_thr` (or any remote_thr).
//!
//! ```text
//! cargo run --release --features tokio --example async_local_thr -- tcp://127.0.0.1:5556 64 1000000
//! ```

#[path = "async_common.rs"]
mod async_common;
#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::{Message, Pull};

fn main() {
    let args = common::tcp_args(
        "async_local_thr <bind-to> <message-size> <message-count>",
        false,
    );
    let ctx = common::context();
    let pull = common::bound::<Pull>(&ctx, &args.endpoint);
    let elapsed = async_common::run(async {
        let pull = async_common::socket(pull);
        let mut msg = Message::new();
        // The first message waits for the connection: untimed, as in C.
        common::check(pull.recv_msg(&mut msg).await, "zmq_recvmsg");
        common::expect_size(msg.len(), args.size);
        let watch = common::Stopwatch::start();
        for _ in 1..args.count {
            common::check(pull.recv_msg(&mut msg).await, "zmq_recvmsg");
            common::expect_size(msg.len(), args.size);
        }
        watch.stop()
    });
    common::print_thr_report(args.size, args.count, elapsed);
}
