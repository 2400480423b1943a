//! Raw FFI declarations for libzmq (ZeroMQ) 4.3.x.
//!
//! Everything in `zmq.h` is here under its C name: the functions, the
//! `ZMQ_*` constants (as `c_int`), and the types. The draft API
//! (`ZMQ_BUILD_DRAFT_API`) is declared only with the `draft` feature.
//!
//! The declarations are pregenerated with bindgen from the bundled header and
//! committed (`src/stable.rs`, `src/draft.rs`); the `bindgen` feature
//! regenerates them at build time against the header actually used.
//!
//! How the library is found (a system libzmq or the bundled 4.3.5 source) is
//! described in the workspace README. Use the safe `zmq` crate unless you need
//! the raw calls.
//!
//! ```
//! use core::ffi::c_int;
//!
//! let (mut major, mut minor, mut patch): (c_int, c_int, c_int) = (0, 0, 0);
//! // SAFETY: zmq_version only writes the three integers.
//! unsafe { zmq_sys::zmq_version(&mut major, &mut minor, &mut patch) };
//! assert_eq!(major, 4);
//! println!("libzmq {major}.{minor}.{patch}, bundled: {}", zmq_sys::vendored());
//! ```
#![no_std]
#![allow(
    non_camel_case_types,
    non_upper_case_globals,
    non_snake_case,
    missing_docs
)]
#![allow(clippy::all)]

/// System types that `zmq.h` refers to.
pub use libc::{iovec, sigset_t};

/// A ZeroMQ message: 64 opaque bytes, pointer-aligned (8 bytes here on every
/// platform, which is at least what `zmq.h` asks for).
///
/// Deliberately neither `Copy` nor `Clone`: a `zmq_msg_t` may own a
/// reference-counted buffer, and a bitwise copy would double-free it. Move it
/// only before `zmq_msg_init*` or after `zmq_msg_close`, or through
/// `zmq_msg_move`.
///
/// ```
/// use zmq_sys::{zmq_msg_close, zmq_msg_init_size, zmq_msg_size, zmq_msg_t};
///
/// let mut msg = zmq_msg_t::default();
/// // SAFETY: `msg` is initialised once, used while initialised, and closed
/// // once; it does not move in between.
/// unsafe {
///     assert_eq!(zmq_msg_init_size(&mut msg, 5), 0);
///     assert_eq!(zmq_msg_size(&msg), 5);
///     assert_eq!(zmq_msg_close(&mut msg), 0);
/// }
/// ```
#[repr(C, align(8))]
#[derive(Debug)]
pub struct zmq_msg_t {
    /// Opaque storage owned by libzmq.
    pub _opaque: [u8; 64],
}

impl Default for zmq_msg_t {
    fn default() -> Self {
        zmq_msg_t { _opaque: [0; 64] }
    }
}

const _: () = assert!(core::mem::size_of::<zmq_msg_t>() == 64);
const _: () = assert!(core::mem::align_of::<zmq_msg_t>() == 8);

/// The platform's socket handle type, as in `zmq_pollitem_t.fd`.
#[cfg(all(windows, target_pointer_width = "64"))]
pub type zmq_fd_t = u64;
/// The platform's socket handle type, as in `zmq_pollitem_t.fd`.
#[cfg(all(windows, not(target_pointer_width = "64")))]
pub type zmq_fd_t = u32;
/// The platform's socket handle type, as in `zmq_pollitem_t.fd`.
///
/// ```
/// let item = zmq_sys::zmq_pollitem_t {
///     socket: core::ptr::null_mut(), // a plain descriptor instead of a socket
///     fd: 0 as zmq_sys::zmq_fd_t,    // standard input
///     events: zmq_sys::ZMQ_POLLIN as i16,
///     revents: 0,
/// };
/// # let _ = item;
/// ```
#[cfg(not(windows))]
pub type zmq_fd_t = core::ffi::c_int;

// The generated `Default` impls zero the plain C structs with
// `mem::zeroed`, which is valid for them (integers and raw pointers).
#[allow(clippy::undocumented_unsafe_blocks)]
mod stable {
    use super::*;
    #[cfg(not(zmq_sys_bindgen))]
    include!("stable.rs");
    #[cfg(zmq_sys_bindgen)]
    include!(concat!(env!("OUT_DIR"), "/stable.rs"));
}
pub use stable::*;

#[cfg(feature = "draft")]
#[allow(clippy::undocumented_unsafe_blocks)]
mod draft {
    use super::*;
    #[cfg(not(zmq_sys_bindgen))]
    include!("draft.rs");
    #[cfg(zmq_sys_bindgen)]
    include!(concat!(env!("OUT_DIR"), "/draft.rs"));
}
#[cfg(feature = "draft")]
pub use draft::*;

/// Whether this build compiled the bundled libzmq (rather than linking a
/// system library).
///
/// ```
/// if zmq_sys::vendored() {
///     println!("the bundled libzmq 4.3.5");
/// } else {
///     println!("a system libzmq");
/// }
/// ```
pub const fn vendored() -> bool {
    cfg!(zmq_sys_vendored)
}
