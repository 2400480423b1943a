//! [`Multipart`]: the frames of one multipart message.

use crate::error::{Error, Result};
use crate::message::Message;
use std::collections::VecDeque;
use std::fmt;
use std::ops::{Index, IndexMut};

/// An ordered list of frames (cppzmq `multipart_t`, pyzmq's list of frames):
/// what [`Socket::recv_multipart`](crate::Socket::recv_multipart) returns and
/// [`Socket::send_multipart`](crate::Socket::send_multipart) accepts, with
/// push and pop at both ends for envelopes (routing ids, empty delimiters).
///
/// ```
/// use zmq::Multipart;
/// let mut m = Multipart::from(vec!["header", "body"]);
/// m.push_front("routing-id");
/// assert_eq!(m.len(), 3);
/// assert_eq!(m.pop_front().unwrap(), "routing-id");
/// assert_eq!(m[1], "body");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Multipart {
    frames: VecDeque<Message>,
}

impl Multipart {
    /// An empty message, to fill frame by frame.
    ///
    /// ```
    /// let mut reply = zmq::Multipart::new();
    /// reply.push_back("body");
    /// reply.push_front("");          // envelope delimiter
    /// reply.push_front("client-7");  // routing id
    /// assert_eq!(reply.len(), 3);
    /// assert_eq!(reply[0], "client-7");
    /// ```
    pub fn new() -> Multipart {
        Multipart::default()
    }

    /// An empty message with room for `n` frames. The capacity is a hint:
    /// one that cannot be had (`usize::MAX`) is not reserved, rather than
    /// ending the process.
    pub fn with_capacity(n: usize) -> Multipart {
        let mut frames = VecDeque::new();
        let _ = frames.try_reserve(n);
        Multipart { frames }
    }

    /// Number of frames.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether there are no frames.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// Appends a frame: anything that converts into a [`Message`].
    ///
    /// ```
    /// let mut msg = zmq::Multipart::new();
    /// msg.push_back("text");
    /// msg.push_back(vec![1u8, 2]);
    /// msg.push_back(42u32.to_be_bytes());
    /// assert_eq!(msg[2], [0u8, 0, 0, 42]);
    /// ```
    pub fn push_back(&mut self, frame: impl Into<Message>) {
        self.frames.push_back(frame.into());
    }

    /// Prepends a frame (an envelope part).
    pub fn push_front(&mut self, frame: impl Into<Message>) {
        self.frames.push_front(frame.into());
    }

    /// Removes every frame, keeping the allocated room (see
    /// [`Socket::recv_multipart_into`](crate::Socket::recv_multipart_into)).
    pub fn clear(&mut self) {
        self.frames.clear();
    }

    /// Removes and returns the last frame.
    pub fn pop_back(&mut self) -> Option<Message> {
        self.frames.pop_back()
    }

    /// Removes and returns the first frame (`None` when empty): how a
    /// ROUTER takes the routing id off a request.
    ///
    /// ```
    /// let mut request = zmq::Multipart::from(["client-7", "", "hello"]);
    /// let id = request.pop_front().expect("routing id");
    /// assert_eq!(id, "client-7");
    /// assert_eq!(request.len(), 2);
    /// ```
    pub fn pop_front(&mut self) -> Option<Message> {
        self.frames.pop_front()
    }

    /// The first frame.
    pub fn front(&self) -> Option<&Message> {
        self.frames.front()
    }

    /// The last frame.
    pub fn back(&self) -> Option<&Message> {
        self.frames.back()
    }

    /// The frame at `index`.
    pub fn get(&self, index: usize) -> Option<&Message> {
        self.frames.get(index)
    }

