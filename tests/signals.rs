//! Signals and blocking calls, with real signals (`pthread_kill`): a signal
//! the program does not care about never makes a blocking call fail,
//! timeouts stay total deadlines, a registered flag makes calls return
//! `Interrupted`, and a signal storm loses or duplicates nothing.
//!
//! The interrupt flag is process-wide, so these tests run one at a time
//! (a lock) and each leaves the flag cleared.

mod common;

use common::{TIMEOUT, Transport, connected, within};
use std::ffi::c_int;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Once};
use std::time::{Duration, Instant};
use zmq::{Context, Error, Pair, PollEvents, PollSet, Pull, Push};

/// Signals delivered to the handler, to check the storms really happened.
static DELIVERED: AtomicUsize = AtomicUsize::new(0);

extern "C" fn count_signal(_: c_int) {
    DELIVERED.fetch_add(1, Ordering::Relaxed);
}

/// One test at a time, with a SIGUSR1 handler installed without
/// `SA_RESTART` (so blocking syscalls really fail with `EINTR`).
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    static HANDLER: Once = Once::new();
    HANDLER.call_once(|| {
        // SAFETY: a zeroed sigaction with our handler and an empty mask;
        // the handler only touches an atomic (async-signal-safe).
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = count_signal as extern "C" fn(c_int) as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            assert_eq!(
                libc::sigaction(libc::SIGUSR1, &action, std::ptr::null_mut()),
                0
            );
        }
    });
    let guard = LOCK.lock().unwrap_or_else(|p| p.into_inner());
    zmq::interrupt::clear_flag();
    guard
}

/// The calling thread's id, for `pthread_kill`.
fn me() -> libc::pthread_t {
    // SAFETY: always valid.
    unsafe { libc::pthread_self() }
}

/// Sends SIGUSR1 to `threads` every `every` until `stop` is set.
fn storm(
    threads: Vec<libc::pthread_t>,
    every: Duration,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<usize> {
    std::thread::spawn(move || {
        let mut sent = 0;
        while !stop.load(Ordering::Relaxed) {
            for &t in &threads {
                // SAFETY: the targets stay alive until `stop` is set (the
                // test joins this thread before they end).
                if unsafe { libc::pthread_kill(t, libc::SIGUSR1) } == 0 {
                    sent += 1;
                }
            }
            std::thread::sleep(every);
        }
        sent
    })
}

#[test]
fn an_unrelated_signal_does_not_fail_a_blocking_recv() {
    signals_during_recv(|b| b.recv().map(|m| m.to_vec()));
}

#[test]
fn an_unrelated_signal_does_not_fail_a_socket_ref_recv() {
    signals_during_recv(|b| {
        b.socket_ref()
            .recv(zmq::RecvFlags::NONE)
            .map(|m| m.to_vec())
    });
}

/// Signals the receiving thread while `recv` waits, then sends one message.
fn signals_during_recv(recv: impl Fn(&zmq::Socket<Pair>) -> zmq::Result<Vec<u8>>) {
    let _serial = serial();
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Tcp);
    b.set_rcvtimeo(None).unwrap(); // block for real
    let stop = Arc::new(AtomicBool::new(false));
    let before = DELIVERED.load(Ordering::Relaxed);
    let signals = storm(vec![me()], Duration::from_millis(5), stop.clone());
    let sender = std::thread::spawn(move || {
        // Let the receiver be interrupted a few times first.
        while DELIVERED.load(Ordering::Relaxed) < before + 20 {
            std::thread::sleep(Duration::from_millis(1));
        }
        a.send("after the signals").unwrap();
        a
    });
    let got = recv(&b);
    stop.store(true, Ordering::Relaxed);
    signals.join().unwrap();
    let _a = sender.join().unwrap();
    assert_eq!(got.unwrap(), b"after the signals");
    assert!(DELIVERED.load(Ordering::Relaxed) >= before + 20);
}

