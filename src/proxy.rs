//! The built-in proxy ([`proxy`], [`Proxy`]) and its steering side
//! ([`ProxyControl`], [`ProxyStatistics`]).
//!
//! A proxy joins a frontend and a backend socket and forwards every message
//! between them in both directions (as `zmq_proxy` does, in this crate's own
//! loop over `zmq_poll`), optionally copying each frame to a capture socket. A steerable proxy also listens on a control
//! socket for `PAUSE`, `RESUME`, `TERMINATE` and `STATISTICS`
//! (`zmq_proxy_steerable`). See [`Proxy`] for the control protocol.

use crate::Message;
use crate::error::{Error, Result, check};
use crate::poll::{PollEvents, Pollable, poll_items};
use crate::socket::{CanRecv, CanSend, Socket, SocketKind, SocketType};
use std::ffi::{c_int, c_void};
use std::fmt;

/// Runs a proxy between `frontend` and `backend` on the calling thread (what
/// `zmq_proxy` does) until the context is shut down or terminated, which
/// is the normal way to stop it and gives `Ok(())`. Signals are retried;
/// [`Error::Interrupted`] only when the program's interrupt flag is set
/// (see [`crate::interrupt`]).
///
/// Any pair libzmq accepts works: ROUTER/DEALER (shared queue), XSUB/XPUB
/// (forwarder), PULL/PUSH (streamer), ... Sockets are `Send`, so a proxy
/// thread takes them along:
///
/// ```
/// use std::time::Duration;
/// use zmq::{Context, Dealer, Rep, Req, Router};
///
/// let ctx = Context::new();
/// let frontend = ctx.socket::<Router>()?;
/// frontend.bind("inproc://doc-proxy-front")?;
/// let backend = ctx.socket::<Dealer>()?;
/// backend.bind("inproc://doc-proxy-back")?;
/// let proxy = std::thread::spawn(move || zmq::proxy(&frontend, &backend));
///
/// let worker = ctx.socket::<Rep>()?;
/// worker.connect("inproc://doc-proxy-back")?;
/// let client = ctx.socket::<Req>()?;
/// client.set_rcvtimeo(Some(Duration::from_secs(5)))?;
/// client.connect("inproc://doc-proxy-front")?;
/// client.send("ping")?;
/// worker.send(worker.recv()?)?;
/// assert_eq!(client.recv()?, "ping");
///
/// ctx.shutdown()?; // the proxy returns Ok(())
/// assert_eq!(proxy.join().unwrap(), Ok(()));
/// # Ok::<(), zmq::Error>(())
/// ```
pub fn proxy<F: SocketType, B: SocketType>(
    frontend: &Socket<F>,
    backend: &Socket<B>,
) -> Result<()> {
    Proxy::new(frontend, backend).run()
}

