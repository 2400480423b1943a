//! `remote_thr` on tokio (feature `tokio`): an async PUSH sends
//! `message-count` messages of `message-size` bytes to `local_thr` (either
//! kind). Unlike the blocking tool's unwritten messages, each is
//! `Message::with_size` (zeroed): an async send must be able to keep its
//! message while it waits.
//!
//! ```text
//! cargo run --release --features tokio --example async_remote_thr -- tcp://127.0.0.1:5556 64 1000000
//! ```

#[path = "async_common.rs"]
mod async_common;
#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::{Message, Push};

fn main() {
    let args = common::tcp_args(
        "async_remote_thr <connect-to> <message-size> <message-count>",
        false,
    );
    let ctx = common::context();
    let push = common::connected::<Push>(&ctx, &args.endpoint);
    let push = async_common::run(async {
        let push = async_common::socket(push);
        for _ in 0..args.count {
            common::check(
                push.send(Message::with_size(args.size)).await,
                "zmq_sendmsg",
            );
        }
        push.into_inner()
    });
    // Dropping the socket and the context waits (LINGER) until everything
    // has left, as zmq_close + zmq_ctx_term do in the C tool.
    drop(push);
}
