//! Async sockets for tokio (feature `tokio`, Unix).
//!
//! [`AsyncSocket<T>`] wraps a [`Socket<T>`](crate::Socket) with futures for
//! every send and receive, restricted by socket type like the blocking API,
//! and is a `Stream`/`Sink` of [`Multipart`](crate::Multipart) messages.
//! [`AsyncMonitor`] is a `Stream` of [`MonitorEvent`](crate::MonitorEvent)s.
//!
//! ```
//! use zmq::tokio::AsyncSocket;
//! use zmq::{Context, Dealer, Router};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> zmq::Result<()> {
//! let ctx = Context::new();
//! let router = AsyncSocket::new(ctx.socket::<Router>()?)?;
//! router.get_ref().bind("tcp://127.0.0.1:*")?;
//! let endpoint = router.get_ref().last_endpoint()?;
//! let dealer = AsyncSocket::new(ctx.socket::<Dealer>()?)?;
//! dealer.get_ref().connect(&endpoint)?;
//!
//! dealer.send("ping").await?;
//! let mut parts = router.recv_multipart().await?; // [identity, "ping"]
//! parts.pop_back();
//! parts.push_back("pong");
//! router.send_multipart(parts).await?;            // whole or nothing
//! assert_eq!(dealer.recv().await?, "pong");
//! # Ok(())
//! # }
//! ```
//!
//! How readiness works, cancel safety and backpressure: `docs/async.md`.
//! Other runtimes can build the same on [`AsFd`](std::os::fd::AsFd), which
//! `Socket<T>` and `Monitor` implement (readiness only).

mod monitor;
mod readiness;
mod socket;
mod stream;

pub use monitor::AsyncMonitor;
pub use socket::{AsyncSocket, SocketGuard};
