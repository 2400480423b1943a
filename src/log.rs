//! Log events published on a PUB socket ([`PubLayer`], pyzmq's
//! `zmq.log.handlers.PUBHandler`), for the `tracing` ecosystem (feature
//! `tracing`).
//!
//! Each event becomes a two-frame message, `[topic, text]`, with pyzmq's
//! topic scheme: `<root>.<LEVEL>` followed by `.<subtopic>` when the event
//! has one (empty root: just `<LEVEL>`). Levels are named as Python's
//! logging names them (`DEBUG`, `INFO`, `WARNING`, `ERROR`; `TRACE` has no
//! Python twin). The subtopic is the event's `topic` field
//! (`warn!(topic = "db.pool", "slow")`), or, as with pyzmq, the part of the
//! message before `::` (`"db.pool::slow"`). The text follows pyzmq's
//! default formats: the message for `INFO`, `LEVEL file:line - message`
//! otherwise, then the other fields as ` name=value`, then a newline.
//!
//! Subscribers written for pyzmq (`python -m zmq.log URL`) read these
//! messages as they are; so does `cargo run --example logwatch URL`.
//!
//! ```
//! use tracing_subscriber::layer::SubscriberExt;
//! let ctx = zmq::Context::new();
//! let layer = zmq::log::PubLayer::bind(&ctx, "inproc://doc-log")?.root_topic("app");
//! let subscriber = tracing_subscriber::registry().with(layer);
//! // tracing::subscriber::set_global_default(subscriber) in a program.
//! # drop(subscriber);
//! # Ok::<(), zmq::Error>(())
//! ```

use crate::context::Context;
use crate::error::Result;
use crate::socket::{Pub, Socket};
use std::fmt::{self, Write as _};
use std::sync::Mutex;
use tracing_core::field::{Field, Visit};
use tracing_core::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context as LayerContext, Layer};

/// pyzmq's delimiter between a subtopic and the message: an event logged as
/// `"db.pool::slow"` is published under the subtopic `db.pool` with the
/// message `slow`.
///
/// ```
/// let message = format!("db.pool{}connection lost", zmq::log::TOPIC_DELIM);
/// assert_eq!(message, "db.pool::connection lost");
/// ```
pub const TOPIC_DELIM: &str = "::";

/// A `tracing-subscriber` [`Layer`] that publishes every event it sees on a
/// PUB socket (see the [module](self) for the format).
///
/// Sending never blocks (a PUB socket drops what its subscribers cannot
/// take) and a failed send is ignored: logging never stops the program.
///
/// ```
/// use std::time::Duration;
/// use tracing_subscriber::layer::SubscriberExt;
///
/// let ctx = zmq::Context::new();
/// let layer = zmq::log::PubLayer::bind(&ctx, "inproc://doc-publayer")?.root_topic("app");
/// let watcher = ctx.socket::<zmq::Sub>()?;
/// watcher.connect("inproc://doc-publayer")?;
/// watcher.subscribe("app.WARNING")?; // warnings only
///
/// let subscriber = tracing_subscriber::registry().with(layer);
/// tracing::subscriber::with_default(subscriber, || -> zmq::Result<()> {
///     // The subscription reaches the PUB socket asynchronously (a PUB drops
///     // what nobody has subscribed to yet): log until a warning arrives.
///     for tries in 0.. {
///         assert!(tries < 500, "the subscription never arrived");
///         tracing::info!("not for the watcher");
///         tracing::warn!(topic = "db", "slow query");
///         if watcher.poll(zmq::PollEvents::IN, Some(Duration::from_millis(10)))?.is_readable() {
///             return Ok(());
///         }
///     }
///     unreachable!()
/// })?;
/// let parts = watcher.recv_multipart()?;
/// assert_eq!(parts[0], "app.WARNING.db");
/// assert!(parts[1].as_str().unwrap().ends_with("- slow query\n"));
/// # Ok::<(), zmq::Error>(())
/// ```
pub struct PubLayer {
    socket: Mutex<Socket<Pub>>,
    root: String,
}

