//! One message sent and received over `inproc://`, through every send and
//! receive path of the safe API, each beside the same operation done with
//! raw zmq-sys calls on the same pair of sockets. The difference between a
//! `safe` and its `raw` line is the wrapper's cost per call.
//!
//! ```text
//! cargo bench --bench send_recv
//! ```
//!
//! In the `send_*` groups only the sending side differs (the receiver is
//! the same raw `zmq_msg_recv` into one reused message); in the `recv_*`
//! groups only the receiving side differs (the sender is raw `zmq_send`).
//! Frames are 64 bytes, a size libzmq stores on the heap; `*multipart`
//! messages have three frames.

mod common;

use common::RawMsg;
use criterion::{BatchSize, Criterion};
use std::ffi::c_void;
use std::hint::black_box;
use std::mem::MaybeUninit;
use std::time::Duration;
use zmq::{Context, Message, Pull, Push, SendFlags, Socket, UninitMessage, sys};

const SIZE: usize = 64;
const FRAMES: usize = 3;

/// `zmq_msg_send`, asserting success.
fn raw_msg_send(sock: *mut c_void, msg: &mut RawMsg, flags: i32) {
    // SAFETY: live socket and initialised message.
    let rc = unsafe { sys::zmq_msg_send(&mut msg.0, sock, flags) };
    assert!(rc >= 0);
}

/// `zmq_send` of a buffer, asserting success.
fn raw_send(sock: *mut c_void, data: &[u8], flags: i32) {
    // SAFETY: live socket; libzmq copies `data.len()` readable bytes.
    let rc = unsafe { sys::zmq_send(sock, data.as_ptr().cast(), data.len(), flags) };
    assert!(rc >= 0);
}

/// `zmq_msg_recv` into an existing message, asserting success.
fn raw_recv(sock: *mut c_void, msg: &mut RawMsg) {
    // SAFETY: live socket and initialised message.
    let rc = unsafe { sys::zmq_msg_recv(&mut msg.0, sock, 0) };
    assert!(rc >= 0);
}

/// A connected PUSH/PULL pair over inproc.
struct Pair {
    _ctx: Context,
    push: Socket<Push>,
    pull: Socket<Pull>,
}

impl Pair {
    fn new() -> Pair {
        let ctx = Context::new();
        let pull = ctx.socket::<Pull>().expect("socket");
        pull.bind("inproc://bench").expect("bind");
        let push = ctx.socket::<Push>().expect("socket");
        push.connect("inproc://bench").expect("connect");
        Pair {
            _ctx: ctx,
            push,
            pull,
        }
    }
}

