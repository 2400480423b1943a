//! A counting global allocator proves that the steady-state send/recv paths
//! make no Rust heap allocation, and that a zero-copy `Vec<u8>` is freed
//! exactly once (by libzmq's callback, on whatever thread).

mod common;

use common::{TIMEOUT, Transport, await_readable, connected};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use zmq::{ActivePoller, Context, Message, Pair, PollEntry, PollEvents, Pull, Push, SendFlags};

struct Counting;

thread_local! {
    /// Allocations made by this thread while counting is on.
    static COUNT: Cell<Option<usize>> = const { Cell::new(None) };
}
/// Address whose deallocations are counted (0: none).
static WATCHED: AtomicUsize = AtomicUsize::new(0);
static WATCHED_FREES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; the
// bookkeeping touches only a thread-local Cell and atomics, never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = COUNT.try_with(|c| {
            if let Some(n) = c.get() {
                c.set(Some(n + 1));
            }
        });
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ptr as usize == WATCHED.load(Ordering::SeqCst) {
            WATCHED_FREES.fetch_add(1, Ordering::SeqCst);
        }
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    COUNT.with(|c| c.set(Some(0)));
    f();
    COUNT.with(|c| c.replace(None)).unwrap_or(0)
}

fn pair(transport: Transport) -> (Context, zmq::Socket<Pair>, zmq::Socket<Pair>) {
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, transport);
    (ctx, a, b)
}

#[test]
fn steady_state_paths_do_not_allocate() {
    for transport in [Transport::Inproc, Transport::Tcp] {
        let (_ctx, a, b) = pair(transport);
        let payload = [7u8; 64];
        let big = vec![9u8; 100_000];
        let mut msg = Message::new();
        let mut buf = [0u8; 256];
        // Warm up: connections, pipes and thread-locals settle.
        for _ in 0..10 {
            a.send(&payload[..]).unwrap();
            b.recv_msg(&mut msg).unwrap();
        }
        let n = allocations(|| {
            for _ in 0..1000 {
                a.send(&payload[..]).unwrap();
                b.recv_msg(&mut msg).unwrap();
                a.send(&big[..]).unwrap();
                b.recv_into(&mut buf).unwrap();
                a.send(Message::from(&payload)).unwrap();
                let m = Message::copy_from(&payload);
                a.send_msg(m, SendFlags::NONE).unwrap();
                b.recv_msg(&mut msg).unwrap();
                b.recv_msg(&mut msg).unwrap();
            }
        });
        assert_eq!(n, 0, "{transport:?}: Rust heap allocations in the loop");
    }
}

#[test]
fn zero_copy_buffers_are_freed_exactly_once() {
    let (_ctx, a, b) = pair(Transport::Inproc);
    let v = vec![1u8; 4096];
    WATCHED.store(v.as_ptr() as usize, Ordering::SeqCst);
    WATCHED_FREES.store(0, Ordering::SeqCst);
    a.send(v).unwrap();
    let got = b.recv().unwrap();
    assert_eq!(got.len(), 4096);
    assert_eq!(
        WATCHED_FREES.load(Ordering::SeqCst),
        0,
        "still in use by the receiver"
    );
    let clone = got.clone();
    drop(got);
    assert_eq!(
        WATCHED_FREES.load(Ordering::SeqCst),
        0,
        "the clone still shares it"
    );
    drop(clone);
    assert_eq!(WATCHED_FREES.load(Ordering::SeqCst), 1);
    WATCHED.store(0, Ordering::SeqCst);

    // A message that is never sent is freed once too.
    let v = vec![2u8; 4096];
    WATCHED.store(v.as_ptr() as usize, Ordering::SeqCst);
    WATCHED_FREES.store(0, Ordering::SeqCst);
    drop(Message::from(v));
    assert_eq!(WATCHED_FREES.load(Ordering::SeqCst), 1);
    WATCHED.store(0, Ordering::SeqCst);
}

