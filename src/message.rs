//! [`Message`]: one ZeroMQ frame, a `zmq_msg_t` held inline.

#[cfg(feature = "draft")]
use crate::error::check;
use crate::error::{Error, Result};
use std::cell::UnsafeCell;
use std::ffi::{CStr, CString, c_void};
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

/// Largest payload libzmq stores inside the `zmq_msg_t` itself ("very small
/// message"); a zero-copy hand-over of anything this small would cost more
/// (libzmq allocates a reference counter for it) than a copy.
const MAX_INLINE: usize = 33;

/// One message frame (cppzmq `message_t`, pyzmq `Frame`): a `zmq_msg_t`
/// stored inline, no Rust heap allocation of its own.
///
/// Build it from bytes: `&[u8]`, `&str`, `[u8; N]` and `&Vec<u8>` are
/// **copied**; `Vec<u8>`, `Box<[u8]>` and `String` are **handed over**
/// without copying (libzmq frees them through Rust's allocator when the
/// last reference is gone, on whatever thread that happens; tiny buffers of
/// at most 33 bytes are copied instead, which is cheaper);
/// [`Message::from_static`] borrows a `'static` buffer forever.
///
/// Read it through `Deref<Target = [u8]>`. [`Clone`] is `zmq_msg_copy`: the
/// clone *shares* the buffer. Sharing and mutation never meet: mutable access
/// ([`Message::get_mut`]) is only granted while libzmq reports the buffer as
/// unshared, and never for static buffers — a message that was shared once
/// stays read-only.
///
/// ```
/// use zmq::Message;
/// let mut m = Message::from(vec![1u8; 100]);   // no copy
/// m.get_mut().unwrap()[0] = 9;                 // unique: mutable
/// let c = m.clone();                           // shares the buffer
/// assert_eq!(c[0], 9);
/// assert!(m.get_mut().is_none());              // shared: read-only now
/// assert!(Message::from_static(b"const").get_mut().is_none());
/// ```
#[repr(transparent)]
pub struct Message {
    /// In an `UnsafeCell` because libzmq writes to it behind `&self`:
    /// `zmq_msg_copy` marks the *source* as shared and sets its reference
    /// count. That also makes `Message` `!Sync`, as it must be: two threads
    /// cloning one message at once would race on that count.
    raw: UnsafeCell<zmq_sys::zmq_msg_t>,
}

// SAFETY: a zmq_msg_t may be moved to and used from any thread (libzmq's
// reference counts are atomic), and its free callback runs on any thread,
// which is why only `Send` buffers (Vec, Box, String) are handed over.
unsafe impl Send for Message {}

impl Message {
    /// An empty message (`zmq_msg_init`), e.g. to receive into with
    /// [`Socket::recv_msg`](crate::Socket::recv_msg).
    ///
    /// ```
    /// let mut msg = zmq::Message::new();
    /// assert!(msg.is_empty());
    /// msg = zmq::Message::from("text"); // or any Into<Message>
    /// assert_eq!(msg.len(), 4);
    /// ```
    #[inline]
    pub fn new() -> Message {
        // zmq_msg_init writes the same constant bytes every time (an empty
        // inline message: no pointer, nothing owned, nothing to release), so
        // one call's result serves as a template and each new message is a
        // plain copy of it, made where the message is. That is the same
        // relocation of an initialised zmq_msg_t that every move of a
        // `Message` already is, and it spares `recv`, `recv_multipart` and
        // `mem::take` an FFI call plus the store-forwarding stall of moving
        // a freshly initialised message (about 10 ns in `benches/`).
        static EMPTY: OnceLock<[u8; 64]> = OnceLock::new();
        let bytes = EMPTY.get_or_init(|| {
            let mut raw = zmq_sys::zmq_msg_t::default();
            // SAFETY: valid storage; zmq_msg_init cannot fail. The message
            // owns nothing, so it needs no zmq_msg_close.
            unsafe { zmq_sys::zmq_msg_init(&mut raw) };
            raw._opaque
        });
        Message {
            raw: UnsafeCell::new(zmq_sys::zmq_msg_t { _opaque: *bytes }),
        }
    }

