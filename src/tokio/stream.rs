//! `Stream` and `Sink` for [`AsyncSocket`].

use super::socket::{AsyncSocket, try_send_slot};
use crate::error::{Error, Result};
use crate::multipart::Multipart;
use crate::poll::PollEvents;
use crate::socket::{CanRecv, CanSend, Socket};
use futures_core::Stream;
use futures_sink::Sink;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

/// Receiving sockets are a stream of whole messages. Each poll takes at
/// most one message and spends tokio's cooperative budget (a unit per
/// four operations of the socket), so a socket that always has input
/// cannot starve the other tasks of its thread.
/// After yielding [`Error::ContextTerminated`] the stream ends; other
/// errors are yielded and the stream goes on. Cancel-safe: an item is taken
/// from libzmq only in the poll that returns it.
///
/// ```
/// use futures_util::StreamExt;
/// use zmq::tokio::AsyncSocket;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> zmq::Result<()> {
/// let ctx = zmq::Context::new();
/// let mut pull = AsyncSocket::new(ctx.socket::<zmq::Pull>()?)?;
/// pull.get_ref().bind("inproc://doc-async-stream")?;
/// let push = AsyncSocket::new(ctx.socket::<zmq::Push>()?)?;
/// push.get_ref().connect("inproc://doc-async-stream")?;
/// for n in 0..3 {
///     push.send(format!("job {n}")).await?;
/// }
/// let jobs: Vec<zmq::Multipart> = (&mut pull).take(3).map(Result::unwrap).collect().await;
/// assert_eq!(jobs[2][0], "job 2");
/// # Ok(())
/// # }
/// ```
impl<T: CanRecv> Stream for AsyncSocket<T> {
    type Item = Result<Multipart>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Multipart>>> {
        let this = self.get_mut();
        if this.stream.ended {
            return Poll::Ready(None);
        }
        let shared = &this.shared;
        let got = ready!(shared.poll_op(
            cx,
            PollEvents::IN,
            &mut this.stream.recv_reg,
            |s: &Socket<T>| s.try_recv_multipart(),
        ));
        if matches!(got, Err(Error::ContextTerminated)) {
            this.stream.ended = true;
        }
        Poll::Ready(Some(got))
    }
}

/// Sending sockets are a sink of whole messages with room for one:
/// `start_send` keeps the message, and `poll_ready`, `poll_flush` and
/// `poll_close` deliver it (all frames at once, or none). A message
/// accepted by `start_send` and not yet delivered is dropped, unsent, if
/// the socket is dropped or [`into_inner`](AsyncSocket::into_inner)ed
/// before a flush: `SinkExt::send` flushes, `SinkExt::feed` does not.
/// `start_send` without a successful `poll_ready` first (a message already
/// held) is [`Error::WrongState`], dropping the new message.
///
/// ```
/// use futures_util::{SinkExt, StreamExt};
/// use zmq::tokio::AsyncSocket;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> zmq::Result<()> {
/// let ctx = zmq::Context::new();
/// let mut push = AsyncSocket::new(ctx.socket::<zmq::Push>()?)?;
/// push.get_ref().bind("inproc://doc-async-sink")?;
/// let mut pull = AsyncSocket::new(ctx.socket::<zmq::Pull>()?)?;
/// pull.get_ref().connect("inproc://doc-async-sink")?;
/// // The inherent `send` (one frame) hides SinkExt::send: name the trait.
/// SinkExt::send(&mut push, zmq::Multipart::from(["topic", "body"])).await?; // flushes
/// let got = pull.next().await.expect("a message")?;
/// assert_eq!(got.into_vec(), ["topic", "body"]);
/// # Ok(())
/// # }
/// ```
impl<T: CanSend> Sink<Multipart> for AsyncSocket<T> {
    type Error = Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<()>> {
        self.poll_flush(cx)
    }

    fn start_send(self: Pin<&mut Self>, item: Multipart) -> Result<()> {
        let (pending, _) = self.get_mut().stream.sink();
        if pending.is_some() {
            return Err(Error::WrongState);
        }
        *pending = Some(item);
        Ok(())
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<()>> {
        let this = self.get_mut();
        let (pending, reg) = this.stream.sink();
        if pending.is_none() {
            return Poll::Ready(Ok(()));
        }
        this.shared
            .poll_op(cx, PollEvents::OUT, reg, |s: &Socket<T>| {
                try_send_slot(pending, |m| s.try_send_multipart(m))
            })
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<()>> {
        self.poll_flush(cx)
    }
}
