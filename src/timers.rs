//! [`Timers`]: libzmq's timer set (`zmq_timers_*`, cppzmq's `timers`), with
//! Rust closures as handlers.

use crate::error::{Error, Result, check};
use std::collections::HashMap;
use std::ffi::{c_int, c_void};
use std::fmt;
use std::ptr::NonNull;
use std::time::Duration;

/// Identifies one timer of one [`Timers`] (libzmq's timer id), returned by
/// [`Timers::add`] and handed to the timer's handler.
///
/// ```
/// use std::time::Duration;
///
/// let mut timers = zmq::Timers::new()?;
/// let heartbeat = timers.add(Duration::from_secs(1), |_, _| {})?;
/// assert!(timers.contains(heartbeat));
/// timers.cancel(heartbeat)?;
/// assert!(!timers.contains(heartbeat));
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimerId(i32);

impl TimerId {
    /// libzmq's id.
    pub const fn raw(self) -> i32 {
        self.0
    }
}

/// A timer's handler: it gets the timer set itself, so it may add, cancel,
/// reset or re-time timers (its own included) while it runs.
type Handler<'a> = Box<dyn FnMut(&mut Timers<'a>, TimerId) + 'a>;

/// A set of repeating timers for an event loop (`zmq_timers_*`, cppzmq's
/// `timers`): [`add`](Timers::add) a handler to run every interval, ask
/// [`timeout`](Timers::timeout) how long the next poll may sleep, and call
/// [`execute`](Timers::execute) after it to run the handlers that are due.
///
/// The handlers are Rust closures. libzmq's own callback only records which
/// timers are due; the closures run after `zmq_timers_execute` has returned,
/// so a handler may add, cancel, reset or re-time any timer — its own too —
/// and a panic in one unwinds through Rust code only. A timer cancelled by
/// an earlier handler of the same `execute` does not run.
///
/// ```
/// use std::time::Duration;
/// use zmq::{PollSet, Timers};
///
/// let mut ticks = 0;
/// let mut timers = Timers::new()?;
/// timers.add(Duration::from_millis(1), |timers, id| {
///     ticks += 1;
///     if ticks == 3 {
///         timers.cancel(id).unwrap(); // a handler may cancel itself
///     }
/// })?;
/// let mut set = PollSet::new(); // the sockets of the loop would go here
/// while !timers.is_empty() {
///     set.poll(timers.timeout())?; // sleeps until the next timer is due
///     timers.execute()?;
/// }
/// drop(timers);
/// assert_eq!(ticks, 3);
/// # Ok::<(), zmq::Error>(())
/// ```
pub struct Timers<'a> {
    raw: NonNull<c_void>,
    /// The ids libzmq's callback recorded during the running
    /// `zmq_timers_execute`; a `Box::into_raw` pointer (freed in `Drop`),
    /// the `arg` of every timer, so it must not move.
    fired: NonNull<Vec<c_int>>,
    /// Each live timer's handler; `None` while the handler runs.
    handlers: HashMap<c_int, Option<Handler<'a>>>,
}

impl fmt::Debug for Timers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timers")
            .field("len", &self.handlers.len())
            .finish_non_exhaustive()
    }
}

/// libzmq's callback: records the id. It cannot panic: `execute` reserves
/// room for every live timer first, and a full list (impossible: each timer
/// fires at most once per execute) drops the id instead of growing.
unsafe extern "C" fn record(timer_id: c_int, arg: *mut c_void) {
    // SAFETY: `arg` is the `fired` pointer of the `Timers` whose execute is
    // running; nothing else touches that Vec during the C call.
    let fired = unsafe { &mut *arg.cast::<Vec<c_int>>() };
    if fired.len() < fired.capacity() {
        fired.push(timer_id);
    }
}

