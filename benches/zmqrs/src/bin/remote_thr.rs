//! libzmq's `perf/remote_thr` on zmq.rs: connects a PUSH socket and sends
//! `message-count` messages of `message-size` bytes as fast as it can.
//!
//! ```text
//! zmqrs_remote_thr tcp://127.0.0.1:15556 1024 1000000
//! ```
//!
//! Each message is a fresh buffer, as the C tool allocates one per message.
//! `send` returns once the message is in zmq.rs's queue for the connection
//! (100 000 messages deep; a task per connection writes batches of up to 128
//! messages per flush), so after the last one the socket is dropped and the
//! tool waits for that task to drain the queue, as libzmq's `zmq_ctx_term`
//! waits for the linger period.

use std::time::Duration;
use zeromq::{PushSocket, Socket, SocketSend};
use zmqrs_perf::{check, message, runtime, tasks_finished, tcp_args};

fn main() {
    let args = tcp_args("zmqrs_remote_thr <connect-to> <message-size> <message-count>");
    runtime().block_on(async {
        let mut push = PushSocket::new();
        check(push.connect(&args.endpoint).await, "connect");
        for _ in 0..args.count {
            check(push.send(message(args.size)).await, "send");
        }
        drop(push);
        if !tasks_finished(Duration::from_secs(60)).await {
            println!("error in close: the send queue did not drain within 60 s");
            std::process::exit(1);
        }
    });
}