    /// Zeroed storage, already inside the `Message` that will own it, for
    /// the constructors to initialise in place. libzmq then writes the
    /// `zmq_msg_t` where it stays: copying one right after libzmq's narrow
    /// stores stalls the CPU on store forwarding, which cost the
    /// constructors 5-15 ns each in `benches/`. Not a valid message until
    /// initialised (though `zmq_msg_close` on it only fails with `EFAULT`).
    #[inline(always)]
    fn zeroed() -> Message {
        Message {
            raw: UnsafeCell::new(zmq_sys::zmq_msg_t::default()),
        }
    }

    /// A message of `len` zero bytes, ready to be filled through
    /// [`Message::get_mut`]. The memory is initialised, so no `&mut [u8]`
    /// ever covers uninitialised bytes.
    ///
    /// Running out of memory (any `len` above `isize::MAX` included) ends
    /// the process as Rust's own allocation failures do; use
    /// [`Message::try_with_size`] to get an error instead.
    pub fn with_size(len: usize) -> Message {
        Message::try_with_size(len).unwrap_or_else(|_| alloc_failure(len))
    }

    /// [`Message::with_size`], with [`Error::OutOfMemory`] instead of the
    /// allocation-failure abort when the `len` bytes cannot be had.
    ///
    /// ```
    /// assert_eq!(zmq::Message::try_with_size(3)?.as_ref(), &[0, 0, 0]);
    /// assert_eq!(zmq::Message::try_with_size(usize::MAX).unwrap_err(), zmq::Error::OutOfMemory);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn try_with_size(len: usize) -> Result<Message> {
        let mut msg = Message::zeroed();
        msg.try_init_size(len)?;
        // SAFETY: try_init_size gave `len` writable bytes at data_mut_ptr().
        unsafe { std::ptr::write_bytes(msg.data_mut_ptr(), 0, len) };
        Ok(msg)
    }

    /// `zmq_msg_init_size` on [`Message::zeroed`] storage (or any message
    /// that owns nothing), in place; allocation failure ends the process.
    #[inline(always)]
    fn init_size(&mut self, len: usize) {
        if self.try_init_size(len).is_err() {
            alloc_failure(len);
        }
    }

    /// `zmq_msg_init_size` in place, or [`Error::OutOfMemory`] with the
    /// message left a valid empty one. Sizes above `isize::MAX` never reach
    /// libzmq: no Rust slice could cover them.
    #[inline(always)]
    fn try_init_size(&mut self, len: usize) -> Result<()> {
        if len > isize::MAX as usize {
            return Err(Error::OutOfMemory);
        }
        // SAFETY: valid storage for zmq_msg_init_size, owning nothing.
        let rc = unsafe { zmq_sys::zmq_msg_init_size(self.raw_mut(), len) };
        if rc != 0 {
            // libzmq leaves a "long message" with a NULL content pointer,
            // which zmq_msg_close (and so Drop) would read through: make it
            // an empty message again, without closing what is there.
            // SAFETY: `self` is valid for writes; the bytes overwritten own
            // nothing (the allocation failed), so nothing leaks.
            unsafe { std::ptr::write(self, Message::new()) };
            return Err(Error::OutOfMemory);
        }
        Ok(())
    }

    /// A message that copies `data` (`zmq_msg_init_size` + `memcpy`).
    #[inline]
    pub fn copy_from(data: &[u8]) -> Message {
        // Initialised and filled in place (not through `alloc`, whose result
        // would be copied once more).
        let mut msg = Message::zeroed();
        msg.init_size(data.len());
        // SAFETY: init_size gave `data.len()` writable bytes that cannot
        // overlap the borrowed `data`.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), msg.data_mut_ptr(), data.len()) };
        msg
    }

    /// A message over a `'static` buffer, never copied and never freed
    /// (`zmq_msg_init_data` without a free function). Read-only for good.
    pub fn from_static(data: &'static [u8]) -> Message {
        let mut raw = zmq_sys::zmq_msg_t::default();
        // SAFETY: the buffer lives forever and libzmq never writes to a
        // constant message; no free function, so it is never freed.
        let rc = unsafe {
            zmq_sys::zmq_msg_init_data(
                &mut raw,
                data.as_ptr() as *mut c_void,
                data.len(),
                None,
                std::ptr::null_mut(),
            )
        };
        debug_assert_eq!(rc, 0);
        Message {
            raw: UnsafeCell::new(raw),
        }
    }

    /// Hands a `Vec`'s buffer to libzmq without copying.
    fn from_vec(mut vec: Vec<u8>) -> Message {
        if vec.len() <= MAX_INLINE {
            return Message::copy_from(&vec);
        }
        let (ptr, len, cap) = (vec.as_mut_ptr(), vec.len(), vec.capacity());
        std::mem::forget(vec);
        let mut msg = Message::zeroed();
        // SAFETY: `ptr` owns `cap` bytes of which `len` are initialised; the
        // capacity travels in `hint` so that `free_vec` can rebuild the Vec
        // and free it exactly once.
        let rc = unsafe {
            zmq_sys::zmq_msg_init_data(
                msg.raw_mut(),
                ptr.cast(),
                len,
                Some(free_vec),
                cap as *mut c_void,
            )
        };
        if rc != 0 {
            // ENOMEM while allocating libzmq's reference counter: take the
            // buffer back so it is not leaked, then fail like an allocation.
            // The message holds no content that closing would free (libzmq
            // failed before storing one), but make it a plain empty one.
            // SAFETY: libzmq did not take ownership; the parts are unchanged.
            drop(unsafe { Vec::from_raw_parts(ptr, len, cap) });
            // SAFETY: overwrite without closing: the storage owns nothing.
            unsafe { std::ptr::write(&mut msg, Message::new()) };
            alloc_failure(std::mem::size_of::<[usize; 4]>());
        }
        msg
    }

    /// Number of bytes.
    #[inline]
    pub fn len(&self) -> usize {
        // SAFETY: `raw` is an initialised message.
        unsafe { zmq_sys::zmq_msg_size(self.raw.get()) }
    }

    /// Whether the message has no bytes.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether more frames of the same multipart message follow this one
    /// (`zmq_msg_more`, meaningful after a receive).
    #[inline]
    pub fn more(&self) -> bool {
        // SAFETY: `raw` is an initialised message.
        unsafe { zmq_sys::zmq_msg_more(self.raw.get()) == 1 }
    }

    /// Whether libzmq reports the buffer as shared (a clone exists or
    /// existed, or it is a static buffer): then it is read-only.
    pub fn is_shared(&self) -> bool {
        // SAFETY: `raw` is initialised; zmq_msg_get does not modify it.
        unsafe { zmq_sys::zmq_msg_get(self.raw.get(), zmq_sys::ZMQ_SHARED) == 1 }
    }

    /// The bytes, mutably, if this message is the only owner of its buffer;
    /// `None` while it is (or was) shared with a clone, or is static.
    pub fn get_mut(&mut self) -> Option<&mut [u8]> {
        if self.is_shared() {
            return None;
        }
        let len = self.len();
        // SAFETY: the buffer is initialised (every constructor writes it),
        // unshared, and `&mut self` makes this the only access.
        Some(unsafe { std::slice::from_raw_parts_mut(self.data_mut_ptr(), len) })
    }

    /// A metadata property of a received message (`zmq_msg_gets`):
    /// `"Socket-Type"`, `"Routing-Id"`, `"User-Id"` (set by ZAP),
    /// `"Peer-Address"`, or an application property from `ZMQ_METADATA`.
    /// `None` when absent (or not UTF-8).
    pub fn gets(&self, property: &str) -> Option<&str> {
        let name = CString::new(property).ok()?;
        // SAFETY: `raw` is initialised and `name` is NUL-terminated.
        let ptr = unsafe { zmq_sys::zmq_msg_gets(self.raw.get(), name.as_ptr()) };
        if ptr.is_null() {
            return None;
        }
        // SAFETY: libzmq returns a NUL-terminated string owned by the
        // message's metadata, alive as long as the message (borrowed here).
        unsafe { CStr::from_ptr(ptr) }.to_str().ok()
    }

    /// The bytes as a `&str`, if they are UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(self).ok()
    }

    /// Copies the bytes out into a `Vec`.
    pub fn to_vec(&self) -> Vec<u8> {
        self[..].to_vec()
    }

    /// The raw `zmq_msg_t`, for calls this crate does not wrap.
    pub fn as_raw(&self) -> *const zmq_sys::zmq_msg_t {
        self.raw.get()
    }

    /// The raw `zmq_msg_t`, mutably.
    ///
    /// # Safety
    ///
    /// The caller must leave it an initialised message and must not write
    /// into a shared buffer.
    pub unsafe fn as_raw_mut(&mut self) -> *mut zmq_sys::zmq_msg_t {
        self.raw.get_mut()
    }

    #[inline]
    pub(crate) fn raw_mut(&mut self) -> *mut zmq_sys::zmq_msg_t {
        self.raw.get_mut()
    }

    #[inline]
    fn data_mut_ptr(&mut self) -> *mut u8 {
        // SAFETY: `raw` is initialised.
        unsafe { zmq_sys::zmq_msg_data(self.raw.get_mut()).cast() }
    }

    /// The routing id of a message received on a SERVER socket, or to set
    /// before sending to one of its peers (draft API; 0 when unset).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let server = ctx.socket::<zmq::Server>()?;
    /// server.bind("inproc://doc-routing-id-msg")?;
    /// let client = ctx.socket::<zmq::Client>()?;
    /// client.connect("inproc://doc-routing-id-msg")?;
    /// client.send("request")?;
    /// let request = server.recv()?;
    /// let mut reply = zmq::Message::from("reply");
    /// reply.set_routing_id(request.routing_id())?; // back to that client
    /// server.send(reply)?;
    /// assert_eq!(client.recv()?, "reply");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[cfg(feature = "draft")]
    pub fn routing_id(&self) -> u32 {
        // SAFETY: `raw` is initialised; the call only reads a field despite
        // its non-const signature.
        unsafe { zmq_sys::zmq_msg_routing_id(self.raw.get()) }
    }

    /// Sets the routing id (draft API). 0 is invalid; see
    /// [`Message::routing_id`] for a SERVER's reply.
    ///
    /// ```
    /// let mut msg = zmq::Message::from("reply");
    /// msg.set_routing_id(7)?;
    /// assert_eq!(msg.routing_id(), 7);
    /// assert!(msg.set_routing_id(0).is_err());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    #[cfg(feature = "draft")]
    pub fn set_routing_id(&mut self, id: u32) -> Result<()> {
        // SAFETY: `raw` is initialised.
        check(unsafe { zmq_sys::zmq_msg_set_routing_id(self.raw.get_mut(), id) }).map(drop)
    }

    /// The group of a message received on a DISH socket (draft API).
    #[cfg(feature = "draft")]
    pub fn group(&self) -> Option<&str> {
        // SAFETY: `raw` is initialised; the returned string lives inside it.
        let ptr = unsafe { zmq_sys::zmq_msg_group(self.raw.get()) };
        if ptr.is_null() {
            return None;
        }
        // SAFETY: NUL-terminated string stored in the message.
        let s = unsafe { CStr::from_ptr(ptr) }.to_str().ok()?;
        (!s.is_empty()).then_some(s)
    }

    /// Sets the group, for sending on a RADIO socket (draft API); at most
    /// 255 bytes.
    #[cfg(feature = "draft")]
    pub fn set_group(&mut self, group: &str) -> Result<()> {
        // libzmq would silently cut a longer group to 255 bytes.
        if group.len() > zmq_sys::ZMQ_GROUP_MAX_LENGTH as usize {
            return Err(Error::InvalidArgument);
        }
        let g = CString::new(group).map_err(|_| Error::InteriorNul)?;
        // SAFETY: `raw` is initialised; libzmq copies the group.
        check(unsafe { zmq_sys::zmq_msg_set_group(self.raw.get_mut(), g.as_ptr()) }).map(drop)
    }
}