/// A proxy to configure before running it: optional capture and control
/// sockets. See [`proxy`].
///
/// # The control protocol, and why it is implemented here
///
/// The control protocol differs between libzmq releases: 4.3.4 answers only
/// `STATISTICS` and aborts the process (`zmq_assert`) on an unknown command;
/// 4.3.5 answers every command but swaps the effect of `PAUSE` and `RESUME`
/// (fixed upstream after the release). So that one program behaves the same
/// on every libzmq, a proxy with a control socket runs this crate's own
/// forwarding loop over `zmq_poll`, with the protocol libzmq documents:
///
/// - `PAUSE` stops forwarding (messages queue up), `RESUME` resumes it,
///   `TERMINATE` makes the proxy return, `STATISTICS` is answered with eight
///   8-byte native-endian counters (see [`ProxyStatistics`]);
/// - a `REP` control socket gets a reply to every command (an empty frame for
///   the first three), as `zmq_proxy_steerable(3)` describes; any other
///   control socket type (`PAIR`, ...) gets a reply to `STATISTICS` only, as
///   in libzmq 4.3.4 and later fixes; one that cannot send (`SUB`, which
///   must subscribe to the commands, or `PULL`) gets no reply at all;
/// - unknown commands are ignored (and answered on `REP`).
///
/// [`ProxyControl`] speaks this protocol from the other end. A proxy
/// without a control socket runs the same loop: libzmq 4.3.5's own
/// `zmq_proxy`, in builds with its poller (the draft API), aborts the
/// process (`zmq_assert`) when the context is shut down before its first
/// wait, which is exactly how a proxy is meant to be stopped.
///
/// ```
/// use std::time::Duration;
/// use zmq::{Context, Pair, Proxy, ProxyControl, Pull, Push};
///
/// let ctx = Context::new();
/// let (frontend, backend) = (ctx.socket::<Pull>()?, ctx.socket::<Push>()?);
/// frontend.bind("inproc://doc-steer-in")?;
/// backend.bind("inproc://doc-steer-out")?;
/// let control = ctx.socket::<Pair>()?;
/// control.bind("inproc://doc-steer-control")?;
/// let proxy = std::thread::spawn(move || {
///     Proxy::new(&frontend, &backend).control(&control).run()
/// });
///
/// let steer = ctx.socket::<Pair>()?;
/// steer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
/// steer.connect("inproc://doc-steer-control")?;
/// let steer = ProxyControl::new(steer);
/// assert_eq!(steer.statistics()?.frontend.received_messages, 0);
/// steer.terminate()?;
/// assert_eq!(proxy.join().unwrap(), Ok(()));
/// # Ok::<(), zmq::Error>(())
/// ```
pub struct Proxy<'a> {
    frontend: &'a dyn Pollable,
    backend: &'a dyn Pollable,
    capture: Option<&'a dyn Pollable>,
    control: Option<(&'a dyn Pollable, Replies)>,
    prefixes: Option<[&'a [u8]; 2]>,
}

impl fmt::Debug for Proxy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proxy")
            .field("capture", &self.capture.is_some())
            .field("control", &self.control.is_some())
            .finish_non_exhaustive()
    }
}

