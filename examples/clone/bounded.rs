//! The bounded mode of the Clone clients (`ZGUIDE_ITERS=N`): send N
//! updates at the guide's pace, then keep applying the server's updates
//! until the network has been quiet for a while, and print the state the
//! client converged on, so that tests can compare it with the server's.
#![allow(dead_code)]

use std::time::{Duration, Instant};

/// How many update intervals of silence end a bounded client.
const QUIET_INTERVALS: u32 = 5;

/// Paces a client's updates: one per `interval`, forever or `limit` of
/// them, and says when a bounded client is done.
pub struct Pacer {
    interval: Duration,
    limit: Option<u64>,
    sent: u64,
    alarm: Instant,
    last_activity: Instant,
}

impl Pacer {
    /// The first update is due one interval from now.
    pub fn new(interval: Duration, limit: Option<u64>) -> Pacer {
        let now = Instant::now();
        Pacer {
            interval,
            limit,
            sent: 0,
            alarm: now + interval,
            last_activity: now,
        }
    }

    fn sending(&self) -> bool {
        self.limit.is_none_or(|limit| self.sent < limit)
    }

    /// How long to poll before the next thing to do.
    pub fn timeout(&self) -> Duration {
        let next = if self.sending() {
            self.alarm
        } else {
            self.last_activity + self.interval * QUIET_INTERVALS
        };
        next.saturating_duration_since(Instant::now())
    }

    /// Whether an update is due now; if so, counts it as sent.
    pub fn due(&mut self) -> bool {
        let now = Instant::now();
        if !self.sending() || now < self.alarm {
            return false;
        }
        self.sent += 1;
        self.alarm = now + self.interval;
        self.last_activity = now;
        true
    }

    /// Notes traffic from the server.
    pub fn activity(&mut self) {
        self.last_activity = Instant::now();
    }

    /// Whether a bounded client has sent all its updates and heard nothing
    /// for a while.
    pub fn done(&self) -> bool {
        !self.sending() && self.timeout().is_zero()
    }
}

/// Prints the state `S: key=body`, one line per key, sorted.
pub fn print_state<'a>(entries: impl Iterator<Item = (&'a [u8], &'a [u8])>) {
    let mut lines: Vec<String> = entries
        .map(|(key, body)| {
            format!(
                "S: {}={}",
                String::from_utf8_lossy(key),
                String::from_utf8_lossy(body)
            )
        })
        .collect();
    lines.sort();
    for line in lines {
        println!("{line}");
    }
}
