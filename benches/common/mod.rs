//! What both microbenchmarks need for their raw side: a `zmq_msg_t` built
//! with zmq-sys calls, as a C program would.
#![allow(dead_code)] // each bench uses part of it

use std::mem::MaybeUninit;
use zmq::sys;

/// A hand-built `zmq_msg_t`, closed on drop like `zmq::Message`.
pub struct RawMsg(pub sys::zmq_msg_t);

impl RawMsg {
    /// `zmq_msg_init`.
    pub fn empty() -> RawMsg {
        let mut msg = MaybeUninit::<sys::zmq_msg_t>::uninit();
        // SAFETY: zmq_msg_init initialises the message and cannot fail.
        unsafe {
            sys::zmq_msg_init(msg.as_mut_ptr());
            RawMsg(msg.assume_init())
        }
    }

    /// `zmq_msg_init_size` + `memcpy`.
    pub fn copy(data: &[u8]) -> RawMsg {
        let mut msg = MaybeUninit::<sys::zmq_msg_t>::uninit();
        // SAFETY: zmq_msg_init_size initialises `msg` (failure, ENOMEM only,
        // is checked) with `data.len()` writable bytes that cannot overlap
        // `data`.
        unsafe {
            let rc = sys::zmq_msg_init_size(msg.as_mut_ptr(), data.len());
            assert_eq!(rc, 0);
            let dst = sys::zmq_msg_data(msg.as_mut_ptr()).cast::<u8>();
            std::ptr::copy_nonoverlapping(data.as_ptr(), dst, data.len());
            RawMsg(msg.assume_init())
        }
    }
}

impl Drop for RawMsg {
    fn drop(&mut self) {
        // SAFETY: initialised by a constructor (or zmq_msg_init_data), closed
        // once, here.
        unsafe { sys::zmq_msg_close(&mut self.0) };
    }
}
