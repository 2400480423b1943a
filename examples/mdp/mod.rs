//! The Majordomo Protocol, MDP/0.1 (rfc.zeromq.org specs 7 and 8), as the
//! guide's samples speak it: the protocol constants (the guide's `MDP`
//! module), a timestamped logger, and the client and worker APIs that the
//! Majordomo and Titanic samples share (`mdcliapi`, `mdcliapi2`,
//! `mdwrkapi`).
//!
//! A sample includes it beside zhelpers:
//!
//! ```ignore
//! #[path = "zhelpers/mod.rs"]
//! mod zhelpers;
//! #[path = "mdp/mod.rs"]
//! mod mdp;
//! ```
#![allow(dead_code)]

pub mod mdcliapi;
pub mod mdcliapi2;
pub mod mdwrkapi;

use std::fmt::Display;
use std::time::{SystemTime, UNIX_EPOCH};

/// The version of MDP/Client we implement.
pub const C_CLIENT: &[u8] = b"MDPC01";
/// The version of MDP/Worker we implement.
pub const W_WORKER: &[u8] = b"MDPW01";

/// MDP/Worker command: the worker is ready for `service`.
pub const W_READY: &[u8] = b"\x01";
/// MDP/Worker command: a request for the worker.
pub const W_REQUEST: &[u8] = b"\x02";
/// MDP/Worker command: the worker's reply.
pub const W_REPLY: &[u8] = b"\x03";
/// MDP/Worker command: either side is alive.
pub const W_HEARTBEAT: &[u8] = b"\x04";
/// MDP/Worker command: either side ends the session.
pub const W_DISCONNECT: &[u8] = b"\x05";

/// Services whose names start with this are the broker's own (MMI, spec 8).
pub const INTERNAL_SERVICE_PREFIX: &[u8] = b"mmi.";

/// The errors of the MDP samples: libzmq's, and peers that break the
/// protocol (the guide asserts; we report).
pub type Error = Box<dyn std::error::Error + Send + Sync>;
/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// A protocol violation by a peer, as an [`Error`].
pub fn malformed(what: &str, frames: &zmq::Multipart) -> Error {
    format!("{what}: {frames:?}").into()
}

/// The name of an MDP/Worker command, for the logs.
pub fn command_name(command: &[u8]) -> &'static str {
    match command {
        W_READY => "READY",
        W_REQUEST => "REQUEST",
        W_REPLY => "REPLY",
        W_HEARTBEAT => "HEARTBEAT",
        W_DISCONNECT => "DISCONNECT",
        _ => "(unknown)",
    }
}

/// Prints `message` after the UTC time, `2024-01-31 12:00:00 message`, as
/// the guide's samples log (Python's `logging` with that format).
pub fn log(message: impl Display) {
    println!("{} {message}", timestamp(SystemTime::now()));
}

/// `YYYY-MM-DD HH:MM:SS` in UTC.
fn timestamp(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Whether `-v` is among the program's arguments (the samples' verbose
/// switch).
pub fn verbose() -> bool {
    std::env::args().skip(1).any(|arg| arg == "-v")
}