impl<'a> Proxy<'a> {
    /// A proxy between `frontend` and `backend` (they may be the same
    /// socket, which then forwards to itself); configure it, then
    /// [`run`](Proxy::run) it, usually on a thread of its own.
    ///
    /// ```
    /// use zmq::{Proxy, Router, Dealer};
    ///
    /// let ctx = zmq::Context::new();
    /// let (frontend, backend) = (ctx.socket::<Router>()?, ctx.socket::<Dealer>()?);
    /// frontend.bind("tcp://127.0.0.1:*")?; // clients connect here
    /// backend.bind("inproc://doc-proxy-workers")?; // workers here
    /// let broker = {
    ///     let ctx = ctx.clone();
    ///     std::thread::spawn(move || Proxy::new(&frontend, &backend).run())
    /// };
    /// ctx.shutdown()?; // how a proxy without a control socket is stopped
    /// assert_eq!(broker.join().unwrap(), Ok(()));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn new<F: SocketType, B: SocketType>(
        frontend: &'a Socket<F>,
        backend: &'a Socket<B>,
    ) -> Proxy<'a> {
        Proxy {
            frontend,
            backend,
            capture: None,
            control: None,
            prefixes: None,
        }
    }

    /// pyzmq's `monitored_queue`: each message goes to the capture socket
    /// as one multipart message led by a frame saying where it came from
    /// (`frontend_prefix` for messages from the frontend, `backend_prefix`
    /// for the others; pyzmq uses `b"in"` and `b"out"`), and between two
    /// ROUTER sockets the first two frames (sender and recipient routing
    /// ids) are swapped so that replies find their way. Without a
    /// [`capture`](Proxy::capture) socket only the swap applies.
    ///
    /// Runs this crate's forwarding loop (see [`Proxy`]).
    pub fn capture_prefixes(
        mut self,
        frontend_prefix: &'a [u8],
        backend_prefix: &'a [u8],
    ) -> Proxy<'a> {
        self.prefixes = Some([frontend_prefix, backend_prefix]);
        self
    }

    /// Sends a copy of every frame the proxy receives, on either side, to
    /// `capture` (a PUB, PUSH, PAIR, DEALER... socket), keeping the
    /// multipart structure.
    pub fn capture<C: CanSend>(mut self, capture: &'a Socket<C>) -> Proxy<'a> {
        self.capture = Some(capture);
        self
    }

    /// Makes the proxy steerable through `control`: any socket that can
    /// receive, usually PAIR or REP, or SUB as in cppzmq's tests (a control
    /// socket that cannot send gets no `STATISTICS` reply); see [`Proxy`]
    /// for the protocol.
    pub fn control<C: CanRecv>(mut self, control: &'a Socket<C>) -> Proxy<'a> {
        let replies = match control.kind() {
            SocketKind::Rep => Replies::Always,
            SocketKind::Sub | SocketKind::Pull => Replies::Never,
            #[cfg(feature = "draft")]
            SocketKind::Dish | SocketKind::Gather => Replies::Never,
            _ => Replies::Statistics,
        };
        self.control = Some((control, replies));
        self
    }

    /// Runs the proxy on the calling thread until `TERMINATE` arrives on the
    /// control socket or the context is shut down: both give `Ok(())`.
    /// Other failures (a signal: [`Error::Interrupted`]) are errors.
    ///
    /// ```
    /// use std::time::Duration;
    /// use zmq::{Proxy, Pull, Push};
    ///
    /// let ctx = zmq::Context::new();
    /// let (frontend, backend) = (ctx.socket::<Pull>()?, ctx.socket::<Push>()?);
    /// frontend.bind("inproc://doc-run-in")?;
    /// backend.bind("inproc://doc-run-out")?;
    /// let streamer = std::thread::spawn(move || Proxy::new(&frontend, &backend).run());
    ///
    /// let (producer, consumer) = (ctx.socket::<Push>()?, ctx.socket::<Pull>()?);
    /// producer.connect("inproc://doc-run-in")?;
    /// consumer.connect("inproc://doc-run-out")?;
    /// consumer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// producer.send("through the proxy")?;
    /// assert_eq!(consumer.recv()?, "through the proxy");
    /// ctx.shutdown()?;
    /// streamer.join().unwrap()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn run(self) -> Result<()> {
        let (control, prefixes) = (self.control, self.prefixes);
        let result = Steered {
            frontend: self.frontend.poll_socket(),
            backend: self.backend.poll_socket(),
            capture: self.capture.map(|c| c.poll_socket()),
            control: control.map(|(c, _)| c.poll_socket()),
            replies: control.map_or(Replies::Never, |(_, r)| r),
            prefixes,
            swap_ids: prefixes.is_some()
                && self.frontend.poll_socket() != self.backend.poll_socket()
                && [self.frontend, self.backend]
                    .iter()
                    .all(|s| kind_of(s.poll_socket()) == Some(SocketKind::Router)),
            stats: ProxyStatistics::default(),
            paused: false,
            msg: Message::new(),
        }
        .run();
        match result {
            Err(Error::ContextTerminated) => Ok(()),
            other => other,
        }
    }
}

/// Message and byte counts of one side of a proxy (frames, as libzmq counts
/// them): the two halves of a [`ProxyStatistics`].
///
/// ```
/// let stats = zmq::ProxyStatistics::default(); // as ProxyControl::statistics gives it
/// let zmq::ProxySideStatistics { received_messages, sent_bytes, .. } = stats.frontend;
/// assert_eq!((received_messages, sent_bytes), (0, 0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct ProxySideStatistics {
    /// Frames received by this socket.
    pub received_messages: u64,
    /// Bytes received by this socket.
    pub received_bytes: u64,
    /// Frames sent by this socket.
    pub sent_messages: u64,
    /// Bytes sent by this socket.
    pub sent_bytes: u64,
}

/// The answer to `STATISTICS`: counters for the frontend and the backend,
/// in the order of `zmq_proxy_steerable(3)`. See [`Proxy`] for how to ask.
///
/// ```
/// let stats = zmq::ProxyStatistics::default();
/// assert_eq!(stats.frontend.received_messages, 0);
/// assert_eq!(stats.backend.sent_bytes, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct ProxyStatistics {
    /// The frontend socket's counters.
    pub frontend: ProxySideStatistics,
    /// The backend socket's counters.
    pub backend: ProxySideStatistics,
}

