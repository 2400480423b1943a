//! Message construction: the safe constructors beside the raw zmq-sys calls
//! they wrap, so that the wrapper's own cost per message is visible.
//!
//! ```text
//! cargo bench --bench message
//! ```
//!
//! Each pair builds one message and closes it. `copy/*` is
//! `Message::from(&[u8])` against `zmq_msg_init_size` + `memcpy`;
//! `zero_copy/*` is `Message::from(Vec<u8>)` against `zmq_msg_init_data`
//! with a free function (the `Vec` is made, and the message closed, outside
//! the timed part on both sides).

mod common;

use common::RawMsg;
use criterion::{BatchSize, Criterion};
use std::ffi::c_void;
use std::hint::black_box;
use std::mem::MaybeUninit;
use std::time::Duration;
use zmq::Message;
use zmq::sys;

unsafe extern "C" fn free_vec(data: *mut c_void, hint: *mut c_void) {
    // SAFETY: `data` and `hint` (the capacity) come from `raw_zero_copy`,
    // and libzmq calls this exactly once.
    drop(unsafe { Vec::from_raw_parts(data.cast::<u8>(), 0, hint as usize) });
}

/// The raw hand-over: `zmq_msg_init_data` with a free function.
fn raw_zero_copy(vec: Vec<u8>) -> RawMsg {
    let mut vec = std::mem::ManuallyDrop::new(vec);
    let mut msg = MaybeUninit::<sys::zmq_msg_t>::uninit();
    // SAFETY: the buffer is handed to libzmq, which frees it once through
    // `free_vec` with the capacity passed as hint.
    unsafe {
        let rc = sys::zmq_msg_init_data(
            msg.as_mut_ptr(),
            vec.as_mut_ptr().cast(),
            vec.len(),
            Some(free_vec),
            vec.capacity() as *mut c_void,
        );
        assert_eq!(rc, 0);
        RawMsg(msg.assume_init())
    }
}

fn construction(c: &mut Criterion) {
    for (name, size) in [("1B", 1), ("1KiB", 1024), ("64KiB", 65536)] {
        let data = vec![7u8; size];
        let mut group = c.benchmark_group(format!("copy/{name}"));
        group.bench_function("safe", |b| b.iter(|| Message::from(black_box(&data[..]))));
        group.bench_function("raw", |b| b.iter(|| RawMsg::copy(black_box(&data[..]))));
        group.finish();
    }
    for (name, size) in [("1KiB", 1024), ("64KiB", 65536)] {
        let mut group = c.benchmark_group(format!("zero_copy/{name}"));
        let make = || vec![7u8; size];
        group.bench_function("safe", |b| {
            b.iter_batched(make, Message::from, BatchSize::SmallInput)
        });
        group.bench_function("raw", |b| {
            b.iter_batched(make, raw_zero_copy, BatchSize::SmallInput)
        });
        group.finish();
    }
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    construction(&mut c);
    c.final_summary();
}