/// Ends the process like Rust's own allocation failure (`handle_alloc_error`
/// where a `Layout` can describe the request).
#[cold]
fn alloc_failure(len: usize) -> ! {
    match std::alloc::Layout::from_size_align(len, 1) {
        Ok(layout) => std::alloc::handle_alloc_error(layout),
        Err(_) => {
            eprintln!("memory allocation of {len} bytes failed");
            std::process::abort()
        }
    }
}

unsafe extern "C" fn free_vec(data: *mut c_void, hint: *mut c_void) {
    // SAFETY: `data` and `hint` (the capacity) are exactly what `from_vec`
    // took apart; libzmq calls this once, when the last reference goes. The
    // length does not matter for freeing, so 0 is used.
    drop(unsafe { Vec::from_raw_parts(data.cast::<u8>(), 0, hint as usize) });
}

impl Drop for Message {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: `raw` is initialised and closed exactly once, here.
        unsafe { zmq_sys::zmq_msg_close(self.raw.get_mut()) };
    }
}

impl Default for Message {
    fn default() -> Self {
        Message::new()
    }
}

impl Clone for Message {
    /// `zmq_msg_copy`: the clone shares the buffer (small messages are
    /// copied by libzmq); both become read-only if shared.
    fn clone(&self) -> Self {
        let mut copy = Message::new();
        // SAFETY: both are initialised; zmq_msg_copy only bumps the shared
        // reference count of the source (atomically) and marks it shared,
        // which is why it takes a mutable pointer.
        let rc = unsafe { zmq_sys::zmq_msg_copy(copy.raw.get_mut(), self.raw.get()) };
        debug_assert_eq!(rc, 0);
        copy
    }
}