#[test]
fn active_poller_wait_makes_no_heap_allocation_once_sized() {
    let ctx = Context::new();
    let (pull_a, push_a) = connected::<Pull, Push>(&ctx, Transport::Inproc);
    let (pull_b, push_b) = connected::<Pull, Push>(&ctx, Transport::Inproc);
    let count = Cell::new(0);
    fn counter<'a>(count: &'a Cell<u32>) -> impl FnMut(&mut ActivePoller<'a>, PollEntry<'a>) + 'a {
        move |_, entry| {
            let mut buf = [0u8; 16];
            let socket = entry.socket_ref().unwrap();
            socket.recv_into(&mut buf, zmq::RecvFlags::NONE).unwrap();
            count.set(count.get() + 1);
        }
    }
    let mut poller = ActivePoller::new();
    poller
        .add(&pull_a, PollEvents::IN, counter(&count))
        .unwrap();
    poller
        .add(&pull_b, PollEvents::IN, counter(&count))
        .unwrap();
    let round = |poller: &mut ActivePoller<'_>| {
        push_a.send(&b"a"[..]).unwrap();
        push_b.send(&b"b"[..]).unwrap();
        // Both queued before waiting, so one wait sees both.
        await_readable(&pull_a);
        await_readable(&pull_b);
        poller.wait(Some(TIMEOUT)).unwrap()
    };
    assert_eq!(round(&mut poller), 2); // sizes the poller's ready list
    let mut ready = 0;
    let allocs = allocations(|| ready = round(&mut poller));
    assert_eq!(ready, 2);
    assert_eq!(allocs, 0, "ActivePoller::wait allocated");
    assert_eq!(count.get(), 4);
}

/// The steady-state async receive path (`AsyncSocket::recv_msg`, feature
/// `tokio`) makes no Rust heap allocation either, whether the message is
/// already queued or the receive has to wait for it (the runtime, its
/// reactor and the sender's peer all run on this thread or in libzmq).
#[cfg(all(feature = "tokio", unix))]
#[test]
fn async_recv_msg_steady_state_does_not_allocate() {
    const WARM: usize = 2_000;
    const N: usize = 20_000;
    for transport in [Transport::Inproc, Transport::Tcp] {
        let (_ctx, a, b) = pair(transport);
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (n, waits) = rt.block_on(async {
            let b = zmq::tokio::AsyncSocket::new(b).unwrap();
            // The sender pauses now and then, so that the receiver both
            // finds messages queued and waits for them.
            let sender = std::thread::spawn(move || {
                for i in 0..WARM + N {
                    a.send(&[7u8; 64][..]).unwrap();
                    if i % 64 == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(50));
                    }
                }
                a
            });
            let mut msg = Message::new();
            for _ in 0..WARM {
                b.recv_msg(&mut msg).await.unwrap();
            }
            // tokio allocates its list of deferred wake-ups (used when a
            // task yields or runs out of cooperative budget, which a burst
            // of receives does) once, on first use: not per message.
            tokio::task::yield_now().await;
            let mut waits = 0;
            COUNT.with(|c| c.set(Some(0)));
            for _ in 0..N {
                // Count the receives that found nothing queued.
                let mut fut = std::pin::pin!(b.recv_msg(&mut msg));
                let first = std::future::poll_fn(|cx| {
                    std::task::Poll::Ready(std::future::Future::poll(fut.as_mut(), cx))
                })
                .await;
                match first {
                    std::task::Poll::Ready(r) => r.unwrap(),
                    std::task::Poll::Pending => {
                        waits += 1;
                        fut.await.unwrap();
                    }
                }
            }
            let n = COUNT.with(|c| c.replace(None)).unwrap_or(0);
            assert_eq!(msg.len(), 64);
            drop(sender.join().unwrap());
            (n, waits)
        });
        assert!(waits > 0, "{transport:?}: the receiver never had to wait");
        assert_eq!(n, 0, "{transport:?}: Rust heap allocations in the loop");
    }
}
