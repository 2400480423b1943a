//! What cppzmq's `message_t` has beyond [`Message`]'s core: a foreign
//! buffer with its own free function, collecting bytes, and message
//! properties (`zmq_msg_get`).

use crate::error::{Error, Result, check};
use crate::message::Message;
use std::ffi::c_void;

/// libzmq's signature of a buffer's free function (`zmq_free_fn`), for
/// [`Message::from_raw_parts`] (which shows one in use).
///
/// ```
/// use std::ffi::c_void;
///
/// /// Frees a `Box<[u8]>` whose length travels in `hint`.
/// unsafe extern "C" fn free_box(data: *mut c_void, hint: *mut c_void) {
///     // SAFETY: the caller made `data` from a Box<[u8]> of length `hint`.
///     drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(data.cast::<u8>(), hint as usize)) });
/// }
/// let free: zmq::FreeFn = free_box;
/// # let _ = free;
/// ```
pub type FreeFn = unsafe extern "C" fn(data: *mut c_void, hint: *mut c_void);

/// A property of a message, read with [`Message::property`]
/// (`zmq_msg_get`).
///
/// ```
/// use zmq::MessageProperty;
///
/// let ctx = zmq::Context::new();
/// let (a, b) = (ctx.socket::<zmq::Pair>()?, ctx.socket::<zmq::Pair>()?);
/// a.bind("inproc://doc-property")?;
/// b.connect("inproc://doc-property")?;
/// a.send_multipart(["head", "tail"])?;
/// let head = b.recv()?;
/// assert_eq!(head.property(MessageProperty::More)?, 1); // as head.more()
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MessageProperty {
    /// `ZMQ_MORE`: 1 if more frames of the same message follow (see
    /// [`Message::more`]).
    More,
    /// `ZMQ_SRCFD`: the descriptor the message was read from, or -1 (no
    /// descriptor: inproc, or a message not received).
    /// Deprecated by libzmq (the descriptor may already be closed or
    /// reused); use the `"Peer-Address"` metadata ([`Message::gets`])
    /// instead.
    #[deprecated(note = "deprecated by libzmq; use Message::gets(\"Peer-Address\")")]
    SrcFd,
    /// `ZMQ_SHARED`: 1 if the buffer is shared (see [`Message::is_shared`]).
    Shared,
}

impl MessageProperty {
    #[allow(deprecated)]
    fn raw(self) -> i32 {
        match self {
            MessageProperty::More => zmq_sys::ZMQ_MORE,
            MessageProperty::SrcFd => zmq_sys::ZMQ_SRCFD,
            MessageProperty::Shared => zmq_sys::ZMQ_SHARED,
        }
    }
}

impl Message {
    /// A message over a buffer that something else allocated, handed over
    /// without a copy (cppzmq's `message_t(data, size, ffn, hint)`,
    /// `zmq_msg_init_data`): libzmq calls `free(data, hint)` once, when the
    /// last reference to the message is gone.
    ///
    /// On `Err` (libzmq could not allocate its reference count:
    /// [`Error::OutOfMemory`]; a null `data` with a non-zero `len`:
    /// [`Error::InvalidArgument`]) `free` is not called and the buffer is
    /// still the caller's.
    ///
    /// # Safety
    ///
    /// - `data` must be valid for reads and writes of `len` bytes, all
    ///   initialised, until `free` is called ([`Message::get_mut`] writes
    ///   into it while the message is unshared), and nothing else may access
    ///   it meanwhile;
    /// - `free` must release it, exactly as `hint` says, and may run on any
    ///   thread (a libzmq I/O thread included), so the buffer and `hint`
    ///   must be fit to be sent to another thread; it must not unwind
    ///   (a panic in an `extern "C"` function aborts the process).
    ///
    /// ```
    /// use std::ffi::c_void;
    /// unsafe extern "C" fn free_box(data: *mut c_void, hint: *mut c_void) {
    ///     // SAFETY: `data` is the Box<[u8]> of length `hint` made below.
    ///     drop(unsafe {
    ///         Box::from_raw(std::ptr::slice_from_raw_parts_mut(data.cast::<u8>(), hint as usize))
    ///     });
    /// }
    /// let buf: Box<[u8]> = vec![42u8; 100].into_boxed_slice();
    /// let len = buf.len();
    /// let data = Box::into_raw(buf).cast::<u8>();
    /// // SAFETY: the box is ours, and `free_box` frees it with its length.
    /// let msg = unsafe { zmq::Message::from_raw_parts(data, len, free_box, len as *mut c_void) }?;
    /// assert_eq!(msg.len(), 100);
    /// assert_eq!(msg[99], 42);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub unsafe fn from_raw_parts(
        data: *mut u8,
        len: usize,
        free: FreeFn,
        hint: *mut c_void,
    ) -> Result<Message> {
        if data.is_null() && len != 0 {
            // libzmq would abort the process on this.
            return Err(Error::InvalidArgument);
        }
        let mut msg = Message::new();
        // SAFETY: `msg` is an empty message that owns nothing, so
        // initialising it again loses nothing; the buffer, `free` and `hint`
        // meet the caller's contract above.
        let rc = unsafe {
            zmq_sys::zmq_msg_init_data(msg.raw_mut(), data.cast(), len, Some(free), hint)
        };
        check(rc)?;
        Ok(msg)
    }

    /// A property of the message (`zmq_msg_get`).
    ///
    /// ```
    /// use zmq::{Message, MessageProperty};
    /// let m = Message::from("x");
    /// assert_eq!(m.property(MessageProperty::More)?, 0);
    /// let copy = m.clone();
    /// assert_eq!(copy.property(MessageProperty::Shared)?, i32::from(copy.is_shared()));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn property(&self, property: MessageProperty) -> Result<i32> {
        // SAFETY: the message is initialised; zmq_msg_get only reads it.
        let value = unsafe { zmq_sys::zmq_msg_get(self.as_raw(), property.raw()) };
        #[allow(deprecated)]
        if property == MessageProperty::SrcFd {
            // -1 is "no descriptor" here, and libzmq leaves errno alone.
            return Ok(value);
        }
        check(value)
    }
}

/// Collects bytes into a message, handing the collected buffer over without
/// another copy (cppzmq's `message_t(first, last)` over bytes).
///
/// ```
/// let m: zmq::Message = (1..=5u8).collect();
/// assert_eq!(&m[..], [1, 2, 3, 4, 5]);
/// ```
impl FromIterator<u8> for Message {
    fn from_iter<I: IntoIterator<Item = u8>>(iter: I) -> Message {
        Message::from(iter.into_iter().collect::<Vec<u8>>())
    }
}
