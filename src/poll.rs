//! Readiness flags ([`PollEvents`]) and polling.

use std::fmt;
use std::ops::{BitAnd, BitOr, BitOrAssign};
use std::time::Duration;

/// A set of poll events (`ZMQ_POLLIN`, `ZMQ_POLLOUT`, `ZMQ_POLLERR`,
/// `ZMQ_POLLPRI`), combined with `|`.
///
/// ```
/// use zmq::PollEvents;
/// let both = PollEvents::IN | PollEvents::OUT;
/// assert!(both.contains(PollEvents::IN));
/// assert!(!PollEvents::empty().is_readable());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PollEvents(i16);

impl PollEvents {
    /// Readable: at least one message can be received without blocking.
    pub const IN: PollEvents = PollEvents(zmq_sys::ZMQ_POLLIN as i16);
    /// Writable: at least one message can be sent without blocking.
    pub const OUT: PollEvents = PollEvents(zmq_sys::ZMQ_POLLOUT as i16);
    /// An error condition (raw file descriptors only).
    pub const ERR: PollEvents = PollEvents(zmq_sys::ZMQ_POLLERR as i16);
    /// Urgent data (raw file descriptors only).
    pub const PRI: PollEvents = PollEvents(zmq_sys::ZMQ_POLLPRI as i16);

    /// No events.
    pub const fn empty() -> PollEvents {
        PollEvents(0)
    }
    /// The raw `short` bits.
    pub const fn bits(self) -> i16 {
        self.0
    }
    /// From raw bits (unknown bits are kept).
    pub const fn from_bits(bits: i16) -> PollEvents {
        PollEvents(bits)
    }
    /// Whether every event of `other` is set.
    pub const fn contains(self, other: PollEvents) -> bool {
        self.0 & other.0 == other.0
    }
    /// Whether any event is set.
    pub const fn intersects(self, other: PollEvents) -> bool {
        self.0 & other.0 != 0
    }
    /// Whether no event is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Whether [`PollEvents::IN`] is set.
    pub const fn is_readable(self) -> bool {
        self.contains(PollEvents::IN)
    }
    /// Whether [`PollEvents::OUT`] is set.
    pub const fn is_writable(self) -> bool {
        self.contains(PollEvents::OUT)
    }
}

impl BitOr for PollEvents {
    type Output = PollEvents;
    fn bitor(self, rhs: PollEvents) -> PollEvents {
        PollEvents(self.0 | rhs.0)
    }
}
impl BitOrAssign for PollEvents {
    fn bitor_assign(&mut self, rhs: PollEvents) {
        self.0 |= rhs.0;
    }
}
impl BitAnd for PollEvents {
    type Output = PollEvents;
    fn bitand(self, rhs: PollEvents) -> PollEvents {
        PollEvents(self.0 & rhs.0)
    }
}

impl fmt::Debug for PollEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = [
            (PollEvents::IN, "IN"),
            (PollEvents::OUT, "OUT"),
            (PollEvents::ERR, "ERR"),
            (PollEvents::PRI, "PRI"),
        ];
        let set: Vec<&str> = names
            .iter()
            .filter(|(e, _)| self.contains(*e))
            .map(|(_, n)| *n)
            .collect();
        if set.is_empty() {
            f.write_str("PollEvents(empty)")
        } else {
            write!(f, "PollEvents({})", set.join(" | "))
        }
    }
}

/// A poll timeout in libzmq's encoding: milliseconds, `-1` for "forever".
/// Durations are rounded up, so a non-zero wait never becomes a busy poll;
/// anything beyond `i64::MAX` ms means forever.
pub(crate) fn timeout_ms(timeout: Option<Duration>) -> i64 {
    match timeout {
        None => -1,
        Some(d) => {
            let ms = d.as_millis() + u128::from(d.subsec_nanos() % 1_000_000 != 0);
            i64::try_from(ms).unwrap_or(-1)
        }
    }
}
