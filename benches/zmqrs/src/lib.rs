//! What the zmq.rs perf tools share: libzmq's argument order and usage
//! lines, the runtime they drive zmq.rs on, the stopwatch, a stall watchdog,
//! and the result lines printed exactly as libzmq's C tools print them
//! (`vendor/libzmq/perf/*.cpp`), so that `benches/perf/compare.py` parses
//! all tools alike.
//!
//! A benchmark-only program: nothing in the repository's workspace depends
//! on it (see `Cargo.toml` and `README.md`).

#![warn(missing_docs)]

use std::fmt::Display;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use zeromq::ZmqMessage;

/// The arguments of every tool: `<endpoint> <message-size> <count>`.
pub struct TcpArgs {
    /// Where to bind or connect (`tcp://127.0.0.1:15556`).
    pub endpoint: String,
    /// Message size in bytes.
    pub size: usize,
    /// Messages (throughput) or round trips (latency).
    pub count: u32,
}

/// Parses [`TcpArgs`], or prints the usage line and exits with status 1 as
/// the C tools do.
pub fn tcp_args(usage: &str) -> TcpArgs {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 3 {
        println!("usage: {usage}");
        std::process::exit(1);
    }
    TcpArgs {
        endpoint: args[0].clone(),
        size: number(&args[1], "message size"),
        count: number(&args[2], "count"),
    }
}

fn number<T: FromStr>(arg: &str, name: &str) -> T {
    arg.parse().unwrap_or_else(|_| {
        println!("invalid {name}: {arg:?}");
        std::process::exit(1);
    })
}

/// The value of a zmq.rs call, or its error printed the way the C tools
/// print theirs (`error in connect: ...`) and exit status 1.
pub fn check<T, E: Display>(result: Result<T, E>, call: &str) -> T {
    result.unwrap_or_else(|e| {
        println!("error in {call}: {e}");
        std::process::exit(1);
    })
}

/// The tokio runtime the tool runs on, chosen by the environment variable
/// `ZMQRS_RUNTIME`:
///
/// - `current` (the default): a current-thread runtime; the tool's loop and
///   zmq.rs's per-connection tasks share one thread.
/// - `multi`: tokio's multi-thread runtime with its default worker count
///   (one per CPU the process may run on; the runner pins each tool to one
///   CPU, so one worker), what `#[tokio::main]` builds. The tool's loop runs
///   in `block_on` on the main thread, as `#[tokio::main]` runs `main`, and
///   zmq.rs's tasks on the worker.
///
/// docs/performance.md ("zmq.rs, same run") gives both measured on the
/// benchmark machine; the default is the faster there.
pub fn runtime() -> tokio::runtime::Runtime {
    let flavor = std::env::var("ZMQRS_RUNTIME").unwrap_or_default();
    let mut builder = match flavor.as_str() {
        "" | "current" => tokio::runtime::Builder::new_current_thread(),
        "multi" => tokio::runtime::Builder::new_multi_thread(),
        other => {
            println!("invalid ZMQRS_RUNTIME: {other:?} (current or multi)");
            std::process::exit(1);
        }
    };
    check(builder.enable_all().build(), "tokio runtime")
}

/// A new message of one `size`-byte frame in a freshly allocated buffer,
/// as libzmq's `remote_thr` and `remote_lat` allocate one per message
/// (`zmq_msg_init_size`); zmq.rs has no uninitialised message, so the bytes
/// are zeroed (`calloc`).
pub fn message(size: usize) -> ZmqMessage {
    ZmqMessage::from(vec![0u8; size])
}

/// Exits like the C tools (`message of incorrect size received`) unless
/// `msg` is one frame of `size` bytes.
#[inline]
pub fn expect_size(msg: &ZmqMessage, size: usize) {
    if msg.len() != 1 || msg.get(0).map(|frame| frame.len()) != Some(size) {
        println!("message of incorrect size received");
        std::process::exit(1);
    }
}

/// `zmq_stopwatch_stop`: the whole microseconds since `start` (an
/// `Instant::now()` taken where the C tool calls `zmq_stopwatch_start`).
pub fn micros_since(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX)
}

/// local_thr's output: size, count and the two throughput lines. As in the
/// C tool the count includes the untimed first message.
pub fn print_thr_report(size: usize, count: u32, elapsed_us: u64) {
    let throughput = f64::from(count) / elapsed_us.max(1) as f64 * 1_000_000.0;
    let megabits = throughput * size as f64 * 8.0 / 1_000_000.0;
    println!("message size: {size} [B]");
    println!("message count: {count}");
    println!("mean throughput: {} [msg/s]", throughput as i64);
    println!("mean throughput: {megabits:.3} [Mb/s]");
}

/// remote_lat's output: size, round trips and half the mean round trip.
pub fn print_lat_report(size: usize, roundtrips: u32, elapsed_us: u64) {
    let latency = elapsed_us as f64 / (f64::from(roundtrips) * 2.0);
    println!("message size: {size} [B]");
    println!("roundtrip count: {roundtrips}");
    println!("average latency: {latency:.3} [us]");
}

/// How long a tool may go without progress before its [`Watchdog`] calls it
/// a stall: `ZMQRS_STALL_SECS`, default 15 s (the runner's own limit per
/// run is 120 s).
fn stall_limit() -> u64 {
    std::env::var("ZMQRS_STALL_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15)
}

/// Tells a lost message or a stall from a slow run: a thread that checks
/// once a second that the counter moved, and when it has not for the stall
/// limit prints how far the tool got (`stalled: 123 of 1000 messages
/// received, no progress for 15 s`) and exits with status 1. The counter
/// costs one relaxed store per message.
pub struct Watchdog(Arc<AtomicU64>);

impl Watchdog {
    /// Starts watching a tool that is to reach `total` `units`.
    pub fn start(units: &'static str, total: u32) -> Watchdog {
        let progress = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&progress);
        let limit = stall_limit();
        std::thread::spawn(move || {
            let (mut last, mut idle) = (u64::MAX, 0);
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let now = seen.load(Ordering::Relaxed);
                if now == u64::from(total) {
                    return;
                }
                if now == last {
                    idle += 1;
                } else {
                    (last, idle) = (now, 0);
                }
                if idle >= limit {
                    println!("stalled: {now} of {total} {units}, no progress for {limit} s");
                    std::process::exit(1);
                }
            }
        });
        Watchdog(progress)
    }

    /// Records that `done` units are complete.
    #[inline]
    pub fn done(&self, done: u32) {
        self.0.store(u64::from(done), Ordering::Relaxed);
    }
}

/// Waits until the runtime has no task left, at most `limit`; false if
/// some remain. After a PUSH socket is dropped zmq.rs keeps its writer task
/// per connection running until the queued messages are on the wire: this
/// is zmq.rs's counterpart of libzmq's `zmq_ctx_term` waiting for the
/// linger period, which remote_thr relies on so that no message is lost
/// when the process exits.
pub async fn tasks_finished(limit: Duration) -> bool {
    let metrics = tokio::runtime::Handle::current().metrics();
    let deadline = Instant::now() + limit;
    while metrics.num_alive_tasks() > 0 {
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    true
}
