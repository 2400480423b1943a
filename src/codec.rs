//! The multipart codec of cppzmq's `zmq::encode`/`zmq::decode` (and CZMQ's
//! `zmsg_encode`, ZeroMQ RFC 50): several frames in one byte string.
//!
//! Each frame is its length followed by its bytes: one byte for a length
//! below 255, else the byte `0xFF` and the length as 4 bytes, big-endian.

use crate::error::{Error, Result};
use crate::message::Message;
use crate::multipart::Multipart;

/// The length byte that announces a 4-byte length.
const LONG: u8 = 0xFF;

/// Encodes frames into one message, byte for byte as cppzmq's
/// `zmq::encode` (and `multipart_t::encode`) does. A frame of 4 GiB or more
/// cannot be encoded: [`Error::MessageTooLarge`].
///
/// ```
/// let encoded = zmq::encode(["ab", ""])?;
/// assert_eq!(&encoded[..], b"\x02ab\x00");
/// let long = zmq::encode([vec![7u8; 300]])?;
/// assert_eq!(&long[..5], [0xFF, 0, 0, 0x01, 0x2C]);
/// assert_eq!(zmq::decode(&encoded)?, zmq::Multipart::from(["ab", ""]));
/// # Ok::<(), zmq::Error>(())
/// ```
pub fn encode<I>(parts: I) -> Result<Message>
where
    I: IntoIterator,
    I::IntoIter: Clone,
    I::Item: AsRef<[u8]>,
{
    let parts = parts.into_iter();
    let mut total = 0usize;
    for part in parts.clone() {
        let len = part.as_ref().len();
        let head = if len < usize::from(LONG) { 1 } else { 5 };
        u32::try_from(len).map_err(|_| Error::MessageTooLarge)?;
        total = total
            .checked_add(head + len)
            .ok_or(Error::MessageTooLarge)?;
    }
    let mut out = Vec::with_capacity(total);
    for part in parts {
        let part = part.as_ref();
        match u8::try_from(part.len()) {
            Ok(len) if len < LONG => out.push(len),
            _ => {
                out.push(LONG);
                let len = u32::try_from(part.len()).map_err(|_| Error::MessageTooLarge)?;
                out.extend_from_slice(&len.to_be_bytes());
            }
        }
        out.extend_from_slice(part);
    }
    Ok(Message::from(out))
}

/// Decodes a message made by [`encode`] (or cppzmq's `zmq::encode`) into
/// its frames. Input that does not decode exactly — a length running past
/// the end, a cut 4-byte length — is [`Error::InvalidArgument`]. An empty
/// input is no frames.
///
/// ```
/// let parts = zmq::decode(b"\x01a\xFF\x00\x00\x00\x02bc")?;
/// assert_eq!(parts, zmq::Multipart::from(["a", "bc"]));
/// assert_eq!(zmq::decode(b"\x05abc"), Err(zmq::Error::InvalidArgument));
/// # Ok::<(), zmq::Error>(())
/// ```
pub fn decode(encoded: &[u8]) -> Result<Multipart> {
    let mut parts = Multipart::new();
    decode_into(encoded, &mut parts)?;
    Ok(parts)
}

/// Decodes and appends the frames to `parts` (cppzmq's
/// `multipart_t::decode_append`); on malformed input `parts` is left as it
/// was.
///
/// ```
/// let mut parts = zmq::Multipart::from(["head"]);
/// zmq::decode_into(b"\x01a\x02bc", &mut parts)?;
/// assert_eq!(parts, zmq::Multipart::from(["head", "a", "bc"]));
/// assert!(zmq::decode_into(b"\x09short", &mut parts).is_err());
/// assert_eq!(parts.len(), 3); // unchanged
/// # Ok::<(), zmq::Error>(())
/// ```
pub fn decode_into(encoded: &[u8], parts: &mut Multipart) -> Result<()> {
    // Check everything first, so that a malformed input appends nothing.
    let count = frames(encoded).try_fold(0usize, |n, frame| frame.map(|_| n + 1))?;
    parts.reserve(count);
    for frame in frames(encoded) {
        parts.push_back(frame?);
    }
    Ok(())
}

/// The frames of `encoded`, each `Err` where the encoding breaks.
fn frames(mut rest: &[u8]) -> impl Iterator<Item = Result<&[u8]>> {
    std::iter::from_fn(move || {
        let (&head, tail) = rest.split_first()?;
        let (len, tail) = if head == LONG {
            let Some((len, tail)) = tail.split_first_chunk::<4>() else {
                rest = &[];
                return Some(Err(Error::InvalidArgument));
            };
            (u32::from_be_bytes(*len) as usize, tail)
        } else {
            (usize::from(head), tail)
        };
        if tail.len() < len {
            rest = &[];
            return Some(Err(Error::InvalidArgument));
        }
        let (frame, tail) = tail.split_at(len);
        rest = tail;
        Some(Ok(frame))
    })
}

impl Multipart {
    /// Encodes the frames into one message (cppzmq's
    /// `multipart_t::encode`); see [`encode`](crate::encode).
    ///
    /// ```
    /// let parts = zmq::Multipart::from(["key", "value"]);
    /// let one = parts.encode()?; // one frame, e.g. to store or forward
    /// assert_eq!(zmq::Multipart::decode(&one)?, parts);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn encode(&self) -> Result<Message> {
        encode(self)
    }

    /// Decodes a message made by [`Multipart::encode`] (cppzmq's
    /// `multipart_t::decode`); see [`decode`](crate::decode).
    ///
    /// ```
    /// let parts = zmq::Multipart::decode(b"\x03key\x05value")?;
    /// assert_eq!(parts, zmq::Multipart::from(["key", "value"]));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn decode(encoded: &[u8]) -> Result<Multipart> {
        decode(encoded)
    }

    /// Decodes and appends the frames (cppzmq's
    /// `multipart_t::decode_append`); on malformed input nothing is
    /// appended.
    pub fn decode_append(&mut self, encoded: &[u8]) -> Result<()> {
        decode_into(encoded, self)
    }
}
