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
//!
//! Items marked *draft* exist only with the `draft` feature (libzmq's draft
//! API: new socket types, `zmq_poller`, versioned monitor events).
//!
//! # Recipes
//!
//! Each is a complete program (the doc tests run them). The guide's samples
//! in `examples/` (`cargo run --example hwserver`, ...) show the same
//! patterns across processes; `docs/guide.md` lists them.
//!
//! ## Request-reply
//!
//! ```
//! use zmq::{Context, Rep, Req};
//!
//! let ctx = Context::new();
//! let server = ctx.socket::<Rep>()?;
//! server.bind("inproc://echo")?;
//! let client = ctx.socket::<Req>()?;
//! client.connect("inproc://echo")?;
//! for n in 0..3 {
//!     client.send(format!("request {n}"))?;
//!     let request = server.recv_string()?;        // REP: recv, then send
//!     server.send(format!("reply to {request}"))?;
//!     assert_eq!(client.recv_string()?, format!("reply to request {n}"));
//! }
//! # Ok::<(), zmq::Error>(())
//! ```
//!
//! ## Publish-subscribe with prefix filters
//!
//! A subscriber receives the messages that start with one of its
//! subscriptions: client 1 takes everything, client 2 only topic `123`.
//! Subscriptions reach the publisher asynchronously, and a publisher drops
//! what no subscriber has asked for yet (the guide's "slow joiner"): here
//! the publisher repeats its first update until client 2 has it.
//!
//! ```
//! use std::time::Duration;
//! use zmq::{Context, PollEvents, Pub, Sub};
//!
//! let ctx = Context::new();
//! let publisher = ctx.socket::<Pub>()?;
//! publisher.bind("inproc://weather")?;
//! let client1 = ctx.socket::<Sub>()?;
//! client1.connect("inproc://weather")?;
//! client1.subscribe("")?;                          // everything
//! let client2 = ctx.socket::<Sub>()?;
//! client2.connect("inproc://weather")?;
//! client2.subscribe("123 ")?;                      // only topic 123
//!
//! for c in [&client1, &client2] {
//!     c.set_rcvtimeo(Some(Duration::from_secs(10)))?;
//! }
//! let wait = Some(Duration::from_millis(10));
//! let mut tries = 0;
//! while client2.poll(PollEvents::IN, wait)?.is_empty() {
//!     tries += 1;
//!     assert!(tries < 1000, "the subscription never arrived");
//!     publisher.send("123 sunny")?;
//! }
//! assert_eq!(client2.recv_string()?, "123 sunny");
//! publisher.send("456 rain")?;                     // client 2 never sees it
//! publisher.send("123 cloudy")?;
//! assert_eq!(client2.recv_string()?, "123 cloudy");
//! // Client 1 got the repeats, then both updates.
//! let mut seen = Vec::new();
//! while seen.last().map(String::as_str) != Some("123 cloudy") {
//!     seen.push(client1.recv_string()?);
//! }
//! assert!(seen.contains(&"456 rain".to_string()));
//! # Ok::<(), zmq::Error>(())
//! ```
//!
//! ## Pipeline
//!
//! PUSH deals tasks round-robin to the connected PULL workers; their results
//! flow on to a sink. [`Context::shutdown`] makes the workers' calls fail
//! with [`Error::ContextTerminated`], their cue to stop.
//!
//! ```
//! use std::time::Duration;
//! use zmq::{Context, Error, Pull, Push};
//!
//! let ctx = Context::new();
//! let ventilator = ctx.socket::<Push>()?;
//! ventilator.bind("inproc://tasks")?;
//! let sink = ctx.socket::<Pull>()?;
//! sink.bind("inproc://results")?;
//! sink.set_rcvtimeo(Some(Duration::from_secs(10)))?;
//!
//! let workers: Vec<_> = (0..2)
//!     .map(|_| {
//!         let ctx = ctx.clone();
//!         std::thread::spawn(move || {
//!             let work = || -> zmq::Result<()> {
//!                 let tasks = ctx.socket::<Pull>()?;
//!                 tasks.connect("inproc://tasks")?;
//!                 let results = ctx.socket::<Push>()?;
//!                 results.connect("inproc://results")?;
//!                 loop {
//!                     let n: u32 = tasks.recv_string()?.parse().expect("a number");
//!                     results.send((n * n).to_string())?;
//!                 }
//!             };
//!             match work() {
//!                 // Shut down (possibly before this worker even started:
//!                 // then `connect` fails, its error naming the endpoint).
//!                 Err(e) if e.cause() == &Error::ContextTerminated => Ok(()),
//!                 other => other,
//!             }
//!         })
//!     })
//!     .collect();
//!
//! for n in 1..=10u32 {
//!     ventilator.send(n.to_string())?;
//! }
//! let mut total = 0;
//! for _ in 1..=10 {
//!     total += sink.recv_string()?.parse::<u32>().expect("a number");
//! }
//! assert_eq!(total, 385);
//! ctx.shutdown()?; // the workers' recv returns ContextTerminated
//! for w in workers {
//!     w.join().expect("worker")?;
//! }
//! # Ok::<(), zmq::Error>(())
//! ```
//!
//! ## Polling two sockets
//!
//! A [`PollSet`] borrows the sockets it watches; between polls they stay
//! usable through `&self`.
//!
//! ```
//! use std::time::Duration;
//! use zmq::{Context, PollEvents, PollSet, Pull, Push, Sub, Pub};
//!
//! let ctx = Context::new();
//! let tasks = ctx.socket::<Pull>()?;
//! tasks.bind("inproc://tasks")?;
//! let control = ctx.socket::<Sub>()?;
//! control.bind("inproc://control")?;
//! control.subscribe("")?;
//!
//! let producer = ctx.socket::<Push>()?;
//! producer.connect("inproc://tasks")?;
//! let controller = ctx.socket::<Pub>()?;
//! controller.connect("inproc://control")?;
//! producer.send("task 1")?;
//!
//! let mut items = PollSet::new();
//! let task_item = items.add(&tasks, PollEvents::IN);
//! let control_item = items.add(&control, PollEvents::IN);
//! for round in 0.. {
//!     assert!(round < 1000, "KILL never arrived");
//!     items.poll(Some(Duration::from_millis(10)))?;
//!     if items.is_readable(task_item) {
//!         assert_eq!(tasks.recv_string()?, "task 1");
//!     }
//!     if items.is_readable(control_item) {
//!         assert_eq!(control.recv_string()?, "KILL");
//!         break;
//!     }
//!     controller.send("KILL")?; // repeated until it arrives (slow joiner)
//! }
//! # Ok::<(), zmq::Error>(())
//! ```
//!
//! ## CURVE: an encrypting, authenticated server and client
//!
//! The server publishes its public key; each client has a key pair. An
//! [`Authenticator`] decides which client keys are let in (without one,
//! any client that knows the server's public key is).
//!
//! ```
//! use std::time::Duration;
//! use zmq::{Authenticator, Context, CurveKeyPair, Rep, Req};
//!
//! let ctx = Context::new();
//! let server_keys = CurveKeyPair::new()?;          // NotSupported without CURVE
//! let client_keys = CurveKeyPair::new()?;
//!
//! let auth = Authenticator::start(&ctx)?;
//! auth.allow_curve_keys("*", [client_keys.public]);
//!
//! let server = ctx.socket::<Rep>()?;
//! server.set_curve_server_keys(&server_keys)?;
//! let port = server.bind_to_random_port("tcp://127.0.0.1")?;
//!
//! let client = ctx.socket::<Req>()?;
//! client.set_curve_client(server_keys.public, &client_keys)?;
//! client.set_rcvtimeo(Some(Duration::from_secs(10)))?;
//! server.set_rcvtimeo(Some(Duration::from_secs(10)))?;
//! client.connect(&format!("tcp://127.0.0.1:{port}"))?;
//!
//! client.send("secret")?;
//! let request = server.recv()?;
//! assert_eq!(request, "secret");
//! // ZAP tells the server who the client is: its public key, in Z85.
//! assert_eq!(request.gets("User-Id"), Some(client_keys.public.to_z85().as_str()));
//! server.send("ok")?;
//! assert_eq!(client.recv()?, "ok");
//! # Ok::<(), zmq::Error>(())
//! ```
//!
//! ## Monitoring a connection
//!
//! ```
//! use std::time::Duration;
//! use zmq::{Context, MonitorEvent, MonitorEvents, Pull, Push};
//!
//! let ctx = Context::new();
//! let server = ctx.socket::<Pull>()?;
//! let port = server.bind_to_random_port("tcp://127.0.0.1")?;
//! let client = ctx.socket::<Push>()?;
//! let monitor = client.monitor(MonitorEvents::CONNECTED | MonitorEvents::HANDSHAKE_SUCCEEDED)?;
//! client.connect(&format!("tcp://127.0.0.1:{port}"))?;
//!
//! let mut events = Vec::new();
//! while let Some(event) = monitor.next_timeout(Duration::from_secs(10))? {
//!     let done = matches!(event, MonitorEvent::HandshakeSucceeded { .. });
//!     events.push(event);
//!     if done {
//!         break;
//!     }
//! }
//! assert!(matches!(events[0], MonitorEvent::Connected { .. }), "{events:?}");
//! assert!(matches!(events.last(), Some(MonitorEvent::HandshakeSucceeded { .. })));
//! # Ok::<(), zmq::Error>(())
//! ```
//!
//! # Traps
//!
//! **Errors of `bind`/`connect` carry their endpoint.** They come wrapped as
//! [`Error::Endpoint`], so match on [`Error::cause`]:
//!
//! ```
//! let ctx = zmq::Context::new();
//! let a = ctx.socket::<zmq::Rep>()?;
//! let port = a.bind_to_random_port("tcp://127.0.0.1")?;
//! let b = ctx.socket::<zmq::Rep>()?;
//! let err = b.bind(&format!("tcp://127.0.0.1:{port}")).unwrap_err();
//! assert!(!matches!(err, zmq::Error::AddressInUse));      // the wrapper
//! assert!(matches!(err.cause(), zmq::Error::AddressInUse)); // the cause
//! assert_eq!(err.endpoint(), Some(format!("tcp://127.0.0.1:{port}").as_str()));
//! # Ok::<(), zmq::Error>(())
//! ```
//!
//! **Rebinding a TCP port right after closing its socket can fail** with
//! `AddressInUse`: libzmq closes sockets in its I/O thread, after `drop` or
//! `unbind` has returned. Bind to port 0 (`tcp://127.0.0.1:*`,
//! [`Socket::bind_to_random_port`]) where you can; where the port is fixed,
//! retry the bind for a bounded time:
//!
//! ```
//! use std::time::{Duration, Instant};
//!
//! fn bind_retrying<T: zmq::SocketType>(s: &zmq::Socket<T>, ep: &str) -> zmq::Result<()> {
//!     let deadline = Instant::now() + Duration::from_secs(5);
//!     loop {
//!         match s.bind(ep) {
//!             Err(e) if matches!(e.cause(), zmq::Error::AddressInUse)
//!                 && Instant::now() < deadline =>
//!             {
//!                 std::thread::sleep(Duration::from_millis(10));
//!             }
//!             other => return other,
//!         }
//!     }
//! }
//! let ctx = zmq::Context::new();
//! let first = ctx.socket::<zmq::Rep>()?;
//! let port = first.bind_to_random_port("tcp://127.0.0.1")?;
//! drop(first);
//! let second = ctx.socket::<zmq::Rep>()?;
//! bind_retrying(&second, &format!("tcp://127.0.0.1:{port}"))?;
//! # Ok::<(), zmq::Error>(())
//! ```
//!
//! **errno names**: each [`Error`] variant is found by its C name in the
//! docs' search (`EAGAIN` is [`Error::WouldBlock`], `ETERM`
//! [`Error::ContextTerminated`], `EINTR` [`Error::Interrupted`], ...), and
//! [`Error::errno`] gives the number back.

#![cfg_attr(docsrs, feature(doc_cfg))]

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
#[cfg(all(feature = "tokio", unix))]
pub mod tokio;
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