impl Deref for Message {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        let len = self.len();
        if len == 0 {
            return &[];
        }
        // SAFETY: `raw` is initialised; its data pointer is valid for `len`
        // initialised bytes while `self` is borrowed, and nobody mutates it
        // meanwhile (mutation needs `&mut self` and an unshared buffer).
        unsafe {
            let ptr = zmq_sys::zmq_msg_data(self.raw.get());
            std::slice::from_raw_parts(ptr.cast::<u8>(), len)
        }
    }
}

impl AsRef<[u8]> for Message {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl PartialEq for Message {
    fn eq(&self, other: &Message) -> bool {
        self[..] == other[..]
    }
}
impl Eq for Message {}

impl PartialEq<[u8]> for Message {
    fn eq(&self, other: &[u8]) -> bool {
        &self[..] == other
    }
}
impl PartialEq<&[u8]> for Message {
    fn eq(&self, other: &&[u8]) -> bool {
        &self[..] == *other
    }
}
impl PartialEq<str> for Message {
    fn eq(&self, other: &str) -> bool {
        &self[..] == other.as_bytes()
    }
}
impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        &self[..] == other.as_bytes()
    }
}
impl<const N: usize> PartialEq<[u8; N]> for Message {
    fn eq(&self, other: &[u8; N]) -> bool {
        &self[..] == other
    }
}
impl<const N: usize> PartialEq<&[u8; N]> for Message {
    fn eq(&self, other: &&[u8; N]) -> bool {
        &self[..] == *other
    }
}

