//! Helpers shared by the guide samples, like the guide's `zhelpers`:
//! the bounded mode used by the tests, a frame dumper, printable identities
//! and a small random number generator.
//!
//! Each sample includes this file with
//! `#[path = "zhelpers/mod.rs"] mod zhelpers;` and uses what it needs.
#![allow(dead_code)]

use std::cell::Cell;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::BufRead;

/// The cap on loops that run forever in the guide: `ZGUIDE_ITERS=N`
/// (servers answer N requests, publishers send N updates...). `None`, the
/// guide's behaviour, when the variable is unset.
pub fn iterations() -> Option<u64> {
    let value = std::env::var("ZGUIDE_ITERS").ok()?;
    match value.trim().parse() {
        Ok(n) => Some(n),
        Err(_) => panic!("ZGUIDE_ITERS must be a number, not {value:?}"),
    }
}

/// A loop that runs forever, or `ZGUIDE_ITERS` times: `for _ in forever()`.
pub fn forever() -> std::ops::Range<u64> {
    0..iterations().unwrap_or(u64::MAX)
}

/// A countdown of `ZGUIDE_ITERS` events that are not loop rounds (replies
/// passed on, requests served): `if budget.spend() { break }` ends the
/// loop after the N-th; without the variable it never ends.
pub struct Budget(Option<u64>);

impl Budget {
    /// A budget of `ZGUIDE_ITERS` events, or an endless one.
    pub fn new() -> Budget {
        Budget(iterations())
    }

    /// Counts one event; `true` once the budget is spent.
    pub fn spend(&mut self) -> bool {
        match &mut self.0 {
            Some(left) => {
                *left = left.saturating_sub(1);
                *left == 0
            }
            None => false,
        }
    }
}

/// `n`, unless `ZGUIDE_ITERS` says otherwise (syncpub's million updates).
pub fn iterations_or(n: u64) -> u64 {
    iterations().unwrap_or(n)
}

/// Prints `text` and waits for Enter, unless `ZGUIDE_NO_PROMPT=1`.
pub fn prompt(text: &str) -> std::io::Result<()> {
    println!("{text}");
    if std::env::var_os("ZGUIDE_NO_PROMPT").is_some_and(|v| v == "1") {
        return Ok(());
    }
    std::io::stdin().lock().read_line(&mut String::new())?;
    Ok(())
}

/// Prints every frame of a message: size, then text if printable, hex
/// otherwise (the guide's `s_dump`).
pub fn dump(frames: &zmq::Multipart) {
    println!("----------------------------------------");
    for frame in frames {
        print!("[{:03}] ", frame.len());
        match frame.as_str() {
            Some(text) if !text.chars().any(char::is_control) => println!("{text}"),
            _ => println!("{}", hex(frame)),
        }
    }
}

/// Upper-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// A random printable identity such as `"1A2B-3C4D"`, for routing ids
/// that show well in dumps and logs.
pub fn random_id() -> String {
    format!(
        "{:04X}-{:04X}",
        randrange(0, 0x10000),
        randrange(0, 0x10000)
    )
}

/// Gives a socket a random printable routing id ([`random_id`], the
/// guide's `s_set_id`), so that ROUTER dumps are readable.
pub fn set_id<T: zmq::opt::RoutingId>(socket: &zmq::Socket<T>) -> zmq::Result<()> {
    socket.set_routing_id(random_id())
}

thread_local! {
    static SEED: Cell<u64> = Cell::new(seed());
}

fn seed() -> u64 {
    // `ZGUIDE_SEED=N` makes the simulated crashes and overloads of the
    // reliability samples repeatable under test.
    if let Some(seed) = std::env::var("ZGUIDE_SEED")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        return seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    }
    // std's hasher keys are random per process and thread: a free seed.
    RandomState::new().build_hasher().finish() | 1
}

/// The time scale of the samples' sleeps, heartbeats and timeouts:
/// `ZGUIDE_TIME_SCALE=0.1` makes them ten times shorter so that tests run
/// fast; 1 (the guide's timings) when unset.
pub fn time_scale() -> f64 {
    match std::env::var("ZGUIDE_TIME_SCALE") {
        Ok(v) => match v.trim().parse::<f64>() {
            Ok(f) if f > 0.0 && f.is_finite() => f,
            _ => panic!("ZGUIDE_TIME_SCALE must be a positive number, not {v:?}"),
        },
        Err(_) => 1.0,
    }
}

/// `duration` scaled by [`time_scale`]: write the guide's value
/// (`scaled(Duration::from_secs(1))`) and tests may shorten it.
pub fn scaled(duration: std::time::Duration) -> std::time::Duration {
    duration.mul_f64(time_scale())
}

/// A pseudo-random number in `low..high`, like Python's
/// `random.randrange` (xorshift64*, randomly seeded; good enough for sample
/// data, not for anything else).
pub fn randrange(low: i64, high: i64) -> i64 {
    assert!(low < high, "empty range {low}..{high}");
    let x = SEED.with(|state| {
        let mut x = state.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        state.set(x);
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    });
    let span = high.abs_diff(low);
    low.wrapping_add((x % span) as i64)
}

/// `zmq::proxy(frontend, backend)`: runs forever as in the guide, or under
/// `ZGUIDE_ITERS=N` stops once it has forwarded N messages (both directions
/// together), so that the samples built on a proxy can end under test.
///
/// The bounded proxy counts what it forwards on a capture socket (with no
/// high-water mark, so counting never holds the proxy up) and is stopped
/// through a control socket (`TERMINATE`) after the N-th message, which it
/// has forwarded in full by then.
pub fn proxy<F: zmq::SocketType, B: zmq::SocketType>(
    frontend: &zmq::Socket<F>,
    backend: &zmq::Socket<B>,
) -> zmq::Result<()> {
    let Some(limit) = iterations() else {
        return zmq::proxy(frontend, backend);
    };
    let context = frontend.context();
    let capture = context.socket::<zmq::Push>()?;
    capture.set_sndhwm(0)?;
    capture.bind("inproc://zhelpers-proxy-capture")?;
    let control = context.socket::<zmq::Pair>()?;
    control.bind("inproc://zhelpers-proxy-control")?;

    let captured = context.socket::<zmq::Pull>()?;
    captured.set_rcvhwm(0)?;
    captured.connect("inproc://zhelpers-proxy-capture")?;
    let steer = context.socket::<zmq::Pair>()?;
    steer.connect("inproc://zhelpers-proxy-control")?;
    let counter = std::thread::spawn(move || {
        for _ in 0..limit {
            captured.recv_multipart()?;
        }
        let steer = zmq::ProxyControl::new(steer);
        steer.terminate()?;
        // Both ends stay open until the proxy has stopped: it may capture a
        // few more messages first, and a PUSH without a peer would block.
        Ok::<_, zmq::Error>((captured, steer))
    });

    let result = zmq::Proxy::new(frontend, backend)
        .capture(&capture)
        .control(&control)
        .run();
    if result.is_ok() {
        counter.join().expect("proxy counter thread panicked")?;
    }
    result
}

pub mod reactor;