impl ProxyStatistics {
    fn to_array(self) -> [u64; 8] {
        let (f, b) = (self.frontend, self.backend);
        [
            f.received_messages,
            f.received_bytes,
            f.sent_messages,
            f.sent_bytes,
            b.received_messages,
            b.received_bytes,
            b.sent_messages,
            b.sent_bytes,
        ]
    }

    fn from_array(v: [u64; 8]) -> ProxyStatistics {
        let side = |s: &[u64]| ProxySideStatistics {
            received_messages: s[0],
            received_bytes: s[1],
            sent_messages: s[2],
            sent_bytes: s[3],
        };
        ProxyStatistics {
            frontend: side(&v[..4]),
            backend: side(&v[4..]),
        }
    }
}

/// The steering end of a proxy's control socket: connect a socket to the
/// proxy's control socket and wrap it. With a REQ socket every command
/// waits for the proxy's reply (pair it with a REP control socket); with any
/// other type (PAIR) only [`statistics`](ProxyControl::statistics) waits.
///
/// Set `RCVTIMEO` on the socket to bound the waits. [`Proxy`] shows a PAIR
/// pair; here a REQ steers a REP control socket:
///
/// ```
/// use std::time::Duration;
/// use zmq::{Proxy, ProxyControl, Pull, Push, Rep, Req};
///
/// let ctx = zmq::Context::new();
/// let (frontend, backend) = (ctx.socket::<Pull>()?, ctx.socket::<Push>()?);
/// frontend.bind("inproc://doc-control-in")?;
/// backend.bind("inproc://doc-control-out")?;
/// let control = ctx.socket::<Rep>()?;
/// control.bind("inproc://doc-control")?;
/// let proxy = std::thread::spawn(move || {
///     Proxy::new(&frontend, &backend).control(&control).run()
/// });
///
/// let (producer, consumer) = (ctx.socket::<Push>()?, ctx.socket::<Pull>()?);
/// producer.connect("inproc://doc-control-in")?;
/// consumer.connect("inproc://doc-control-out")?;
/// consumer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
/// let steer = ctx.socket::<Req>()?;
/// steer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
/// steer.connect("inproc://doc-control")?;
/// let steer = ProxyControl::new(steer);
///
/// steer.pause()?; // REQ: returns once the proxy has paused
/// producer.send("held")?;
/// steer.resume()?;
/// assert_eq!(consumer.recv()?, "held");
/// assert_eq!(steer.statistics()?.frontend.received_messages, 1);
/// steer.terminate()?;
/// proxy.join().unwrap()?;
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug)]
pub struct ProxyControl<T: CanSend + CanRecv> {
    socket: Socket<T>,
    replies: bool,
}

