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
    if data.is_empty() {
        return Ok(String::new());
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
    if text.len() % 5 != 0 || !text.as_bytes().chunks(5).all(valid_group) {
        return Err(Error::InvalidArgument);
    }
    if text.is_empty() {
        return Ok(Vec::new());
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

/// The Z85 alphabet, in value order.
const ALPHABET: &[u8; 85] =
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

/// Whether five characters are Z85 and encode at most `u32::MAX` (older
/// libzmq releases do not check either).
fn valid_group(group: &[u8]) -> bool {
    let mut value: u64 = 0;
    for &c in group {
        let Some(digit) = ALPHABET.iter().position(|&a| a == c) else {
            return false;
        };
        value = value * 85 + digit as u64;
    }
    value <= u64::from(u32::MAX)
}