    /// Iterates over the frames.
    ///
    /// ```
    /// let msg = zmq::Multipart::from(["a", "bc", "def"]);
    /// let total: usize = msg.iter().map(|frame| frame.len()).sum();
    /// assert_eq!(total, 6);
    /// ```
    pub fn iter(&self) -> std::collections::vec_deque::Iter<'_, Message> {
        self.frames.iter()
    }

    /// Iterates mutably over the frames.
    pub fn iter_mut(&mut self) -> std::collections::vec_deque::IterMut<'_, Message> {
        self.frames.iter_mut()
    }

    /// The frames as a `Vec`.
    pub fn into_vec(self) -> Vec<Message> {
        self.frames.into()
    }

    /// Makes room for `n` more frames.
    pub fn reserve(&mut self, n: usize) {
        self.frames.reserve(n);
    }

    /// Moves every frame of `other` to the front, in order (cppzmq's
    /// `prepend`).
    ///
    /// ```
    /// let mut m = zmq::Multipart::from(["body"]);
    /// m.prepend(zmq::Multipart::from(["id", ""]));
    /// assert_eq!(m, zmq::Multipart::from(["id", "", "body"]));
    /// ```
    pub fn prepend(&mut self, other: Multipart) {
        for frame in other.frames.into_iter().rev() {
            self.frames.push_front(frame);
        }
    }

    /// Moves every frame of `other` to the back, in order (cppzmq's
    /// `append`).
    pub fn append(&mut self, other: Multipart) {
        self.frames.extend(other.frames);
    }

    /// Removes the first frame and returns it as a `String` (cppzmq's
    /// `popstr`); `None` when there is none. A frame that is not UTF-8 is
    /// [`Error::InvalidUtf8`], which keeps its bytes.
    ///
    /// ```
    /// let mut m = zmq::Multipart::from(["key", "value"]);
    /// assert_eq!(m.pop_string().unwrap()?, "key");
    /// assert_eq!(m.peek_str(0), Some("value"));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn pop_string(&mut self) -> Option<Result<String>> {
        let frame = self.frames.pop_front()?;
        Some(
            String::from_utf8(frame.to_vec()).map_err(|e| Error::InvalidUtf8 {
                valid_up_to: e.utf8_error().valid_up_to(),
                bytes: e.into_bytes(),
            }),
        )
    }

    /// The frame at `index` as text (cppzmq's `peekstr`), if there is one
    /// and it is UTF-8.
    pub fn peek_str(&self, index: usize) -> Option<&str> {
        self.frames.get(index)?.as_str()
    }

    /// A copy whose frames own copies of the bytes (cppzmq's `clone`).
    /// [`Clone`] instead shares each frame's buffer with the original
    /// (`zmq_msg_copy`), which makes both read-only.
    ///
    /// ```
    /// let m = zmq::Multipart::from([vec![1u8; 100]]);
    /// let mut copy = m.deep_clone();
    /// copy[0].get_mut().unwrap()[0] = 2; // its own buffer: writable
    /// assert_eq!(m[0][0], 1);
    /// ```
    pub fn deep_clone(&self) -> Multipart {
        self.frames.iter().map(|f| Message::copy_from(f)).collect()
    }
}

/// One line per frame, like cppzmq's `multipart_t::str()`: the size in
/// brackets (at least three digits), then the bytes as text if they are all
/// printable ASCII, else in hex; frames of 1000 bytes or more are not shown.
///
/// ```
/// let m = zmq::Multipart::from([&b"hello"[..], &[0, 255]]);
/// assert_eq!(m.to_string(), "[005] hello\n[002] 00ff");
/// ```
impl fmt::Display for Multipart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, frame) in self.frames.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "[{:03}] ", frame.len())?;
            if frame.len() >= 1000 {
                f.write_str("... (too big to print)")?;
            } else if frame.iter().all(|b| (32..=127).contains(b)) {
                f.write_str(&String::from_utf8_lossy(frame))?;
            } else {
                for b in frame.iter() {
                    write!(f, "{b:02x}")?;
                }
            }
        }
        Ok(())
    }
}

impl Index<usize> for Multipart {
    type Output = Message;
    fn index(&self, index: usize) -> &Message {
        &self.frames[index]
    }
}

impl IndexMut<usize> for Multipart {
    fn index_mut(&mut self, index: usize) -> &mut Message {
        &mut self.frames[index]
    }
}

impl<M: Into<Message>> From<Vec<M>> for Multipart {
    fn from(frames: Vec<M>) -> Multipart {
        frames.into_iter().collect()
    }
}

impl<M: Into<Message>, const N: usize> From<[M; N]> for Multipart {
    fn from(frames: [M; N]) -> Multipart {
        frames.into_iter().collect()
    }
}

impl<M: Into<Message>> FromIterator<M> for Multipart {
    fn from_iter<I: IntoIterator<Item = M>>(iter: I) -> Multipart {
        Multipart {
            frames: iter.into_iter().map(Into::into).collect(),
        }
    }
}

impl<M: Into<Message>> Extend<M> for Multipart {
    fn extend<I: IntoIterator<Item = M>>(&mut self, iter: I) {
        self.frames.extend(iter.into_iter().map(Into::into));
    }
}

impl IntoIterator for Multipart {
    type Item = Message;
    type IntoIter = std::collections::vec_deque::IntoIter<Message>;
    fn into_iter(self) -> Self::IntoIter {
        self.frames.into_iter()
    }
}

impl<'a> IntoIterator for &'a Multipart {
    type Item = &'a Message;
    type IntoIter = std::collections::vec_deque::Iter<'a, Message>;
    fn into_iter(self) -> Self::IntoIter {
        self.frames.iter()
    }
}
