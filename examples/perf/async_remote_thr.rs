//! `remote_thr` on tokio (feature `tokio`): an async PUSH sends
//! `message-count` messages of `message-size` bytes to `local_thr` (either
//! kind). Each message is sent as the blocking tool sends it: an
//! `UninitMessage` never written (C's `zmq_msg_init_size` without touching
//! the bytes), through `AsyncSocket::send_uninit`, which allocates it in
//! place inside the future.
//!
//! ```text
//! cargo run --release --features tokio --example async_remote_thr -- tcp://127.0.0.1:5556 64 1000000
//! ```

#[path = "async_common.rs"]
mod async_common;
#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use zmq::{Push, UninitMessage};

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
            let msg = UninitMessage::new(args.size);
            // SAFETY: the receiver (`local_thr` or `async_local_thr`, in
            // another process) reads only each frame's length, and this
            // process holds nothing secret that the stale bytes could
            // disclose: send_uninit's contract.
            common::check(unsafe { push.send_uninit(msg) }.await, "zmq_sendmsg");
        }
        push.into_inner()
    });
    // Dropping the socket and the context waits (LINGER) until everything
    // has left, as zmq_close + zmq_ctx_term do in the C tool.
    drop(push);
}