impl fmt::Debug for PubLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PubLayer")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl PubLayer {
    /// Publishes on `socket`, bound or connected already (pyzmq's
    /// `PUBHandler(socket)`).
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let socket = ctx.socket::<zmq::Pub>()?;
    /// socket.connect("tcp://127.0.0.1:5999")?; // a log collector's address
    /// let layer = zmq::log::PubLayer::new(socket);
    /// # drop(layer);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn new(socket: Socket<Pub>) -> PubLayer {
        PubLayer {
            socket: Mutex::new(socket),
            root: String::new(),
        }
    }

    /// Publishes on a new PUB socket of `ctx` bound to `endpoint` (pyzmq's
    /// `PUBHandler("tcp://...")`); see [`PubLayer`] for a watcher.
    ///
    /// ```
    /// use tracing_subscriber::layer::SubscriberExt;
    ///
    /// let ctx = zmq::Context::new();
    /// let layer = zmq::log::PubLayer::bind(&ctx, "tcp://127.0.0.1:*")?;
    /// let subscriber = tracing_subscriber::registry().with(layer);
    /// // In a program: tracing::subscriber::set_global_default(subscriber)
    /// # drop(subscriber);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn bind(ctx: &Context, endpoint: &str) -> Result<PubLayer> {
        let socket = ctx.socket::<Pub>()?;
        socket.bind(endpoint)?;
        Ok(PubLayer::new(socket))
    }

    /// Sets the root topic every topic starts with (pyzmq's `root_topic`;
    /// default empty).
    pub fn root_topic(mut self, root: impl Into<String>) -> PubLayer {
        self.root = root.into();
        self
    }

    /// The topic and text of one event.
    fn render(&self, event: &Event<'_>) -> (String, String) {
        let meta = event.metadata();
        let mut fields = Fields::default();
        event.record(&mut fields);
        let (subtopic, message) = match fields.topic {
            Some(topic) => (Some(topic), fields.message),
            None => match fields.message.split_once(TOPIC_DELIM) {
                Some((t, m)) => (Some(t.to_owned()), m.to_owned()),
                None => (None, fields.message),
            },
        };
        let level = level_name(*meta.level());
        let mut topic = String::new();
        for part in [Some(self.root.as_str()), Some(level), subtopic.as_deref()]
            .into_iter()
            .flatten()
            .filter(|p| !p.is_empty())
        {
            if !topic.is_empty() {
                topic.push('.');
            }
            topic.push_str(part);
        }
        let mut text = String::new();
        if *meta.level() != Level::INFO {
            let _ = write!(
                text,
                "{level} {}:{} - ",
                meta.file().unwrap_or("?"),
                meta.line().unwrap_or(0)
            );
        }
        text.push_str(&message);
        text.push_str(&fields.rest);
        text.push('\n');
        (topic, text)
    }
}

/// Python's name for a level.
fn level_name(level: Level) -> &'static str {
    match level {
        Level::TRACE => "TRACE",
        Level::DEBUG => "DEBUG",
        Level::INFO => "INFO",
        Level::WARN => "WARNING",
        Level::ERROR => "ERROR",
    }
}

/// Collects an event's fields: the message, the topic, the rest.
#[derive(Default)]
struct Fields {
    message: String,
    topic: Option<String>,
    rest: String,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "topic" => self.topic = Some(value.to_owned()),
            "message" => self.message = value.to_owned(),
            name => {
                let _ = write!(self.rest, " {name}={value}");
            }
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        match field.name() {
            "message" => self.message = format!("{value:?}"),
            "topic" => self.topic = Some(format!("{value:?}")),
            name => {
                let _ = write!(self.rest, " {name}={value:?}");
            }
        }
    }
}

impl<S: Subscriber> Layer<S> for PubLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: LayerContext<'_, S>) {
        let (topic, text) = self.render(event);
        let socket = self.socket.lock().unwrap_or_else(|e| e.into_inner());
        let _ = socket.try_send_multipart([topic, text]);
    }
}