impl<T: CanSend + CanRecv> ProxyControl<T> {
    /// Wraps a socket connected (or bound) to the proxy's control socket.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use zmq::{Proxy, ProxyControl};
    /// # let ctx = zmq::Context::new();
    /// # let (frontend, backend) = (ctx.socket::<zmq::Pull>()?, ctx.socket::<zmq::Push>()?);
    /// # frontend.bind("inproc://doc-control-new-in")?;
    /// # backend.bind("inproc://doc-control-new-out")?;
    /// # let control = ctx.socket::<zmq::Rep>()?;
    /// # control.bind("inproc://doc-control-new-control")?;
    /// # let proxy = std::thread::spawn(move || Proxy::new(&frontend, &backend).control(&control).run());
    /// let socket = ctx.socket::<zmq::Req>()?;
    /// socket.set_rcvtimeo(Some(Duration::from_secs(5)))?; // bounds every command
    /// socket.connect("inproc://doc-control-new-control")?;
    /// let steer = ProxyControl::new(socket);
    /// # steer.terminate()?;
    /// # proxy.join().unwrap()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn new(socket: Socket<T>) -> ProxyControl<T> {
        let replies = socket.kind() == SocketKind::Req;
        ProxyControl { socket, replies }
    }

    /// The wrapped socket.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use zmq::{Proxy, ProxyControl};
    /// # let ctx = zmq::Context::new();
    /// # let (frontend, backend) = (ctx.socket::<zmq::Pull>()?, ctx.socket::<zmq::Push>()?);
    /// # frontend.bind("inproc://doc-control-socket-in")?;
    /// # backend.bind("inproc://doc-control-socket-out")?;
    /// # let control = ctx.socket::<zmq::Rep>()?;
    /// # control.bind("inproc://doc-control-socket-control")?;
    /// # let proxy = std::thread::spawn(move || Proxy::new(&frontend, &backend).control(&control).run());
    /// # let steer = ctx.socket::<zmq::Req>()?;
    /// # steer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// # steer.connect("inproc://doc-control-socket-control")?;
    /// # let steer = ProxyControl::new(steer);
    /// assert_eq!(steer.socket().kind(), zmq::SocketKind::Req);
    /// # steer.terminate()?;
    /// # proxy.join().unwrap()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn socket(&self) -> &Socket<T> {
        &self.socket
    }

    /// The wrapped socket back.
    pub fn into_socket(self) -> Socket<T> {
        self.socket
    }

    /// `PAUSE`: the proxy stops forwarding; messages wait in the queues.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use zmq::{Proxy, ProxyControl};
    /// # let ctx = zmq::Context::new();
    /// # let (frontend, backend) = (ctx.socket::<zmq::Pull>()?, ctx.socket::<zmq::Push>()?);
    /// # frontend.bind("inproc://doc-control-pause-in")?;
    /// # backend.bind("inproc://doc-control-pause-out")?;
    /// # let control = ctx.socket::<zmq::Rep>()?;
    /// # control.bind("inproc://doc-control-pause-control")?;
    /// # let proxy = std::thread::spawn(move || Proxy::new(&frontend, &backend).control(&control).run());
    /// # let steer = ctx.socket::<zmq::Req>()?;
    /// # steer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// # steer.connect("inproc://doc-control-pause-control")?;
    /// # let steer = ProxyControl::new(steer);
    /// steer.pause()?;
    /// steer.resume()?;
    /// # steer.terminate()?;
    /// # proxy.join().unwrap()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn pause(&self) -> Result<()> {
        self.command("PAUSE")
    }

    /// `RESUME`: the proxy forwards again (see [`ProxyControl`]).
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use zmq::{Proxy, ProxyControl};
    /// # let ctx = zmq::Context::new();
    /// # let (frontend, backend) = (ctx.socket::<zmq::Pull>()?, ctx.socket::<zmq::Push>()?);
    /// # frontend.bind("inproc://doc-control-resume-in")?;
    /// # backend.bind("inproc://doc-control-resume-out")?;
    /// # let control = ctx.socket::<zmq::Rep>()?;
    /// # control.bind("inproc://doc-control-resume-control")?;
    /// # let proxy = std::thread::spawn(move || Proxy::new(&frontend, &backend).control(&control).run());
    /// # let steer = ctx.socket::<zmq::Req>()?;
    /// # steer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// # steer.connect("inproc://doc-control-resume-control")?;
    /// # let steer = ProxyControl::new(steer);
    /// steer.pause()?;
    /// steer.resume()?;
    /// # steer.terminate()?;
    /// # proxy.join().unwrap()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn resume(&self) -> Result<()> {
        self.command("RESUME")
    }

    /// `TERMINATE`: the proxy returns `Ok(())`.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use zmq::{Proxy, ProxyControl};
    /// # let ctx = zmq::Context::new();
    /// # let (frontend, backend) = (ctx.socket::<zmq::Pull>()?, ctx.socket::<zmq::Push>()?);
    /// # frontend.bind("inproc://doc-control-terminate-in")?;
    /// # backend.bind("inproc://doc-control-terminate-out")?;
    /// # let control = ctx.socket::<zmq::Rep>()?;
    /// # control.bind("inproc://doc-control-terminate-control")?;
    /// # let proxy = std::thread::spawn(move || Proxy::new(&frontend, &backend).control(&control).run());
    /// # let steer = ctx.socket::<zmq::Req>()?;
    /// # steer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// # steer.connect("inproc://doc-control-terminate-control")?;
    /// # let steer = ProxyControl::new(steer);
    /// steer.terminate()?;
    /// assert_eq!(proxy.join().unwrap(), Ok(())); // Proxy::run returned
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn terminate(&self) -> Result<()> {
        self.command("TERMINATE")
    }

    fn command(&self, name: &'static str) -> Result<()> {
        self.socket.send(Message::from_static(name.as_bytes()))?;
        if self.replies {
            self.socket.recv_multipart()?;
        }
        Ok(())
    }

    /// `STATISTICS`: the proxy's counters. A reply that is not eight 8-byte
    /// frames is `Error::Other(EPROTO)`.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use zmq::{Proxy, ProxyControl};
    /// # let ctx = zmq::Context::new();
    /// # let (frontend, backend) = (ctx.socket::<zmq::Pull>()?, ctx.socket::<zmq::Push>()?);
    /// # frontend.bind("inproc://doc-control-stats-in")?;
    /// # backend.bind("inproc://doc-control-stats-out")?;
    /// # let control = ctx.socket::<zmq::Rep>()?;
    /// # control.bind("inproc://doc-control-stats-control")?;
    /// # let proxy = std::thread::spawn(move || Proxy::new(&frontend, &backend).control(&control).run());
    /// # let steer = ctx.socket::<zmq::Req>()?;
    /// # steer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// # steer.connect("inproc://doc-control-stats-control")?;
    /// # let steer = ProxyControl::new(steer);
    /// let stats = steer.statistics()?;
    /// assert_eq!(stats.frontend.received_messages, 0);
    /// assert_eq!(stats.backend.sent_bytes, 0);
    /// # steer.terminate()?;
    /// # proxy.join().unwrap()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn statistics(&self) -> Result<ProxyStatistics> {
        self.socket.send(Message::from_static(b"STATISTICS"))?;
        let reply = self.socket.recv_multipart()?;
        let mut values = [0u64; 8];
        if reply.len() != values.len() {
            return Err(Error::Other(libc::EPROTO));
        }
        for (v, frame) in values.iter_mut().zip(reply.iter()) {
            let bytes: [u8; 8] = frame[..]
                .try_into()
                .map_err(|_| Error::Other(libc::EPROTO))?;
            *v = u64::from_ne_bytes(bytes);
        }
        Ok(ProxyStatistics::from_array(values))
    }
}