fn send_paths(c: &mut Criterion, pair: &Pair) {
    let (push, pull) = (&pair.push, pair.pull.as_raw());
    let raw_push = push.as_raw();
    let data = [7u8; SIZE];
    let mut sink = RawMsg::empty();

    let mut group = c.benchmark_group("send_slice");
    group.bench_function("safe", |b| {
        b.iter(|| {
            push.send(black_box(&data[..])).unwrap();
            raw_recv(pull, &mut sink);
        })
    });
    group.bench_function("raw", |b| {
        b.iter(|| {
            raw_msg_send(raw_push, &mut RawMsg::copy(black_box(&data)), 0);
            raw_recv(pull, &mut sink);
        })
    });
    group.bench_function("raw_zmq_send", |b| {
        b.iter(|| {
            raw_send(raw_push, black_box(&data), 0);
            raw_recv(pull, &mut sink);
        })
    });
    group.finish();

    let mut group = c.benchmark_group("send_message");
    group.bench_function("safe", |b| {
        b.iter_batched(
            || Message::from(&data[..]),
            |msg| {
                push.send(msg).unwrap();
                raw_recv(pull, &mut sink);
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("raw", |b| {
        b.iter_batched(
            || RawMsg::copy(&data),
            |mut msg| {
                raw_msg_send(raw_push, &mut msg, 0);
                raw_recv(pull, &mut sink);
                msg
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();

    let mut group = c.benchmark_group("send_uninit");
    // The safe way to send a payload the caller never wrote: zero it.
    group.bench_function("zero_rest", |b| {
        b.iter(|| {
            let msg = UninitMessage::new(black_box(SIZE)).zero_rest();
            push.send(msg).unwrap();
            raw_recv(pull, &mut sink);
        })
    });
    group.bench_function("safe", |b| {
        b.iter(|| {
            let msg = UninitMessage::new(black_box(SIZE));
            // SAFETY: the PULL side of this benchmark reads only lengths,
            // and the benchmark holds no secrets.
            unsafe { push.send_uninit(msg, SendFlags::NONE) }.unwrap();
            raw_recv(pull, &mut sink);
        })
    });
    group.bench_function("raw", |b| {
        b.iter(|| {
            let mut msg = MaybeUninit::<sys::zmq_msg_t>::uninit();
            // SAFETY: zmq_msg_init_size initialises the message (checked);
            // zmq_msg_send takes its content.
            unsafe {
                assert_eq!(sys::zmq_msg_init_size(msg.as_mut_ptr(), black_box(SIZE)), 0);
                assert!(sys::zmq_msg_send(msg.as_mut_ptr(), raw_push, 0) >= 0);
            }
            raw_recv(pull, &mut sink);
        })
    });
    group.finish();

    let mut group = c.benchmark_group("send_multipart");
    let mut sinks = [RawMsg::empty(), RawMsg::empty(), RawMsg::empty()];
    let frame = &data[..];
    group.bench_function("safe", |b| {
        b.iter(|| {
            push.send_multipart(black_box([frame, frame, frame]))
                .unwrap();
            sinks.iter_mut().for_each(|m| raw_recv(pull, m));
        })
    });
    group.bench_function("raw", |b| {
        b.iter(|| {
            for i in 0..FRAMES {
                let more = if i + 1 < FRAMES { sys::ZMQ_SNDMORE } else { 0 };
                raw_msg_send(raw_push, &mut RawMsg::copy(black_box(frame)), more);
            }
            sinks.iter_mut().for_each(|m| raw_recv(pull, m));
        })
    });
    group.finish();
}

fn recv_paths(c: &mut Criterion, pair: &Pair) {
    let (pull, raw_pull) = (&pair.pull, pair.pull.as_raw());
    let push = pair.push.as_raw();
    let data = [7u8; SIZE];

    let mut group = c.benchmark_group("recv");
    group.bench_function("safe", |b| {
        b.iter(|| {
            raw_send(push, &data, 0);
            pull.recv().unwrap()
        })
    });
    group.bench_function("raw", |b| {
        b.iter(|| {
            raw_send(push, &data, 0);
            let mut msg = RawMsg::empty();
            raw_recv(raw_pull, &mut msg);
            msg
        })
    });
    group.finish();

    let mut group = c.benchmark_group("recv_msg");
    let mut msg = Message::new();
    let mut raw = RawMsg::empty();
    group.bench_function("safe", |b| {
        b.iter(|| {
            raw_send(push, &data, 0);
            pull.recv_msg(&mut msg).unwrap();
        })
    });
    group.bench_function("raw", |b| {
        b.iter(|| {
            raw_send(push, &data, 0);
            raw_recv(raw_pull, &mut raw);
        })
    });
    group.finish();

    let mut group = c.benchmark_group("recv_into");
    let mut buf = [0u8; SIZE];
    group.bench_function("safe", |b| {
        b.iter(|| {
            raw_send(push, &data, 0);
            pull.recv_into(black_box(&mut buf)).unwrap()
        })
    });
    group.bench_function("raw", |b| {
        b.iter(|| {
            raw_send(push, &data, 0);
            let buf = black_box(&mut buf);
            // SAFETY: live socket; libzmq writes at most buf.len() bytes.
            let rc = unsafe { sys::zmq_recv(raw_pull, buf.as_mut_ptr().cast(), buf.len(), 0) };
            assert!(rc >= 0);
            rc
        })
    });
    group.finish();

    let mut group = c.benchmark_group("recv_multipart");
    let send3 = || {
        raw_send(push, &data, sys::ZMQ_SNDMORE);
        raw_send(push, &data, sys::ZMQ_SNDMORE);
        raw_send(push, &data, 0);
    };
    group.bench_function("safe", |b| {
        b.iter(|| {
            send3();
            pull.recv_multipart().unwrap()
        })
    });
    group.bench_function("raw", |b| {
        b.iter(|| {
            send3();
            raw_recv_frames(raw_pull)
        })
    });
    group.finish();

    let mut group = c.benchmark_group("recv_multipart_into");
    let mut parts = zmq::Multipart::new();
    group.bench_function("safe", |b| {
        b.iter(|| {
            send3();
            pull.recv_multipart_into(&mut parts).unwrap();
        })
    });
    group.bench_function("raw", |b| {
        b.iter(|| {
            send3();
            raw_recv_frames(raw_pull)
        })
    });
    group.finish();
}

/// The raw counterpart of receiving one whole message of (at most) three
/// frames: `zmq_msg_recv` into fresh messages until `zmq_msg_more` says 0.
fn raw_recv_frames(sock: *mut c_void) -> [RawMsg; FRAMES] {
    let mut frames = [RawMsg::empty(), RawMsg::empty(), RawMsg::empty()];
    for frame in &mut frames {
        raw_recv(sock, frame);
        // SAFETY: an initialised, received message.
        if unsafe { sys::zmq_msg_more(&frame.0) } == 0 {
            break;
        }
    }
    frames
}

fn send_recv(c: &mut Criterion) {
    let pair = Pair::new();
    send_paths(c, &pair);
    recv_paths(c, &pair);
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    send_recv(&mut c);
    c.final_summary();
}
