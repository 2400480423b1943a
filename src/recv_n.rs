//! [`Socket::recv_multipart_n`]: a multipart message into caller storage
//! (cppzmq's `recv_multipart_n`).

use crate::error::{Error, Result};
use crate::message::Message;
use crate::socket::{CanRecv, RecvFlags, Socket};

impl<T: CanRecv> Socket<T> {
    /// Receives one multipart message into `frames`, at most `frames.len()`
    /// of them, and returns how many arrived (cppzmq's `recv_multipart_n`).
    /// Each slot's old content is released; slots past the count are left
    /// as they were. No allocation beyond libzmq's own.
    ///
    /// A message with more frames than `frames` holds is
    /// [`Error::MessageTooLarge`]: `frames` then holds its first
    /// `frames.len()` frames, the rest are received and dropped, and the
    /// socket is ready for the next message (cppzmq throws instead, leaving
    /// the rest unread).
    ///
    /// ```
    /// use zmq::{Context, Error, Message, Pair};
    /// let ctx = Context::new();
    /// let (a, b) = (ctx.socket::<Pair>()?, ctx.socket::<Pair>()?);
    /// a.bind("inproc://doc-recv-n")?;
    /// b.connect("inproc://doc-recv-n")?;
    ///
    /// let mut frames: [Message; 2] = Default::default();
    /// a.send_multipart(["id", "body"])?;
    /// assert_eq!(b.recv_multipart_n(&mut frames)?, 2);
    /// assert_eq!(frames[1], "body");
    ///
    /// a.send_multipart(["1", "2", "3"])?;
    /// assert_eq!(b.recv_multipart_n(&mut frames), Err(Error::MessageTooLarge));
    /// a.send("next")?; // the socket is still in step
    /// assert_eq!(b.recv_multipart_n(&mut frames)?, 1);
    /// assert_eq!(frames[0], "next");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn recv_multipart_n(&self, frames: &mut [Message]) -> Result<usize> {
        // A blocking receive reports a timeout as WouldBlock, never nothing.
        self.recv_n(frames, RecvFlags::NONE)?
            .ok_or(Error::WouldBlock)
    }

    /// [`Socket::recv_multipart_n`] without blocking: `Ok(None)` when no
    /// message is waiting.
    ///
    /// ```
    /// let pull = zmq::Context::new().socket::<zmq::Pull>()?;
    /// pull.bind("inproc://doc-try-recv-n")?;
    /// let mut frames: [zmq::Message; 3] = Default::default();
    /// assert_eq!(pull.try_recv_multipart_n(&mut frames)?, None);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn try_recv_multipart_n(&self, frames: &mut [Message]) -> Result<Option<usize>> {
        self.recv_n(frames, RecvFlags::DONTWAIT)
    }

    fn recv_n(&self, frames: &mut [Message], flags: RecvFlags) -> Result<Option<usize>> {
        let mut spare = Message::new();
        let first = frames.first_mut().unwrap_or(&mut spare);
        if !self.recv_msg_with(first, flags)? {
            return Ok(None);
        }
        let mut n = 1;
        let mut more = first.more();
        while more {
            // The rest of a message is already there (libzmq delivers whole
            // messages): only a signal can interrupt it, and is retried.
            let slot = frames.get_mut(n).unwrap_or(&mut spare);
            loop {
                match self.recv_msg(slot) {
                    Err(Error::Interrupted) => continue,
                    other => break other?,
                }
            }
            more = slot.more();
            n += 1;
        }
        if n > frames.len() {
            return Err(Error::MessageTooLarge);
        }
        Ok(Some(n))
    }
}
