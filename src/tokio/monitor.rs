//! [`AsyncMonitor`]: monitor events as a `Stream`.

use super::readiness::Shared;
use crate::error::Result;
use crate::monitor::{Monitor, MonitorEvent};
use crate::poll::PollEvents;
use futures_core::Stream;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

/// A [`Monitor`] as a [`Stream`] of [`MonitorEvent`]s (feature `tokio`).
/// The stream ends after [`MonitorEvent::MonitorStopped`], or after
/// yielding [`Error::ContextTerminated`](crate::Error::ContextTerminated).
///
/// ```
/// use futures_util::StreamExt;
/// use zmq::tokio::AsyncMonitor;
/// use zmq::{Context, MonitorEvent, MonitorEvents, Pull};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> zmq::Result<()> {
/// let ctx = Context::new();
/// let pull = ctx.socket::<Pull>()?;
/// let mut events = AsyncMonitor::new(pull.monitor(MonitorEvents::LISTENING)?)?;
/// pull.bind("tcp://127.0.0.1:*")?;
/// let event = events.next().await.unwrap()?;
/// assert!(matches!(event, MonitorEvent::Listening { .. }));
/// # Ok(())
/// # }
/// ```
pub struct AsyncMonitor {
    shared: Shared<Monitor>,
    reg: Option<u64>,
}

impl fmt::Debug for AsyncMonitor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncMonitor")
            .field("monitor", &*self.shared.lock())
            .finish_non_exhaustive()
    }
}

impl AsyncMonitor {
    /// Registers the monitor with the current tokio runtime's reactor
    /// (inside a runtime, as [`AsyncSocket::new`](super::AsyncSocket::new));
    /// see [`AsyncMonitor`] for reading it.
    ///
    /// ```
    /// use zmq::tokio::AsyncMonitor;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> zmq::Result<()> {
    /// let socket = zmq::Context::new().socket::<zmq::Req>()?;
    /// let events = AsyncMonitor::new(socket.monitor(zmq::MonitorEvents::ALL)?)?;
    /// # drop(events);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(monitor: Monitor) -> Result<AsyncMonitor> {
        Ok(AsyncMonitor {
            shared: Shared::new(monitor)?,
            reg: None,
        })
    }

    /// Deregisters and hands the monitor back.
    pub fn into_inner(self) -> Monitor {
        self.shared.into_inner()
    }
}

/// Cancel-safe: an event is read only in the poll that returns it.
impl Stream for AsyncMonitor {
    type Item = Result<MonitorEvent>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<MonitorEvent>>> {
        let this = self.get_mut();
        let next = ready!(
            this.shared
                .poll_op(cx, PollEvents::IN, &mut this.reg, |m: &Monitor| {
                    match m.try_next() {
                        Ok(Some(event)) => Ok(Some(Some(event))),
                        // The stream has ended (after MonitorStopped).
                        Err(crate::Error::Ended) => Ok(Some(None)),
                        Ok(None) => Ok(None),
                        Err(e) => Err(e),
                    }
                })
        );
        Poll::Ready(next.transpose())
    }
}
