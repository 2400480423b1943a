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
/// Socket types with `join`/`leave`: `Dish` (draft API: `Socket::join`
/// exists with the `draft` feature).
///
/// ```
/// # #[cfg(feature = "draft")] { // DISH is a draft socket type
/// fn listen<T: zmq::CanJoin>(s: &zmq::Socket<T>, groups: &[&str]) -> zmq::Result<()> {
///     groups.iter().try_for_each(|g| s.join(g))
/// }
/// listen(&zmq::Context::new().socket::<zmq::Dish>()?, &["news", "weather"])?;
/// # }
/// # Ok::<(), zmq::Error>(())
/// ```
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
    ///
    /// ```
    /// fn configure<T: zmq::opt::RoutingId>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_routing_id("worker-1")
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Dealer>()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait RoutingId: SocketType {}
    /// `PROBE_ROUTER`: Router, Dealer, Req.
    ///
    /// ```
    /// fn configure<T: zmq::opt::ProbeRouter>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_probe_router(true)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Dealer>()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait ProbeRouter: SocketType {}
    /// `CONNECT_ROUTING_ID`: Router, Stream.
    ///
    /// ```
    /// fn configure<T: zmq::opt::ConnectRoutingId>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_connect_routing_id("peer-a")
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Router>()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait ConnectRoutingId: SocketType {}
    /// `ROUTER_MANDATORY`, `ROUTER_HANDOVER`, `ROUTER_RAW`, `ROUTER_NOTIFY`: Router.
    ///
    /// ```
    /// fn configure<T: zmq::opt::Router>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_router_mandatory(true)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Router>()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait Router: SocketType {}
    /// `REQ_CORRELATE`, `REQ_RELAXED`: Req.
    ///
    /// ```
    /// fn configure<T: zmq::opt::Req>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_req_relaxed(true)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Req>()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait Req: SocketType {}
    /// `CONFLATE`: Pull, Push, Sub, Pub, Dealer.
    ///
    /// ```
    /// fn configure<T: zmq::opt::Conflate>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_conflate(true)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Sub>()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait Conflate: SocketType {}
    /// `XPUB_*`: XPub.
    ///
    /// ```
    /// fn configure<T: zmq::opt::XPub>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_xpub_verbose(true)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::XPub>()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait XPub: SocketType {}
    /// `XPUB_NODROP`: XPub, Pub.
    ///
    /// ```
    /// fn configure<T: zmq::opt::NoDrop>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_xpub_nodrop(true)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Pub>()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait NoDrop: SocketType {}
    /// `INVERT_MATCHING`: Pub, XPub, Sub.
    ///
    /// ```
    /// fn configure<T: zmq::opt::InvertMatching>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_invert_matching(true)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Sub>()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait InvertMatching: SocketType {}
    /// `ONLY_FIRST_SUBSCRIBE`: XSub, XPub.
    ///
    /// ```
    /// # #[cfg(feature = "draft")] { // a draft option: compiled with the `draft` feature
    /// fn configure<T: zmq::opt::OnlyFirstSubscribe>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_only_first_subscribe(true)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::XSub>()?)?;
    /// # }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait OnlyFirstSubscribe: SocketType {}
    /// `XSUB_VERBOSE_UNSUBSCRIBE`: XSub.
    ///
    /// ```
    /// # #[cfg(feature = "draft")] { // a draft option: compiled with the `draft` feature
    /// fn configure<T: zmq::opt::XSub>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_xsub_verbose_unsubscribe(true)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::XSub>()?)?;
    /// # }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait XSub: SocketType {}
    /// `STREAM_NOTIFY`: Stream.
    ///
    /// ```
    /// fn configure<T: zmq::opt::Stream>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_stream_notify(true)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Stream>()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait Stream: SocketType {}
    /// `HELLO_MSG`: Router, Dealer, Client, Server, Peer.
    ///
    /// ```
    /// # #[cfg(feature = "draft")] { // a draft option: compiled with the `draft` feature
    /// fn configure<T: zmq::opt::HelloMsg>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_hello_msg("hello")
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Dealer>()?)?;
    /// # }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait HelloMsg: SocketType {}
    /// `DISCONNECT_MSG`: Router, Server, Peer.
    ///
    /// ```
    /// # #[cfg(feature = "draft")] { // a draft option: compiled with the `draft` feature
    /// fn configure<T: zmq::opt::DisconnectMsg>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_disconnect_msg("gone")
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Router>()?)?;
    /// # }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait DisconnectMsg: SocketType {}
    /// `HICCUP_MSG`: Dealer, Client, Peer.
    ///
    /// ```
    /// # #[cfg(feature = "draft")] { // a draft option: compiled with the `draft` feature
    /// fn configure<T: zmq::opt::HiccupMsg>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_hiccup_msg("reconnected")
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Dealer>()?)?;
    /// # }
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub trait HiccupMsg: SocketType {}
    /// `MULTICAST_LOOP`: Radio.
    ///
    /// ```
    /// # #[cfg(feature = "draft")] { // a draft option: compiled with the `draft` feature
    /// fn configure<T: zmq::opt::MulticastLoop>(s: &zmq::Socket<T>) -> zmq::Result<()> {
    ///     s.set_multicast_loop(false)
    /// }
    /// configure(&zmq::Context::new().socket::<zmq::Radio>()?)?;
    /// # }
    /// # Ok::<(), zmq::Error>(())
    /// ```
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
///
/// ```
/// use zmq::{Dynamic, Socket};
///
/// let ctx = zmq::Context::new();
/// // Sockets of different types in one collection:
/// let sockets: Vec<Socket<Dynamic>> = vec![
///     ctx.socket::<zmq::Pub>()?.into_dynamic(),
///     ctx.socket::<zmq::Router>()?.into(),
/// ];
/// assert_eq!(sockets[1].kind(), zmq::SocketKind::Router);
/// // A misuse is libzmq's error at run time instead of a compile error:
/// assert_eq!(sockets[0].recv().unwrap_err(), zmq::Error::NotSupported);
/// # Ok::<(), zmq::Error>(())
/// ```
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
