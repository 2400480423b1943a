//! Socket type markers and the capability traits that decide, at compile
//! time, which methods a `Socket<T>` has.

use std::fmt;

mod sealed {
    pub trait Sealed {}
}

/// A socket type: a zero-sized marker such as [`Req`] or [`Pub`], or
/// [`Dynamic`] for a type chosen at run time.
///
/// Generic code over every socket takes `T: SocketType`:
///
/// ```
/// fn describe<T: zmq::SocketType>(s: &zmq::Socket<T>) -> String {
///     format!("{} socket", s.kind())
/// }
/// let ctx = zmq::Context::new();
/// assert_eq!(describe(&ctx.socket::<zmq::Dealer>()?), "DEALER socket");
/// # Ok::<(), zmq::Error>(())
/// ```
pub trait SocketType: sealed::Sealed + Send + 'static {
    /// The libzmq type (`ZMQ_REQ`, ...); `None` for [`Dynamic`].
    const KIND: Option<SocketKind>;
}

/// Socket types that can send (`send`, `send_multipart`, ...).
///
/// ```
/// fn greet<T: zmq::CanSend>(s: &zmq::Socket<T>) -> zmq::Result<()> {
///     s.send("hello")
/// }
/// let ctx = zmq::Context::new();
/// let push = ctx.socket::<zmq::Push>()?;
/// push.bind("inproc://can-send")?;
/// let pull = ctx.socket::<zmq::Pull>()?;
/// pull.connect("inproc://can-send")?;
/// greet(&push)?; // greet(&pull) does not compile: PULL cannot send
/// assert_eq!(pull.recv()?, "hello");
/// # Ok::<(), zmq::Error>(())
/// ```
pub trait CanSend: SocketType {}
/// Socket types that can receive (`recv`, `recv_multipart`, ...).
///
/// ```
/// use std::time::Duration;
///
/// /// Everything waiting now, without blocking.
/// fn drain<T: zmq::CanRecv>(s: &zmq::Socket<T>) -> zmq::Result<Vec<zmq::Message>> {
///     let mut all = Vec::new();
///     while let Some(m) = s.try_recv()? {
///         all.push(m);
///     }
///     Ok(all)
/// }
/// let ctx = zmq::Context::new();
/// let pull = ctx.socket::<zmq::Pull>()?;
/// pull.bind("inproc://can-recv")?;
/// let push = ctx.socket::<zmq::Push>()?;
/// push.connect("inproc://can-recv")?;
/// push.send("a")?;
/// push.send("b")?;
/// pull.poll(zmq::PollEvents::IN, Some(Duration::from_secs(5)))?;
/// assert_eq!(drain(&pull)?, ["a", "b"]);
/// # Ok::<(), zmq::Error>(())
/// ```
pub trait CanRecv: SocketType {}
/// Socket types with `subscribe`/`unsubscribe`: `Sub` and `XSub`.
///
/// ```
/// let ctx = zmq::Context::new();
/// let sub = ctx.socket::<zmq::Sub>()?;
/// sub.subscribe("weather.")?; // messages starting with "weather."
/// sub.unsubscribe("weather.")?;
/// # Ok::<(), zmq::Error>(())
/// ```
pub trait CanSubscribe: SocketType {}
/// Socket types with `join`/`leave`: `Dish`.
pub trait CanJoin: SocketType {}
/// Socket types libzmq documents as thread-safe: their `Socket` is `Sync`.
///
/// The draft types `Server`, `Client`, `Radio`, `Dish`, `Gather`,
/// `Scatter` and `Channel`; every other `Socket` is `Send` only:
///
/// ```compile_fail
/// fn shared<S: Sync>(_: &S) {}
/// let s = zmq::Context::new().socket::<zmq::Req>().unwrap();
/// shared(&s); // Socket<Req> is not Sync
/// ```
pub trait ThreadSafe: SocketType {}