impl<'a> Timers<'a> {
    /// An empty timer set (`zmq_timers_new`); see [`Timers`] for a loop.
    ///
    /// ```
    /// let timers = zmq::Timers::new()?;
    /// assert_eq!(timers.timeout(), None); // no timer: the poll may block
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn new() -> Result<Timers<'a>> {
        // SAFETY: no preconditions; NULL signals failure.
        let raw = NonNull::new(unsafe { zmq_sys::zmq_timers_new() }).ok_or_else(Error::last)?;
        Ok(Timers {
            raw,
            fired: NonNull::from(Box::leak(Box::new(Vec::new()))),
            handlers: HashMap::new(),
        })
    }

    /// Adds a timer that runs `handler` every `interval` (rounded up to
    /// whole milliseconds), first one interval from now. A zero interval is
    /// [`Error::InvalidArgument`]: libzmq would run such a timer forever
    /// within one `execute`.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let mut timers = zmq::Timers::new()?;
    /// timers.add(Duration::from_millis(500), |_, _| println!("heartbeat"))?;
    /// assert!(timers.timeout().unwrap() <= Duration::from_millis(500));
    /// assert!(timers.add(Duration::ZERO, |_, _| {}).is_err());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn add(
        &mut self,
        interval: Duration,
        handler: impl FnMut(&mut Timers<'a>, TimerId) + 'a,
    ) -> Result<TimerId> {
        let ms = interval_ms(interval)?;
        // SAFETY: live timer set; `record` only touches `fired`, which lives
        // as long as the timer set (and so as long as any of its timers).
        let id = unsafe {
            zmq_sys::zmq_timers_add(
                self.raw.as_ptr(),
                ms,
                Some(record),
                self.fired.as_ptr().cast(),
            )
        };
        let id = check(id)?;
        self.handlers.insert(id, Some(Box::new(handler)));
        Ok(TimerId(id))
    }

    /// Cancels a timer (`zmq_timers_cancel`); its handler is dropped (after
    /// it returns, if it is the one running). [`Error::InvalidArgument`] for
    /// an unknown or already cancelled timer.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let mut timers = zmq::Timers::new()?;
    /// let id = timers.add(Duration::from_secs(5), |_, _| {})?;
    /// timers.cancel(id)?;
    /// assert_eq!(timers.cancel(id), Err(zmq::Error::InvalidArgument));
    /// assert!(timers.is_empty());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn cancel(&mut self, id: TimerId) -> Result<()> {
        self.known(id)?;
        // SAFETY: live timer set.
        check(unsafe { zmq_sys::zmq_timers_cancel(self.raw.as_ptr(), id.0) })?;
        self.handlers.remove(&id.0);
        Ok(())
    }

    /// Changes a timer's interval (`zmq_timers_set_interval`); it next runs
    /// one new interval from now.
    pub fn set_interval(&mut self, id: TimerId, interval: Duration) -> Result<()> {
        self.known(id)?;
        let ms = interval_ms(interval)?;
        // SAFETY: live timer set.
        check(unsafe { zmq_sys::zmq_timers_set_interval(self.raw.as_ptr(), id.0, ms) }).map(drop)
    }

    /// Restarts a timer's interval from now (`zmq_timers_reset`).
    pub fn reset(&mut self, id: TimerId) -> Result<()> {
        self.known(id)?;
        // SAFETY: live timer set.
        check(unsafe { zmq_sys::zmq_timers_reset(self.raw.as_ptr(), id.0) }).map(drop)
    }

    fn known(&self, id: TimerId) -> Result<()> {
        if self.handlers.contains_key(&id.0) {
            Ok(())
        } else {
            Err(Error::InvalidArgument)
        }
    }

    /// How long until the next timer is due (zero if one is due now), or
    /// `None` without timers: the timeout for the next poll
    /// (`zmq_timers_timeout`).
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let pull = ctx.socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-timers-timeout")?;
    /// let mut timers = zmq::Timers::new()?;
    /// timers.add(Duration::from_millis(5), |_, _| {})?;
    /// // Sleep in the poll until a message comes or the timer is due.
    /// pull.poll(zmq::PollEvents::IN, timers.timeout())?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn timeout(&self) -> Option<Duration> {
        // SAFETY: live timer set. libzmq also drops cancelled entries here,
        // which changes nothing observable; no callback runs.
        let ms = unsafe { zmq_sys::zmq_timers_timeout(self.raw.as_ptr()) };
        u64::try_from(ms).ok().map(Duration::from_millis)
    }

    /// Runs the handlers of the timers that are due (`zmq_timers_execute`)
    /// and returns how many ran. A handler may call any method of the timer
    /// set, `execute` included.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let mut fired = 0;
    /// let mut timers = zmq::Timers::new()?;
    /// timers.add(Duration::from_millis(1), |_, _| fired += 1)?;
    /// let mut ran = 0;
    /// while ran == 0 {
    ///     std::thread::sleep(timers.timeout().expect("one timer"));
    ///     ran = timers.execute()?; // 0 while nothing is due
    /// }
    /// drop(timers);
    /// assert_eq!(fired, 1);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn execute(&mut self) -> Result<usize> {
        {
            // SAFETY: `fired` is valid (freed only in Drop) and no C call is
            // running, so this is its only user.
            let fired = unsafe { self.fired.as_mut() };
            fired.clear();
            fired.reserve(self.handlers.len());
        }
        // SAFETY: live timer set; `record` is the only callback and it only
        // pushes into `fired`, within the room reserved above.
        check(unsafe { zmq_sys::zmq_timers_execute(self.raw.as_ptr()) })?;
        // Take the list out, so that a handler calling `execute` again
        // records into a list of its own.
        // SAFETY: as above: the C call is over.
        let due = std::mem::take(unsafe { self.fired.as_mut() });
        let mut ran = 0;
        for &id in &due {
            // Cancelled by an earlier handler, or running (a nested execute
            // inside this timer's own handler): skip.
            let Some(mut handler) = self.handlers.get_mut(&id).and_then(Option::take) else {
                continue;
            };
            handler(self, TimerId(id));
            ran += 1;
            // Put it back unless the handler cancelled its timer.
            if let Some(slot @ None) = self.handlers.get_mut(&id) {
                *slot = Some(handler);
            }
        }
        // Keep the list's room for the next execute.
        // SAFETY: no C call is running.
        let fired = unsafe { self.fired.as_mut() };
        if fired.capacity() < due.capacity() {
            *fired = due;
        }
        Ok(ran)
    }

    /// Number of live timers.
    pub fn len(&self) -> usize {
        self.handlers.len()
    }

    /// Whether there are no live timers.
    pub fn is_empty(&self) -> bool {
        self.handlers.is_empty()
    }

    /// Whether `id` is a live timer of this set.
    pub fn contains(&self, id: TimerId) -> bool {
        self.handlers.contains_key(&id.0)
    }
}

/// An interval in whole milliseconds, rounded up; zero is refused.
fn interval_ms(interval: Duration) -> Result<usize> {
    let ms = crate::poll::timeout_ms(Some(interval));
    match usize::try_from(ms) {
        Ok(0) | Err(_) => Err(Error::InvalidArgument),
        Ok(ms) => Ok(ms),
    }
}

impl Drop for Timers<'_> {
    fn drop(&mut self) {
        let mut raw = self.raw.as_ptr();
        // SAFETY: the timer set is live and destroyed once, here.
        unsafe { zmq_sys::zmq_timers_destroy(&mut raw) };
        // SAFETY: from Box::leak in `new`, freed once, here; libzmq no longer
        // holds timers that point at it.
        drop(unsafe { Box::from_raw(self.fired.as_ptr()) });
    }
}
