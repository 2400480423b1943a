//! What the perf tools share: argument parsing with libzmq's usage lines,
//! the stopwatch, and the result lines, printed exactly as the C tools in
//! `vendor/libzmq/perf` print them so that one parser reads both.
//!
//! Each tool includes this file with `#[path = "common.rs"] mod common;` and
//! uses only part of it.

use std::str::FromStr;
use std::time::Instant;
use zmq::{
    Context, Message, Pull, Push, Rep, Req, SendFlags, Socket, SocketDefaults, SocketType,
    UninitMessage,
};

/// The command-line arguments after the program name, or the usage line and
/// exit status 1 (as the C tools do) when their number is not in `counts`.
pub fn args(usage: &str, counts: &[usize]) -> Vec<String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !counts.contains(&args.len()) {
        println!("usage: {usage}");
        std::process::exit(1);
    }
    args
}

/// A numeric argument; exits with a message when it does not parse.
pub fn number<T: FromStr>(arg: &str, name: &str) -> T {
    arg.parse().unwrap_or_else(|_| {
        println!("invalid {name}: {arg:?}");
        std::process::exit(1);
    })
}

/// The arguments of the TCP tools: `<endpoint> <size> <count>`, and for the
/// throughput pair an optional `<enable_curve>` (non-zero: on).
pub struct TcpArgs {
    /// Where to bind or connect.
    pub endpoint: String,
    /// Message (or frame) size in bytes.
    pub size: usize,
    /// Messages, or round trips.
    pub count: u32,
    /// Whether CURVE is on.
    pub curve: bool,
}

/// Parses [`TcpArgs`]; `with_curve` allows the fourth argument.
pub fn tcp_args(usage: &str, with_curve: bool) -> TcpArgs {
    let args = args(usage, if with_curve { &[3, 4] } else { &[3] });
    TcpArgs {
        endpoint: args[0].clone(),
        size: number(&args[1], "size"),
        count: number(&args[2], "count"),
        curve: args
            .get(3)
            .is_some_and(|a| a.parse::<i32>().is_ok_and(|v| v != 0)),
    }
}

/// The arguments of the inproc tools: `<message-size> <count>`.
pub fn inproc_args(usage: &str) -> (usize, u32) {
    let args = args(usage, &[2]);
    (number(&args[0], "size"), number(&args[1], "count"))
}

/// The tools' context, with the tuning knobs of the environment (the C
/// tools have none: these are for measuring what each knob does, see
/// docs/performance.md):
///
/// - `ZMQ_PERF_PROFILE=throughput`: every socket starts with
///   [`SocketDefaults::throughput`];
/// - `ZMQ_PERF_IO_THREADS=N`: the context's I/O threads;
/// - `ZMQ_PERF_HWM=N`: `SNDHWM` and `RCVHWM`;
/// - `ZMQ_PERF_SNDBUF=N`, `ZMQ_PERF_RCVBUF=N`: the kernel buffers, bytes;
/// - `ZMQ_PERF_BATCH=N`: `IN_BATCH_SIZE` and `OUT_BATCH_SIZE`, bytes
///   (draft builds only; elsewhere the tool exits with an error).
///
/// Each knob set overrides the profile's value.
pub fn context() -> Context {
    let ctx = Context::new();
    if let Some(n) = knob("ZMQ_PERF_IO_THREADS") {
        check(ctx.set_io_threads(n), "zmq_ctx_set");
    }
    let mut defaults = match std::env::var("ZMQ_PERF_PROFILE").as_deref() {
        Ok("throughput") => SocketDefaults::throughput(),
        Ok("") | Err(_) => SocketDefaults::default(),
        Ok(other) => {
            println!("unknown ZMQ_PERF_PROFILE: {other:?}");
            std::process::exit(1);
        }
    };
    if let Some(hwm) = knob("ZMQ_PERF_HWM") {
        defaults.sndhwm = Some(hwm);
        defaults.rcvhwm = Some(hwm);
    }
    if let Some(bytes) = knob("ZMQ_PERF_SNDBUF") {
        defaults.sndbuf = Some(Some(bytes));
    }
    if let Some(bytes) = knob("ZMQ_PERF_RCVBUF") {
        defaults.rcvbuf = Some(Some(bytes));
    }
    if let Some(bytes) = knob("ZMQ_PERF_BATCH") {
        #[cfg(feature = "draft")]
        {
            defaults.in_batch_size = Some(bytes);
            defaults.out_batch_size = Some(bytes);
        }
        #[cfg(not(feature = "draft"))]
        {
            println!("ZMQ_PERF_BATCH={bytes} needs the draft API (feature draft)");
            std::process::exit(1);
        }
    }
    ctx.set_socket_defaults(defaults);
    ctx
}

/// A numeric knob from the environment, or exit with a message when it
/// does not parse.
fn knob(name: &str) -> Option<i32> {
    let value = std::env::var(name).ok().filter(|v| !v.is_empty())?;
    Some(number(&value, name))
}

/// A new socket of type `T`, or the C tools' error line.
pub fn socket<T: SocketType>(ctx: &Context) -> Socket<T> {
    check(ctx.socket::<T>(), "zmq_socket")
}

/// A new socket of type `T` bound to `endpoint`.
pub fn bound<T: SocketType>(ctx: &Context, endpoint: &str) -> Socket<T> {
    let s = socket::<T>(ctx);
    check(s.bind(endpoint), "zmq_bind");
    s
}