/// Most messages forwarded in one direction before looking at the other
/// direction and the control socket again.
const BURST: usize = 1000;

/// The steerable proxy loop.
struct Steered<'a> {
    frontend: *mut c_void,
    backend: *mut c_void,
    capture: Option<*mut c_void>,
    control: Option<*mut c_void>,
    replies: Replies,
    /// Capture prefixes (frontend's, backend's) of a monitored queue.
    prefixes: Option<[&'a [u8]; 2]>,
    /// Swap the two routing-id frames (monitored queue between ROUTERs).
    swap_ids: bool,
    stats: ProxyStatistics,
    paused: bool,
    msg: Message,
}

/// Which commands the control socket gets a reply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replies {
    /// Every command (REP).
    Always,
    /// `STATISTICS` only (PAIR, DEALER, ...).
    Statistics,
    /// None: the socket cannot send (SUB, PULL, ...).
    Never,
}

/// What a control command asks for.
enum Step {
    Continue,
    Terminate,
}

/// Which counters a direction updates.
#[derive(Clone, Copy)]
enum Direction {
    FrontToBack,
    BackToFront,
}

impl Steered<'_> {
    fn run(mut self) -> Result<()> {
        let same = self.frontend == self.backend;
        // A direction is "blocked" when its source has a message but its
        // destination cannot take one: then we wait for OUT on the
        // destination instead of IN on the source (no busy loop).
        let (mut fb_blocked, mut bf_blocked) = (false, false);
        loop {
            let (mut ef, mut eb) = (PollEvents::empty(), PollEvents::empty());
            if !self.paused {
                if fb_blocked {
                    eb |= PollEvents::OUT;
                } else {
                    ef |= PollEvents::IN;
                }
                if !same {
                    if bf_blocked {
                        ef |= PollEvents::OUT;
                    } else {
                        eb |= PollEvents::IN;
                    }
                }
            }
            let item = |socket, events: PollEvents| zmq_sys::zmq_pollitem_t {
                socket,
                fd: 0,
                events: events.bits(),
                revents: 0,
            };
            // Without a control socket its slot (a placeholder) is left out,
            // so that the indices stay the same.
            let mut items = [
                item(self.control.unwrap_or(self.frontend), PollEvents::IN),
                item(self.frontend, ef),
                item(self.backend, eb),
            ];
            let first = usize::from(self.control.is_none());
            let n = if same { 2 } else { 3 };
            // The sockets are borrowed by the `Proxy` for the whole run;
            // signals are retried there.
            poll_items(&mut items[first..n], None)?;
            if self.control.is_some() && items[0].revents != 0 {
                if let Step::Terminate = self.handle_control()? {
                    return Ok(());
                }
            }
            if self.paused {
                continue;
            }
            if items[1].revents != 0 || fb_blocked {
                fb_blocked = !self.forward(Direction::FrontToBack)?;
            }
            if !same && (items[2].revents != 0 || bf_blocked) {
                bf_blocked = !self.forward(Direction::BackToFront)?;
            }
        }
    }

    /// Reads and obeys one command.
    fn handle_control(&mut self) -> Result<Step> {
        let Some(control) = self.control else {
            return Ok(Step::Continue);
        };
        let mut command = Message::new();
        if !recv(control, &mut command, zmq_sys::ZMQ_DONTWAIT)? {
            return Ok(Step::Continue);
        }
        // Commands are single frames; drop any extra ones.
        let mut extra = Message::new();
        let mut more = command.more();
        while more {
            recv(control, &mut extra, 0)?;
            more = extra.more();
        }
        let mut step = Step::Continue;
        match &command[..] {
            b"PAUSE" => self.paused = true,
            b"RESUME" => self.paused = false,
            b"TERMINATE" => step = Step::Terminate,
            b"STATISTICS" if self.replies != Replies::Never => {
                let values = self.stats.to_array();
                for (i, v) in values.iter().enumerate() {
                    let mut frame = Message::from(v.to_ne_bytes());
                    send(control, &mut frame, i + 1 < values.len())?;
                }
                return Ok(step);
            }
            _ => {}
        }
        if self.replies == Replies::Always {
            send(control, &mut Message::new(), false)?;
        }
        Ok(step)
    }

    /// Forwards whole messages in one direction while the source has some
    /// and the destination takes them (at most [`BURST`]). `Ok(false)` when
    /// it stopped because the destination is full.
    fn forward(&mut self, dir: Direction) -> Result<bool> {
        let (from, to) = match dir {
            Direction::FrontToBack => (self.frontend, self.backend),
            Direction::BackToFront => (self.backend, self.frontend),
        };
        for _ in 0..BURST {
            if !events(from)?.is_readable() {
                return Ok(true);
            }
            if from != to && !events(to)?.is_writable() {
                return Ok(false);
            }
            if !self.forward_one(from, to, dir)? {
                return Ok(true);
            }
        }
        Ok(true)
    }

    /// Forwards one message, frame by frame, copying each to the capture
    /// socket. `Ok(false)` if there was nothing to read after all.
    fn forward_one(&mut self, from: *mut c_void, to: *mut c_void, dir: Direction) -> Result<bool> {
        let mut flags = zmq_sys::ZMQ_DONTWAIT;
        // The first frame, held back while the second goes out first (the
        // routing-id swap of a monitored queue between ROUTERs).
        let mut held: Option<Message> = None;
        let mut index = 0usize;
        loop {
            if !recv(from, &mut self.msg, flags)? {
                return Ok(false);
            }
            // The rest of a message is already there; block for it.
            flags = 0;
            let more = self.msg.more();
            let len = self.msg.len() as u64;
            let (src, dst) = match dir {
                Direction::FrontToBack => (&mut self.stats.frontend, &mut self.stats.backend),
                Direction::BackToFront => (&mut self.stats.backend, &mut self.stats.frontend),
            };
            src.received_messages += 1;
            src.received_bytes += len;
            dst.sent_messages += 1;
            dst.sent_bytes += len;
            if index == 0 {
                if let (Some(capture), Some(prefixes)) = (self.capture, self.prefixes) {
                    let prefix = match dir {
                        Direction::FrontToBack => prefixes[0],
                        Direction::BackToFront => prefixes[1],
                    };
                    send(capture, &mut Message::from(prefix), true)?;
                }
                if self.swap_ids && more {
                    held = Some(std::mem::take(&mut self.msg));
                    index += 1;
                    continue;
                }
            }
            self.emit(to, more || held.is_some())?;
            if let Some(mut first) = held.take() {
                std::mem::swap(&mut self.msg, &mut first);
                self.emit(to, more)?;
            }
            index += 1;
            if !more {
                return Ok(true);
            }
        }
    }

    /// Sends the current frame to `to`, and a copy to the capture socket.
    fn emit(&mut self, to: *mut c_void, more: bool) -> Result<()> {
        if let Some(capture) = self.capture {
            let mut copy = self.msg.clone();
            send(capture, &mut copy, more)?;
        }
        send(to, &mut self.msg, more)
    }
}