impl fmt::Display for Message {
    /// The bytes as text, invalid UTF-8 replaced by `U+FFFD` (like
    /// `String::from_utf8_lossy`), so a received frame prints as is:
    ///
    /// ```
    /// let msg = zmq::Message::from("Hello");
    /// assert_eq!(format!("Received request: {msg}"), "Received request: Hello");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&String::from_utf8_lossy(self), f)
    }
}

impl fmt::Debug for Message {
    /// A short preview: text when printable, hex otherwise, cut after 32 bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const PREVIEW: usize = 32;
        let bytes = &self[..];
        let shown = &bytes[..bytes.len().min(PREVIEW)];
        write!(f, "Message({} bytes", bytes.len())?;
        if self.more() {
            f.write_str(", more")?;
        }
        f.write_str(": ")?;
        if shown.iter().all(|b| (0x20..0x7f).contains(b)) {
            write!(f, "{:?}", String::from_utf8_lossy(shown))?;
        } else {
            for b in shown {
                write!(f, "{b:02x}")?;
            }
        }
        if bytes.len() > PREVIEW {
            f.write_str("...")?;
        }
        f.write_str(")")
    }
}

impl From<&[u8]> for Message {
    #[inline]
    fn from(data: &[u8]) -> Message {
        Message::copy_from(data)
    }
}
impl From<&str> for Message {
    #[inline]
    fn from(data: &str) -> Message {
        Message::copy_from(data.as_bytes())
    }
}
impl From<&String> for Message {
    fn from(data: &String) -> Message {
        Message::copy_from(data.as_bytes())
    }
}
impl From<&Vec<u8>> for Message {
    fn from(data: &Vec<u8>) -> Message {
        Message::copy_from(data)
    }
}
impl<const N: usize> From<[u8; N]> for Message {
    fn from(data: [u8; N]) -> Message {
        Message::copy_from(&data)
    }
}
impl<const N: usize> From<&[u8; N]> for Message {
    #[inline]
    fn from(data: &[u8; N]) -> Message {
        Message::copy_from(data)
    }
}
impl From<Vec<u8>> for Message {
    /// Hands the buffer over without copying (see [`Message`]).
    fn from(data: Vec<u8>) -> Message {
        Message::from_vec(data)
    }
}
impl From<Box<[u8]>> for Message {
    /// Hands the buffer over without copying.
    fn from(data: Box<[u8]>) -> Message {
        Message::from_vec(data.into_vec())
    }
}
impl From<String> for Message {
    /// Hands the buffer over without copying.
    fn from(data: String) -> Message {
        Message::from_vec(data.into_bytes())
    }
}
impl From<&Message> for Message {
    /// A clone (shared buffer), for sending the same frame twice.
    fn from(msg: &Message) -> Message {
        msg.clone()
    }
}

