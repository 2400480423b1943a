//! Z85 text encoding of binary data (`zmq_z85_encode`/`zmq_z85_decode`),
//! used for CURVE keys.

use crate::error::{Error, Result};
use std::ffi::{CString, c_char};

/// Encodes `data` as Z85 text. The length must be a multiple of 4, or the
/// result is [`Error::InvalidArgument`].
///
/// ```
/// let text = zmq::z85::encode(&[0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B])?;
/// assert_eq!(text, "HelloWorld");
/// # Ok::<(), zmq::Error>(())
/// ```
pub fn encode(data: &[u8]) -> Result<String> {
    if data.len() % 4 != 0 {
        return Err(Error::InvalidArgument);
    }
    let mut out = vec![0u8; data.len() / 4 * 5 + 1];
    // SAFETY: `out` holds len*5/4 characters plus the NUL that libzmq writes;
    // `data` is readable for its length.
    let ptr = unsafe {
        zmq_sys::zmq_z85_encode(out.as_mut_ptr().cast::<c_char>(), data.as_ptr(), data.len())
    };
    if ptr.is_null() {
        return Err(Error::InvalidArgument);
    }
    out.pop();
    // Z85's alphabet is ASCII.
    String::from_utf8(out).map_err(|_| Error::InvalidArgument)
}

/// Decodes Z85 text. The length must be a multiple of 5 and every character
/// in the Z85 alphabet, or the result is [`Error::InvalidArgument`].
///
/// ```
/// assert_eq!(zmq::z85::decode("HelloWorld")?, [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]);
/// assert_eq!(zmq::z85::decode("Hello"), Ok(vec![0x86, 0x4F, 0xD2, 0x6F]));
/// assert!(zmq::z85::decode("Hell").is_err());      // length
/// assert!(zmq::z85::decode("Hell\"").is_err());    // '"' is not Z85
/// # Ok::<(), zmq::Error>(())
/// ```
pub fn decode(text: &str) -> Result<Vec<u8>> {
    if text.len() % 5 != 0 || !text.bytes().all(is_z85) {
        return Err(Error::InvalidArgument);
    }
    let c = CString::new(text).map_err(|_| Error::InvalidArgument)?;
    let mut out = vec![0u8; text.len() / 5 * 4];
    // SAFETY: `out` has room for len*4/5 bytes; `c` is NUL-terminated.
    let ptr = unsafe { zmq_sys::zmq_z85_decode(out.as_mut_ptr(), c.as_ptr()) };
    if ptr.is_null() {
        return Err(Error::InvalidArgument);
    }
    Ok(out)
}

/// Whether a byte belongs to the Z85 alphabet (libzmq does not check every
/// character itself).
fn is_z85(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b".-:+=^!/*?&<>()[]{}@%$#".contains(&b)
}
