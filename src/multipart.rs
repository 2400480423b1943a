//! [`Multipart`]: the frames of one multipart message.

use crate::message::Message;
use std::collections::VecDeque;
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
    /// An empty message.
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

    /// Appends a frame.
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

    /// Removes and returns the first frame.
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