/// A message whose `len` bytes are allocated but not yet initialised (C's
/// `zmq_msg_init_size` without touching the bytes), to be filled in place.
///
/// Safe code only ever gets a [`Message`] out of it once every byte has been
/// written:
///
/// - write it front to back through [`std::io::Write`] and finish with
///   [`UninitMessage::into_message`], which checks that it is full (no
///   zeroing: each byte is written once);
/// - or [`UninitMessage::zero_rest`]: what was not written becomes zeros;
/// - or write anywhere through [`UninitMessage::as_uninit_mut`] and finish
///   with the `unsafe` [`UninitMessage::assume_init`].
///
/// [`Socket::send_uninit`](crate::Socket::send_uninit) (`unsafe`) sends it
/// without initialising what was not written, as C's perf tools do.
///
/// ```
/// use std::io::Write;
/// let mut m = zmq::UninitMessage::new(8);
/// m.write_all(b"key=")?;
/// m.write_all(&42u32.to_be_bytes())?;
/// let msg = m.into_message().expect("all 8 bytes written");
/// assert_eq!(&msg[..4], b"key=");
///
/// let mut half = zmq::UninitMessage::new(4);
/// half.write_all(b"ab")?;
/// let half = half.into_message().unwrap_err(); // 2 bytes missing: given back
/// assert_eq!(half.zero_rest(), b"ab\0\0");
/// # Ok::<(), std::io::Error>(())
/// ```
// `repr(C)` puts the message first: moved (into an async send's future),
// it is then copied in the same 16-byte pieces as it was stored from
// `Message::new`'s template, which the CPU forwards; at an 8-byte offset
// every piece straddled two stores, a store-forwarding stall each.
#[repr(C)]
pub struct UninitMessage {
    /// An empty message until the first access needs the buffer, then one
    /// of `len` bytes, initialised up to `filled`. Allocating lazily lets
    /// [`Socket::send_uninit`](crate::Socket::send_uninit) initialise the
    /// message in place, where libzmq sends it from: moving a freshly
    /// initialised `zmq_msg_t` stalls on store forwarding, which cost the
    /// inproc throughput tool about 6 % (see docs/performance.md).
    msg: Message,
    len: usize,
    /// Bytes written from the front by the `Write` impl.
    filled: usize,
    ready: bool,
}