/// A new socket of type `T` connected to `endpoint`.
pub fn connected<T: SocketType>(ctx: &Context, endpoint: &str) -> Socket<T> {
    let s = socket::<T>(ctx);
    check(s.connect(endpoint), "zmq_connect");
    s
}

/// The value of a libzmq call, or its error printed as the C tools print it
/// (`error in zmq_bind: Address already in use`) and exit status 1.
pub fn check<T, E: Into<zmq::Error>>(result: Result<T, E>, call: &str) -> T {
    result.unwrap_or_else(|e| {
        println!("error in {call}: {}", e.into());
        std::process::exit(1);
    })
}

/// Exits like the C tools when a received message has the wrong size.
#[inline]
pub fn expect_size(got: usize, want: usize) {
    if got != want {
        println!("message of incorrect size received");
        std::process::exit(1);
    }
}

/// `zmq_stopwatch_start`/`zmq_stopwatch_stop`: whole microseconds on a
/// monotonic clock.
pub struct Stopwatch(Instant);

impl Stopwatch {
    /// Starts measuring.
    pub fn start() -> Stopwatch {
        Stopwatch(Instant::now())
    }

    /// Microseconds since `start`.
    pub fn stop(self) -> u64 {
        u64::try_from(self.0.elapsed().as_micros()).unwrap_or(u64::MAX)
    }
}

/// The receiving half of every throughput tool: takes the first message
/// untimed (it waits for the connection), then times `count - 1` more and
/// returns the microseconds. `recv_one` receives one message and returns its
/// size in bytes, which must be `size`.
pub fn measure_throughput(size: usize, count: u32, mut recv_one: impl FnMut() -> usize) -> u64 {
    expect_size(recv_one(), size);
    let watch = Stopwatch::start();
    for _ in 1..count {
        expect_size(recv_one(), size);
    }
    watch.stop()
}

/// A throughput receiver's whole output, as local_thr prints it.
pub fn print_thr_report(size: usize, count: u32, elapsed_us: u64) {
    print_size_and_count(size, "message count", count);
    print_throughput(size, count, elapsed_us);
}

/// The two throughput lines. Like the C tools, the count includes the
/// untimed first message.
pub fn print_throughput(size: usize, count: u32, elapsed_us: u64) {
    let elapsed = elapsed_us.max(1) as f64;
    let throughput = f64::from(count) / elapsed * 1_000_000.0;
    let megabits = throughput * size as f64 * 8.0 / 1_000_000.0;
    println!("mean throughput: {} [msg/s]", throughput as i64);
    println!("mean throughput: {megabits:.3} [Mb/s]");
}

/// The first two result lines of every tool.
pub fn print_size_and_count(size: usize, count_name: &str, count: u32) {
    println!("message size: {size} [B]");
    println!("{count_name}: {count}");
}

/// remote_lat's and inproc_lat's last line: half the mean round trip.
pub fn print_latency(roundtrips: u32, elapsed_us: u64) {
    let latency = elapsed_us as f64 / (f64::from(roundtrips) * 2.0);
    println!("average latency: {latency:.3} [us]");
}

/// The REQ side of the latency tools: sends `msg`, waits for the echo in the
/// same message, `roundtrips` times; returns the microseconds taken.
pub fn ping_pong(req: &Socket<Req>, mut msg: Message, roundtrips: u32) -> u64 {
    let size = msg.len();
    let watch = Stopwatch::start();
    for _ in 0..roundtrips {
        let request = std::mem::take(&mut msg);
        check(req.send_msg(request, SendFlags::NONE), "zmq_sendmsg");
        check(req.recv_msg(&mut msg), "zmq_recvmsg");
        expect_size(msg.len(), size);
    }
    watch.stop()
}

/// The REP side of the latency tools: echoes `roundtrips` messages of
/// `size` bytes, each sent back as the very message received.
pub fn echo(rep: &Socket<Rep>, size: usize, roundtrips: u32) {
    let mut msg = Message::new();
    for _ in 0..roundtrips {
        check(rep.recv_msg(&mut msg), "zmq_recvmsg");
        expect_size(msg.len(), size);
        let reply = std::mem::take(&mut msg);
        check(rep.send_msg(reply, SendFlags::NONE), "zmq_sendmsg");
    }
}

/// remote_thr's and inproc_thr's sender: `count` messages of `size` bytes
/// that are never written (C's `zmq_msg_init_size` without touching them).
pub fn send_unwritten(push: &Socket<Push>, size: usize, count: u32) {
    for _ in 0..count {
        let msg = UninitMessage::new(size);
        // SAFETY: the receivers (`local_thr` in another process, and
        // `inproc_thr`'s `recv_reusing`) read only each frame's length,
        // never its bytes, and this process holds nothing secret that the
        // stale bytes could disclose: send_uninit's contract.
        check(
            unsafe { push.send_uninit(msg, SendFlags::NONE) },
            "zmq_sendmsg",
        );
    }
}

/// local_thr's and inproc_thr's receiver: [`measure_throughput`] with one
/// reused message; returns the microseconds.
pub fn recv_reusing(pull: &Socket<Pull>, size: usize, count: u32) -> u64 {
    let mut msg = Message::new();
    measure_throughput(size, count, || {
        check(pull.recv_msg(&mut msg), "zmq_recvmsg");
        msg.len()
    })
}