/// Option groups that libzmq applies to some socket types only; the options
/// module offers each option on the types its group is implemented for.
pub mod opt {
    use super::SocketType;
    /// `ROUTING_ID`: Req, Rep, Router, Dealer.
    pub trait RoutingId: SocketType {}
    /// `PROBE_ROUTER`: Router, Dealer, Req.
    pub trait ProbeRouter: SocketType {}
    /// `CONNECT_ROUTING_ID`: Router, Stream.
    pub trait ConnectRoutingId: SocketType {}
    /// `ROUTER_MANDATORY`, `ROUTER_HANDOVER`, `ROUTER_RAW`, `ROUTER_NOTIFY`: Router.
    pub trait Router: SocketType {}
    /// `REQ_CORRELATE`, `REQ_RELAXED`: Req.
    pub trait Req: SocketType {}
    /// `CONFLATE`: Pull, Push, Sub, Pub, Dealer.
    pub trait Conflate: SocketType {}
    /// `XPUB_*`: XPub.
    pub trait XPub: SocketType {}
    /// `XPUB_NODROP`: XPub, Pub.
    pub trait NoDrop: SocketType {}
    /// `INVERT_MATCHING`: Pub, XPub, Sub.
    pub trait InvertMatching: SocketType {}
    /// `ONLY_FIRST_SUBSCRIBE`: XSub, XPub.
    pub trait OnlyFirstSubscribe: SocketType {}
    /// `XSUB_VERBOSE_UNSUBSCRIBE`: XSub.
    pub trait XSub: SocketType {}
    /// `STREAM_NOTIFY`: Stream.
    pub trait Stream: SocketType {}
    /// `HELLO_MSG`: Router, Dealer, Client, Server, Peer.
    pub trait HelloMsg: SocketType {}
    /// `DISCONNECT_MSG`: Router, Server, Peer.
    pub trait DisconnectMsg: SocketType {}
    /// `HICCUP_MSG`: Dealer, Client, Peer.
    pub trait HiccupMsg: SocketType {}
    /// `MULTICAST_LOOP`: Radio.
    pub trait MulticastLoop: SocketType {}
}

