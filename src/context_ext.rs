//! Context options by number (the escape hatch for options newer than this
//! crate; cppzmq's `ctx.set(ctxopt, int)`/`ctx.get(ctxopt)`) and the draft
//! `ZMQ_ZERO_COPY_RECV`.

use crate::context::Context;
use crate::error::{Result, check};

impl Context {
    /// Reads a context option by its libzmq number (`zmq_ctx_get`): the
    /// escape hatch for options this crate has no typed getter for. Unknown
    /// options are [`Error::InvalidArgument`](crate::Error::InvalidArgument).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// assert_eq!(ctx.get_option_raw(zmq::sys::ZMQ_IO_THREADS)?, ctx.io_threads()?);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn get_option_raw(&self, option: i32) -> Result<i32> {
        // SAFETY: live context pointer; zmq_ctx_get is thread-safe.
        check(unsafe { zmq_sys::zmq_ctx_get(self.as_raw(), option) })
    }

    /// Sets a context option by its libzmq number (`zmq_ctx_set`); see
    /// [`Context::get_option_raw`]. Prefer the typed setters, which check
    /// their values.
    pub fn set_option_raw(&self, option: i32, value: i32) -> Result<()> {
        // SAFETY: live context pointer; zmq_ctx_set is thread-safe.
        check(unsafe { zmq_sys::zmq_ctx_set(self.as_raw(), option, value) }).map(drop)
    }

    /// Whether received messages may point into libzmq's receive buffer
    /// instead of being copied out of it (`ZMQ_ZERO_COPY_RECV`, a draft
    /// option of libzmq 4.3.5; default true).
    #[cfg(feature = "draft")]
    pub fn zero_copy_recv(&self) -> Result<bool> {
        self.get_option_raw(zmq_sys::ZMQ_ZERO_COPY_RECV)
            .map(|v| v != 0)
    }

    /// Sets `ZMQ_ZERO_COPY_RECV` (draft); set it before creating sockets.
    #[cfg(feature = "draft")]
    pub fn set_zero_copy_recv(&self, on: bool) -> Result<()> {
        self.set_option_raw(zmq_sys::ZMQ_ZERO_COPY_RECV, i32::from(on))
    }
}
