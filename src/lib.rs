//! Safe, fast Rust bindings for ZeroMQ (libzmq).
//!
//! ```
//! use zmq::{Context, Rep, Req};
//!
//! let ctx = Context::new();                      // Clone + Send + Sync
//! let rep = ctx.socket::<Rep>()?;                // typed socket
//! rep.bind("inproc://crate-doc")?;
//! let req = ctx.socket::<Req>()?;
//! req.connect("inproc://crate-doc")?;
//! req.send("Hello")?;                            // copies a &str / &[u8]
//! let msg = rep.recv()?;                         // -> zmq::Message (Deref<[u8]>)
//! assert_eq!(msg, "Hello");
//! rep.send(b"World".to_vec())?;                  // Vec<u8>: zero-copy hand-over
//! assert_eq!(req.recv()?.as_ref(), b"World");
//! # Ok::<(), zmq::Error>(())
//! ```
//!
//! The pieces, with their cppzmq and pyzmq counterparts:
//!
//! - [`Context`] (`context_t`, `zmq.Context`): shared by handles and sockets,
//!   terminated when the last one goes.
//! - [`Socket<T>`] (`socket_t`, `zmq.Socket`): `T` is a marker such as
//!   [`Req`] or [`Pub`], so misuse does not compile; [`Dynamic`] picks the type
//!   at run time. Every libzmq socket option is a typed getter/setter.
//! - [`Message`] (`message_t`, `zmq.Frame`) and [`Multipart`] (`multipart_t`,
//!   a list of frames).
//! - [`Error`]: one error type with named variants and the raw errno.
//! - [`z85`], [`CurveKeyPair`], [`curve_public`]: security primitives.
//! - [`PollSet`] (`zmq_poll` over borrowed sockets and descriptors) and
//!   [`Poller`] (`poller_t`, `zmq.Poller`: user data per item).
//! - [`Socket::monitor`] -> [`Monitor`] (`monitor_t`): typed
//!   [`MonitorEvent`]s.
//! - [`proxy`] and [`Proxy`] (`zmq::proxy`, `zmq.proxy`), steerable through
//!   [`ProxyControl`].
//! - [`Authenticator`] (pyzmq's `ThreadAuthenticator`): a ZAP handler with
//!   address rules, PLAIN users and CURVE keys.
//! - [`version()`] and [`has()`]: what the linked libzmq is and can do.
//!
//! The crate links libzmq through [`zmq-sys`](sys): a system library found
//! with pkg-config, or the bundled libzmq 4.3.5 compiled from source (see the
//! README for the order and the switches).

pub use zmq_sys as sys;

mod auth;
mod context;
mod curve;
mod error;
mod message;
mod monitor;
mod multipart;
mod poll;
mod proxy;
mod socket;
#[cfg(all(feature = "tokio", unix))]
pub mod tokio;
mod version;
pub mod z85;

pub use auth::{ANY_DOMAIN, Authenticator, CurvePolicy, DomainPolicy, ZAP_ENDPOINT};
pub use context::Context;
pub use curve::{CurveKeyPair, curve_public};
pub use error::{Error, Result};
pub use message::{Message, UninitMessage};
#[cfg(feature = "draft")]
pub use monitor::VersionedEvent;
pub use monitor::{Monitor, MonitorEvent, MonitorEvents, ProtocolError, RawSocketFd};
pub use multipart::Multipart;
pub use poll::{PollEntry, PollEvents, PollHandle, PollSet, Pollable, Poller};
pub use proxy::{Proxy, ProxyControl, ProxySideStatistics, ProxyStatistics, proxy};
pub use socket::*;
pub use version::{Version, has, version};