macro_rules! kinds {
    ($( $(#[$m:meta])* $name:ident = $raw:ident ),* $(,)?) => {
        /// A libzmq socket type as a value, for sockets whose type is chosen
        /// at run time ([`Context::dynamic_socket`](crate::Context::dynamic_socket)).
        ///
        /// ```
        /// use zmq::SocketKind;
        ///
        /// let kind = SocketKind::from_raw(zmq::sys::ZMQ_ROUTER).unwrap();
        /// assert_eq!(kind, SocketKind::Router);
        /// assert_eq!(kind.name(), "ROUTER");
        /// let socket = zmq::Context::new().dynamic_socket(kind)?;
        /// assert_eq!(socket.kind(), SocketKind::Router);
        /// # Ok::<(), zmq::Error>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum SocketKind {
            $( $(#[$m])* #[doc = concat!("`", stringify!($raw), "`")] $name, )*
        }

        impl SocketKind {
            /// The libzmq constant (`ZMQ_REQ`, ...).
            pub const fn raw(self) -> i32 {
                match self { $( $(#[$m])* SocketKind::$name => zmq_sys::$raw, )* }
            }

            /// The kind for a libzmq constant, if this build knows it.
            pub fn from_raw(raw: i32) -> Option<SocketKind> {
                $( $(#[$m])* if raw == zmq_sys::$raw { return Some(SocketKind::$name); } )*
                None
            }

            /// The name used in ZMTP metadata (`"REQ"`, `"ROUTER"`, ...).
            pub fn name(self) -> &'static str {
                match self { $( $(#[$m])* SocketKind::$name => &stringify!($raw)[4..], )* }
            }
        }

        $(
            $(#[$m])*
            #[doc = concat!("Marker for `", stringify!($raw), "` sockets: `Socket<", stringify!($name), ">`.")]
            ///
            /// ```
            #[doc = concat!("let socket = zmq::Context::new().socket::<zmq::", stringify!($name), ">()?;")]
            #[doc = concat!("assert_eq!(socket.kind(), zmq::SocketKind::", stringify!($name), ");")]
            #[doc = concat!("assert_eq!(socket.kind().name(), \"", stringify!($raw), "\".trim_start_matches(\"ZMQ_\"));")]
            /// # Ok::<(), zmq::Error>(())
            /// ```
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            pub struct $name;
            $(#[$m])*
            impl sealed::Sealed for $name {}
            $(#[$m])*
            impl SocketType for $name {
                const KIND: Option<SocketKind> = Some(SocketKind::$name);
            }
        )*
    };
}

kinds! {
    Pair = ZMQ_PAIR,
    Pub = ZMQ_PUB,
    Sub = ZMQ_SUB,
    Req = ZMQ_REQ,
    Rep = ZMQ_REP,
    Dealer = ZMQ_DEALER,
    Router = ZMQ_ROUTER,
    Pull = ZMQ_PULL,
    Push = ZMQ_PUSH,
    XPub = ZMQ_XPUB,
    XSub = ZMQ_XSUB,
    Stream = ZMQ_STREAM,
    #[cfg(feature = "draft")] Server = ZMQ_SERVER,
    #[cfg(feature = "draft")] Client = ZMQ_CLIENT,
    #[cfg(feature = "draft")] Radio = ZMQ_RADIO,
    #[cfg(feature = "draft")] Dish = ZMQ_DISH,
    #[cfg(feature = "draft")] Gather = ZMQ_GATHER,
    #[cfg(feature = "draft")] Scatter = ZMQ_SCATTER,
    #[cfg(feature = "draft")] Dgram = ZMQ_DGRAM,
    #[cfg(feature = "draft")] Peer = ZMQ_PEER,
    #[cfg(feature = "draft")] Channel = ZMQ_CHANNEL,
}

impl fmt::Display for SocketKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Marker for a socket whose type is chosen at run time (cppzmq's
/// `socket_t`): every method is present, and libzmq's own errors report
/// misuse (`NotSupported`, `WrongState`, ...). See
/// [`Socket::downcast`](crate::Socket::downcast) and
/// [`Socket::into_dynamic`](crate::Socket::into_dynamic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Dynamic;
impl sealed::Sealed for Dynamic {}
impl SocketType for Dynamic {
    const KIND: Option<SocketKind> = None;
}

/// `impl Trait for A, B, C {}` in one line.
macro_rules! capable {
    ($tr:path: $($t:ident $([$cfg:meta])?),* $(,)?) => {
        $( $(#[cfg($cfg)])? impl $tr for $t {} )*
    };
}

capable!(CanSend: Pair, Pub, Req, Rep, Dealer, Router, Push, XPub, XSub, Stream, Dynamic,
    Server [feature = "draft"], Client [feature = "draft"], Radio [feature = "draft"],
    Scatter [feature = "draft"], Dgram [feature = "draft"], Peer [feature = "draft"],
    Channel [feature = "draft"]);
capable!(CanRecv: Pair, Sub, Req, Rep, Dealer, Router, Pull, XPub, XSub, Stream, Dynamic,
    Server [feature = "draft"], Client [feature = "draft"], Dish [feature = "draft"],
    Gather [feature = "draft"], Dgram [feature = "draft"], Peer [feature = "draft"],
    Channel [feature = "draft"]);
capable!(CanSubscribe: Sub, XSub, Dynamic);
capable!(ThreadSafe: Server [feature = "draft"], Client [feature = "draft"],
    Radio [feature = "draft"], Dish [feature = "draft"], Gather [feature = "draft"],
    Scatter [feature = "draft"], Channel [feature = "draft"]);
#[cfg(feature = "draft")]
capable!(CanJoin: Dish, Dynamic);

capable!(opt::RoutingId: Req, Rep, Router, Dealer, Dynamic);
capable!(opt::ProbeRouter: Router, Dealer, Req, Dynamic);
capable!(opt::ConnectRoutingId: Router, Stream, Dynamic);
capable!(opt::Router: Router, Dynamic);
capable!(opt::Req: Req, Dynamic);
capable!(opt::Conflate: Pull, Push, Sub, Pub, Dealer, Dynamic);
capable!(opt::XPub: XPub, Dynamic);
capable!(opt::NoDrop: XPub, Pub, Dynamic);
capable!(opt::InvertMatching: Pub, XPub, Sub, Dynamic);
capable!(opt::OnlyFirstSubscribe: XSub, XPub, Dynamic);
capable!(opt::XSub: XSub, Dynamic);
capable!(opt::Stream: Stream, Dynamic);
capable!(opt::HelloMsg: Router, Dealer, Dynamic, Client [feature = "draft"],
    Server [feature = "draft"], Peer [feature = "draft"]);
capable!(opt::DisconnectMsg: Router, Dynamic, Server [feature = "draft"], Peer [feature = "draft"]);
capable!(opt::HiccupMsg: Dealer, Dynamic, Client [feature = "draft"], Peer [feature = "draft"]);
#[cfg(feature = "draft")]
capable!(opt::MulticastLoop: Radio, Dynamic);