#[test]
fn timeouts_stay_total_deadlines_across_signals() {
    let _serial = serial();
    let ctx = Context::new();
    let (_a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    let timeout = Duration::from_millis(300);
    b.set_rcvtimeo(Some(timeout)).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    // A signal every 20 ms: restarting the timeout on each would never end.
    let signals = storm(vec![me()], Duration::from_millis(20), stop.clone());
    let started = Instant::now();
    let recv = b.recv();
    let elapsed = started.elapsed();

    // The same for a poll set.
    let mut set = PollSet::new();
    set.add(&b, PollEvents::IN);
    let started = Instant::now();
    let polled = set.poll(Some(timeout));
    let poll_elapsed = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    signals.join().unwrap();

    assert_eq!(recv.unwrap_err(), Error::WouldBlock);
    assert!(elapsed >= timeout, "returned early: {elapsed:?}");
    assert_eq!(polled.unwrap(), 0);
    assert!(poll_elapsed >= timeout, "returned early: {poll_elapsed:?}");
}

#[test]
fn a_registered_flag_makes_blocking_calls_return_interrupted() {
    static FLAG: AtomicBool = AtomicBool::new(false);
    let _serial = serial();
    let ctx = Context::new();
    let (_a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    b.set_rcvtimeo(None).unwrap();
    zmq::interrupt::set_flag(&FLAG);
    let receiver = me();
    let got = within(TIMEOUT, move || {
        let b = b;
        let receiver_thread = me();
        let waker = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            FLAG.store(true, Ordering::SeqCst);
            // SAFETY: the receiving thread is alive: it waits in recv.
            unsafe { libc::pthread_kill(receiver_thread, libc::SIGUSR1) };
        });
        let got = b.recv();
        waker.join().unwrap();
        // Set before the call: returns at once, without waiting.
        let again = b.recv();
        (got, again)
    });
    let _ = receiver;
    zmq::interrupt::clear_flag();
    FLAG.store(false, Ordering::SeqCst);
    assert_eq!(got.0.unwrap_err(), Error::Interrupted);
    assert_eq!(got.1.unwrap_err(), Error::Interrupted);
    assert!(!zmq::interrupt::is_interrupted());
}

#[test]
fn catch_signals_sets_the_crates_flag() {
    let _serial = serial();
    let flag = zmq::interrupt::catch_signals(&[libc::SIGUSR2]).unwrap();
    assert!(!flag.load(Ordering::Relaxed));
    // SAFETY: signal ourselves; the handler only sets the flag.
    unsafe { libc::pthread_kill(me(), libc::SIGUSR2) };
    assert!(flag.load(Ordering::Relaxed));
    assert!(zmq::interrupt::is_interrupted());
    let ctx = Context::new();
    let (_a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    assert_eq!(b.recv().unwrap_err(), Error::Interrupted);
    zmq::interrupt::clear_flag();
    assert!(!zmq::interrupt::is_interrupted());
}

#[test]
fn a_signal_storm_loses_and_duplicates_nothing() {
    let _serial = serial();
    const MESSAGES: u32 = 100_000;
    let ctx = Context::new();
    let (pull, push) = connected::<Pull, Push>(&ctx, Transport::Tcp);
    pull.set_rcvtimeo(Some(TIMEOUT)).unwrap();
    // Small queues, so both sides block (and get interrupted) often.
    push.set_sndhwm(10).unwrap();
    pull.set_rcvhwm(10).unwrap();
    let (tid_tx, tid_rx) = std::sync::mpsc::channel();
    let sender = std::thread::spawn(move || {
        tid_tx.send(me()).unwrap();
        for i in 0..MESSAGES {
            push.send_multipart([&b"head"[..], &i.to_be_bytes(), b"tail"])
                .unwrap();
        }
        push
    });
    let sender_tid = tid_rx.recv().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let before = DELIVERED.load(Ordering::Relaxed);
    let signals = storm(
        vec![me(), sender_tid],
        Duration::from_micros(200),
        stop.clone(),
    );
    let mut parts = zmq::Multipart::new();
    let mut result = Ok(());
    for i in 0..MESSAGES {
        if let Err(e) = pull.recv_multipart_into(&mut parts) {
            result = Err(format!("message {i}: {e}"));
            break;
        }
        let whole = parts.len() == 3 && parts[0] == "head" && parts[2] == "tail";
        if !whole || parts[1] != i.to_be_bytes() {
            result = Err(format!("message {i} came as {parts:?}"));
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    let sent = signals.join().unwrap();
    let _push = sender.join().unwrap();
    result.unwrap();
    // Nothing more than the MESSAGES messages.
    assert_eq!(pull.try_recv().unwrap(), None);
    assert!(sent > 100, "only {sent} signals sent");
    assert!(DELIVERED.load(Ordering::Relaxed) > before + 100);
}
