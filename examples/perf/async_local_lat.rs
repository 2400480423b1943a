//! `local_lat` on tokio (feature `tokio`): an async REP echoes
//! `roundtrip-count` messages, each sent back as the very message received.
//!
//! ```text
//! cargo run --release --features tokio --example async_local_lat -- tcp://127.0.0.1:5556 1 100000
//! ```

#[path = "async_common.rs"]
mod async_common;
#[path = "common.rs"]
#[allow(dead_code)] // each tool uses part of it
mod common;

use std::time::Duration;
use zmq::{Message, Rep};

fn main() {
    let args = common::tcp_args(
        "async_local_lat <bind-to> <message-size> <roundtrip-count>",
        false,
    );
    let ctx = common::context();
    let rep = common::bound::<Rep>(&ctx, &args.endpoint);
    let rep = async_common::run(async {
        let rep = async_common::socket(rep);
        let mut msg = Message::new();
        for _ in 0..args.count {
            common::check(rep.recv_msg(&mut msg).await, "zmq_recvmsg");
            common::expect_size(msg.len(), args.size);
            common::check(rep.send(std::mem::take(&mut msg)).await, "zmq_sendmsg");
        }
        rep.into_inner()
    });
    // As the C tool does (zmq_sleep (1)): give the last reply time to leave.
    std::thread::sleep(Duration::from_secs(1));
    drop(rep);
}