/// The socket type of a raw socket, if libzmq can tell.
fn kind_of(socket: *mut c_void) -> Option<SocketKind> {
    let mut value: c_int = 0;
    let mut len = std::mem::size_of::<c_int>();
    // SAFETY: live socket (borrowed by the `Proxy` being run); `value` and
    // `len` describe a valid `int` buffer.
    let rc = unsafe {
        zmq_sys::zmq_getsockopt(
            socket,
            zmq_sys::ZMQ_TYPE,
            (&mut value as *mut c_int).cast(),
            &mut len,
        )
    };
    if rc == 0 {
        SocketKind::from_raw(value)
    } else {
        None
    }
}

/// `ZMQ_EVENTS` of a raw socket.
fn events(socket: *mut c_void) -> Result<PollEvents> {
    let mut value: c_int = 0;
    let mut len = std::mem::size_of::<c_int>();
    // SAFETY: live socket (borrowed by the running `Proxy`); `value` and
    // `len` describe a valid `int` buffer.
    check(unsafe {
        zmq_sys::zmq_getsockopt(
            socket,
            zmq_sys::ZMQ_EVENTS,
            (&mut value as *mut c_int).cast(),
            &mut len,
        )
    })?;
    Ok(PollEvents::from_bits(value as i16))
}

/// Receives one frame; `Ok(false)` on would-block. Signals are retried so
/// that no frame of a message is lost.
fn recv(socket: *mut c_void, msg: &mut Message, flags: c_int) -> Result<bool> {
    loop {
        // SAFETY: live socket (borrowed by the running `Proxy`) and an
        // initialised message.
        match check(unsafe { zmq_sys::zmq_msg_recv(msg.raw_mut(), socket, flags) }) {
            Ok(_) => return Ok(true),
            Err(Error::WouldBlock) if flags != 0 => return Ok(false),
            Err(Error::Interrupted) => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Sends one frame (blocking), with `ZMQ_SNDMORE` if `more`; the message is
/// left empty.
fn send(socket: *mut c_void, msg: &mut Message, more: bool) -> Result<()> {
    let flags = if more { zmq_sys::ZMQ_SNDMORE } else { 0 };
    loop {
        // SAFETY: live socket (borrowed by the running `Proxy`) and an
        // initialised message; on success libzmq takes its content and
        // leaves it empty, still initialised.
        match check(unsafe { zmq_sys::zmq_msg_send(msg.raw_mut(), socket, flags) }) {
            Ok(_) => return Ok(()),
            Err(Error::Interrupted) => continue,
            Err(e) => return Err(e),
        }
    }
}
