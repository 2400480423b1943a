//! `Timers`: handlers run when due, and may add, cancel, reset and re-time
//! timers (their own included) from inside `execute`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};
use zmq::{Error, PollSet, TimerId, Timers};

const MS: Duration = Duration::from_millis(1);
/// Upper bound of every loop below.
const LIMIT: Duration = Duration::from_secs(10);

/// Sleeps as `timers.timeout()` says and executes, until `done` or LIMIT
/// (a hang fails instead of freezing).
fn run_until(timers: &mut Timers<'_>, mut done: impl FnMut(&Timers<'_>) -> bool) {
    let start = Instant::now();
    let mut set = PollSet::new();
    while !done(timers) {
        assert!(start.elapsed() < LIMIT, "timers did not finish in time");
        let wait = timers.timeout().unwrap_or(MS).min(LIMIT);
        set.poll(Some(wait)).unwrap();
        timers.execute().unwrap();
    }
}

#[test]
fn a_timer_fires_repeatedly_until_cancelled() {
    let count = Cell::new(0);
    let mut timers = Timers::new().unwrap();
    let id = timers.add(MS, |_, _| count.set(count.get() + 1)).unwrap();
    assert!(timers.contains(id));
    run_until(&mut timers, |_| count.get() >= 3);
    timers.cancel(id).unwrap();
    assert!(timers.is_empty());
    assert_eq!(timers.timeout(), None);
    assert_eq!(timers.cancel(id), Err(Error::InvalidArgument));
    let before = count.get();
    std::thread::sleep(3 * MS);
    assert_eq!(timers.execute().unwrap(), 0);
    drop(timers);
    assert_eq!(count.get(), before);
}

#[test]
fn nothing_runs_before_it_is_due() {
    let fired = Cell::new(false);
    let mut timers = Timers::new().unwrap();
    timers
        .add(Duration::from_secs(3600), |_, _| fired.set(true))
        .unwrap();
    let timeout = timers.timeout().unwrap();
    assert!(timeout > Duration::from_secs(3000), "{timeout:?}");
    assert_eq!(timers.execute().unwrap(), 0);
    drop(timers);
    assert!(!fired.get());
}

#[test]
fn a_handler_cancels_itself() {
    let runs = Cell::new(0);
    let mut timers = Timers::new().unwrap();
    timers
        .add(MS, |timers, me| {
            runs.set(runs.get() + 1);
            timers.cancel(me).unwrap();
            assert!(!timers.contains(me));
        })
        .unwrap();
    run_until(&mut timers, |t| t.is_empty());
    std::thread::sleep(3 * MS);
    assert_eq!(timers.execute().unwrap(), 0);
    drop(timers);
    assert_eq!(runs.get(), 1);
}

#[test]
fn a_handler_adds_timers_that_run_in_a_later_execute() {
    let log = RefCell::new(Vec::new());
    let mut timers = Timers::new().unwrap();
    timers
        .add(MS, |timers, me| {
            log.borrow_mut().push("parent");
            timers.cancel(me).unwrap();
            let log = &log;
            timers
                .add(MS, move |timers, child| {
                    log.borrow_mut().push("child");
                    timers.cancel(child).unwrap();
                })
                .unwrap();
        })
        .unwrap();
    run_until(&mut timers, |t| t.is_empty());
    drop(timers);
    assert_eq!(*log.borrow(), ["parent", "child"]);
}

#[test]
fn a_timer_cancelled_by_an_earlier_handler_of_the_same_execute_does_not_run() {
    let victim_ran = Rc::new(Cell::new(false));
    let killer_ran = Rc::new(Cell::new(false));
    let victim: Rc<Cell<Option<TimerId>>> = Rc::new(Cell::new(None));
    let mut timers = Timers::new().unwrap();
    // Both due at the same execute; the killer is older, so runs first.
    let (k, v) = (killer_ran.clone(), victim.clone());
    timers
        .add(MS, move |timers, me| {
            k.set(true);
            if let Some(id) = v.get() {
                timers.cancel(id).unwrap();
            }
            timers.cancel(me).unwrap();
        })
        .unwrap();
    let ran = victim_ran.clone();
    let id = timers.add(MS, move |_, _| ran.set(true)).unwrap();
    victim.set(Some(id));
    std::thread::sleep(5 * MS);
    timers.execute().unwrap();
    assert!(killer_ran.get());
    assert!(!victim_ran.get());
    assert!(timers.is_empty());
}

#[test]
fn a_handler_retimes_and_resets_timers() {
    let ticks = Cell::new(0);
    let mut timers = Timers::new().unwrap();
    let slow = timers.add(Duration::from_secs(3600), |_, _| ()).unwrap();
    timers
        .add(MS, |timers, me| {
            ticks.set(ticks.get() + 1);
            // Move the slow timer to an hour from now again, then make this
            // one slow: both are live, neither is due soon.
            timers.reset(slow).unwrap();
            timers.set_interval(me, Duration::from_secs(7200)).unwrap();
        })
        .unwrap();
    run_until(&mut timers, |_| ticks.get() == 1);
    assert_eq!(timers.len(), 2);
    assert!(timers.timeout().unwrap() > Duration::from_secs(3000));
    assert_eq!(timers.execute().unwrap(), 0);
    drop(timers);
    assert_eq!(ticks.get(), 1);
}

#[test]
fn a_handler_may_execute_the_set_again() {
    let inner = Cell::new(0);
    let mut timers = Timers::new().unwrap();
    timers
        .add(MS, |timers, me| {
            timers.cancel(me).unwrap();
            // Nothing else is due: the nested execute runs nothing, and must
            // not run this handler again.
            inner.set(timers.execute().unwrap() + 10);
        })
        .unwrap();
    run_until(&mut timers, |t| t.is_empty());
    drop(timers);
    assert_eq!(inner.get(), 10);
}

#[test]
fn bad_intervals_and_unknown_ids_are_errors() {
    let mut timers = Timers::new().unwrap();
    assert_eq!(
        timers.add(Duration::ZERO, |_, _| ()).err(),
        Some(Error::InvalidArgument)
    );
    assert_eq!(
        timers.add(Duration::MAX, |_, _| ()).err(),
        Some(Error::InvalidArgument)
    );
    let id = timers.add(Duration::from_micros(10), |_, _| ()).unwrap();
    assert_eq!(
        timers.set_interval(id, Duration::ZERO),
        Err(Error::InvalidArgument)
    );
    timers.cancel(id).unwrap();
    assert_eq!(timers.reset(id), Err(Error::InvalidArgument));
    assert_eq!(timers.set_interval(id, MS), Err(Error::InvalidArgument));
}

#[test]
fn a_panicking_handler_unwinds_through_rust_only() {
    let mut timers = Timers::new().unwrap();
    timers.add(MS, |_, _| panic!("handler panic")).unwrap();
    std::thread::sleep(3 * MS);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| timers.execute()));
    assert!(caught.is_err());
    // The set is still usable.
    let ok = timers.add(MS, |_, _| ()).unwrap();
    timers.cancel(ok).unwrap();
}
