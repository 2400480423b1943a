//! libzmq's `perf/local_lat` on zmq.rs: binds a REP socket and echoes
//! `roundtrip-count` messages of `message-size` bytes. Pair it with
//! `zmqrs_remote_lat`, which prints the latency.
//!
//! ```text
//! zmqrs_local_lat tcp://127.0.0.1:15556 1 20000
//! ```
//!
//! Like the C tool it sends back the very message it received. Unlike it,
//! it does not sleep a second before exiting: zmq.rs's REP `send` returns
//! only after the reply is flushed to the TCP socket.

use zeromq::{RepSocket, Socket, SocketRecv, SocketSend};
use zmqrs_perf::{check, expect_size, runtime, tcp_args};

fn main() {
    let args = tcp_args("zmqrs_local_lat <bind-to> <message-size> <roundtrip-count>");
    runtime().block_on(async {
        let mut rep = RepSocket::new();
        check(rep.bind(&args.endpoint).await, "bind");
        for _ in 0..args.count {
            let msg = check(rep.recv().await, "recv");
            expect_size(&msg, args.size);
            check(rep.send(msg).await, "send");
        }
    });
}
