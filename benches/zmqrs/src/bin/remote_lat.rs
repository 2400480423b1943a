//! libzmq's `perf/remote_lat` on zmq.rs: connects a REQ socket, sends
//! `roundtrip-count` requests of `message-size` bytes to `zmqrs_local_lat`
//! and prints half the mean round-trip time in the C tool's format.
//!
//! ```text
//! zmqrs_remote_lat tcp://127.0.0.1:15556 1 20000
//! ```
//!
//! The clock runs over the round trips only. zmq.rs's `connect` returns
//! after the ZMTP handshake, so, unlike the C tool's first round trip, none
//! includes connection set-up (one of 20 000: below the noise).

use std::time::Instant;
use zeromq::{ReqSocket, Socket, SocketRecv, SocketSend};
use zmqrs_perf::{
    Watchdog, check, expect_size, message, micros_since, print_lat_report, runtime, tcp_args,
};

fn main() {
    let args = tcp_args("zmqrs_remote_lat <connect-to> <message-size> <roundtrip-count>");
    let elapsed = runtime().block_on(async {
        let mut req = ReqSocket::new();
        check(req.connect(&args.endpoint).await, "connect");
        let watchdog = Watchdog::start("round trips", args.count);
        let mut msg = message(args.size);
        let start = Instant::now();
        for i in 1..=args.count {
            check(req.send(msg).await, "send");
            msg = check(req.recv().await, "recv");
            expect_size(&msg, args.size);
            watchdog.done(i);
        }
        micros_since(start)
    });
    print_lat_report(args.size, args.count, elapsed);
}
