//! libzmq's `perf/local_thr` on zmq.rs: binds a PULL socket, receives
//! `message-count` messages of `message-size` bytes and prints the mean
//! throughput in the C tool's format. Pair it with `zmqrs_remote_thr`.
//!
//! ```text
//! zmqrs_local_thr tcp://127.0.0.1:15556 1024 1000000
//! ```
//!
//! As in the C tool the first message is received untimed (it waits for the
//! connection) and the clock runs over the other `message-count - 1`; each
//! message's size is checked, its bytes are never read.

use std::time::Instant;
use zeromq::{PullSocket, Socket, SocketRecv};
use zmqrs_perf::{Watchdog, check, expect_size, micros_since, print_thr_report, runtime, tcp_args};

fn main() {
    let args = tcp_args("zmqrs_local_thr <bind-to> <message-size> <message-count>");
    let elapsed = runtime().block_on(async {
        let mut pull = PullSocket::new();
        check(pull.bind(&args.endpoint).await, "bind");
        let watchdog = Watchdog::start("messages received", args.count);

        expect_size(&check(pull.recv().await, "recv"), args.size);
        watchdog.done(1);
        let start = Instant::now();
        for i in 2..=args.count {
            expect_size(&check(pull.recv().await, "recv"), args.size);
            watchdog.done(i);
        }
        micros_since(start)
    });
    print_thr_report(args.size, args.count, elapsed);
}