impl UninitMessage {
    /// Allocates `len` bytes without initialising them. (The allocation
    /// itself happens at the first access or at the send; running out of
    /// memory there ends the process like any Rust allocation failure.)
    ///
    /// ```
    /// use std::io::Write;
    ///
    /// let mut msg = zmq::UninitMessage::new(6);
    /// msg.write_all(b"abc")?;
    /// msg.write_all(b"def")?;
    /// assert_eq!(msg.into_message().expect("full"), "abcdef");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[inline]
    pub fn new(len: usize) -> UninitMessage {
        UninitMessage {
            msg: Message::new(),
            len,
            filled: 0,
            ready: false,
        }
    }

    /// The message with its `len` bytes allocated, initialised in place.
    #[inline]
    fn ready(&mut self) -> &mut Message {
        if !self.ready {
            // The empty message owns nothing, so nothing is lost by
            // initialising it again.
            self.msg.init_size(self.len);
            self.ready = true;
        }
        &mut self.msg
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the message has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many bytes the [`std::io::Write`] impl has written from the front.
    pub fn filled(&self) -> usize {
        self.filled
    }

    /// The storage, to be written anywhere. Writes made here do not count
    /// as [`filled`](UninitMessage::filled): finish with
    /// [`UninitMessage::assume_init`].
    pub fn as_uninit_mut(&mut self) -> &mut [std::mem::MaybeUninit<u8>] {
        let len = self.len;
        let ptr = self.ready().data_mut_ptr();
        // SAFETY: the buffer has `len` bytes, unshared (freshly allocated);
        // MaybeUninit<u8> makes no claim about their contents.
        unsafe { std::slice::from_raw_parts_mut(ptr.cast(), len) }
    }

    /// The finished message if the `Write` impl wrote every byte; otherwise
    /// `self` back, unchanged.
    ///
    /// ```
    /// use std::io::Write;
    ///
    /// let mut msg = zmq::UninitMessage::new(4);
    /// msg.write_all(b"ab")?;
    /// let mut msg = msg.into_message().unwrap_err(); // 2 bytes short
    /// msg.write_all(b"cd")?;
    /// assert_eq!(msg.into_message().expect("full"), "abcd");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn into_message(mut self) -> std::result::Result<Message, UninitMessage> {
        if self.filled < self.len {
            return Err(self);
        }
        self.ready();
        Ok(self.msg)
    }

    /// The finished message, with every byte the `Write` impl did not write
    /// set to zero.
    pub fn zero_rest(mut self) -> Message {
        let (filled, len) = (self.filled, self.len);
        let ptr = self.ready().data_mut_ptr();
        // SAFETY: `filled <= len`, and the buffer has `len` writable bytes.
        unsafe { std::ptr::write_bytes(ptr.add(filled), 0, len - filled) };
        self.msg
    }

    /// Finishes the message.
    ///
    /// # Safety
    ///
    /// Every byte must have been written, through
    /// [`UninitMessage::as_uninit_mut`] or the `Write` impl.
    pub unsafe fn assume_init(mut self) -> Message {
        self.ready();
        self.msg
    }

    /// The raw message, allocated, for `send_uninit` to hand to libzmq
    /// without Rust reading the bytes.
    #[inline]
    pub(crate) fn raw_for_send(&mut self) -> *mut zmq_sys::zmq_msg_t {
        self.ready().raw_mut()
    }
}

impl std::io::Write for UninitMessage {
    /// Appends after what was written so far; `Ok(0)` once full (so
    /// `write_all` of too much is an error, and nothing past the end is
    /// ever written).
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let n = data.len().min(self.len - self.filled);
        if n == 0 {
            return Ok(0);
        }
        let filled = self.filled;
        let ptr = self.ready().data_mut_ptr();
        // SAFETY: `filled + n <= len` bytes of the unshared buffer; `data`
        // is a different allocation (we own the buffer exclusively).
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), ptr.add(filled), n) };
        self.filled += n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl fmt::Debug for UninitMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "UninitMessage({} of {} bytes written)",
            self.filled, self.len
        )
    }
}
