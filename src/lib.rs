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
//! - [`PollSet`] (`zmq_poll` over borrowed sockets and descriptors),
//!   [`Poller`] (`poller_t`, `zmq.Poller`: user data per item) and
//!   [`ActivePoller`] (`active_poller_t`: a handler per item); [`Timers`]
//!   (`zmq::timers`) for the timeouts of such loops.
//! - [`SocketRef`] (`socket_ref`): an untyped, non-owning handle to a socket.
//! - [`encode`] and [`decode`] (`zmq::encode`/`zmq::decode`): several frames
//!   in one, byte-compatible with cppzmq and CZMQ.
//! - [`Socket::monitor`] -> [`Monitor`] (`monitor_t`): typed
//!   [`MonitorEvent`]s.
//! - [`proxy`] and [`Proxy`] (`zmq::proxy`, `zmq.proxy`), steerable through
//!   [`ProxyControl`].
//! - [`Authenticator`] (pyzmq's `ThreadAuthenticator`): a ZAP handler with
//!   address rules, PLAIN users and CURVE keys.
//! - [`version()`] and [`has()`]: what the linked libzmq is and can do.
//! - From pyzmq: [`Device`] / [`ThreadDevice`] (`zmq.devices`),
//!   [`cert`] (`zmq.auth.certs`), [`SocketDefaults`] and
//!   [`Context::instance`], [`MessageTracker`], [`MonitorEvent::parse`]
//!   (`parse_monitor_message`), and `log::PubLayer` (`PUBHandler`, feature
//!   `tracing`). `docs/pyzmq.md` maps every pyzmq concept.
//!
//! Coming from cppzmq? `docs/cppzmq.md` maps every concept of `zmq.hpp` and
//! `zmq_addon.hpp` to its counterpart here.
//!
//! The crate links libzmq through [`zmq-sys`](sys): a system library found
//! with pkg-config, or the bundled libzmq 4.3.5 compiled from source (see the
//! README for the order and the switches).

pub use zmq_sys as sys;

mod auth;
mod auth_config;
mod binding;
pub mod cert;
mod codec;
mod context;
mod context_defaults;
mod context_ext;
mod curve;
mod curve_callback;
mod defaults;
mod device;
mod endpoint;
mod error;
mod flags;
pub mod interrupt;
#[cfg(feature = "tracing")]
pub mod log;
mod message;
mod message_ext;
mod monitor;
mod monitor_parse;
mod multipart;
mod option_buf;
mod poll;
mod proxy;
mod recv_n;
mod socket;
mod socket_ref;
mod timers;
mod tracker;
mod version;
pub mod z85;

pub use auth::{ANY_DOMAIN, Authenticator, CurvePolicy, DomainPolicy, ZAP_ENDPOINT};
pub use binding::{DYNAMIC_PORTS, ScopedEndpoint};
pub use cert::{CertError, Certificate};
pub use codec::{decode, decode_into, encode};
pub use context::Context;
pub use curve::{CurveKeyPair, curve_public};
pub use curve_callback::CurveCallback;
pub use defaults::SocketDefaults;
pub use device::{Device, ThreadDevice};
pub use error::{Error, Result};
pub use message::{Message, UninitMessage};
pub use message_ext::{FreeFn, MessageProperty};
#[cfg(feature = "draft")]
pub use monitor::VersionedEvent;
pub use monitor::{Monitor, MonitorAbort, MonitorEvent, MonitorEvents, ProtocolError, RawSocketFd};
pub use multipart::Multipart;
pub use option_buf::BytesOption;
pub use poll::{ActivePoller, PollEntry, PollEvents, PollHandle, PollSet, Pollable, Poller};
pub use proxy::{Proxy, ProxyControl, ProxySideStatistics, ProxyStatistics, proxy};
pub use socket::*;
pub use socket_ref::SocketRef;
pub use timers::{TimerId, Timers};
pub use tracker::MessageTracker;
pub use version::{Version, has, version};
