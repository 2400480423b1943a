//! Background devices ([`Device`], [`ThreadDevice`]): a proxy or a
//! monitored queue configured up front and run on its own thread (pyzmq's
//! `zmq.devices`: `ThreadDevice`, `ThreadProxy`, `ThreadProxySteerable`,
//! `ThreadMonitoredQueue`).
//!
//! A [`Device`] names socket *types*, not sockets, and records what each
//! side should bind, connect and set, like pyzmq's `bind_in`, `connect_out`
//! and `setsockopt_in`. [`Device::start`] creates the sockets, applies all of
//! it on the calling thread (so a bad endpoint or option is an `Err` from
//! `start`, naming the endpoint), then hands the sockets to a new thread that
//! owns them. The returned [`ThreadDevice`] steers it (pause, resume,
//! statistics), stops it and joins it, and gives back the error that ended
//! it, if any. Dropping a running `ThreadDevice` stops it and waits for its
//! thread.

use crate::context::Context;
use crate::error::{Error, Result};
use crate::proxy::{Proxy, ProxyControl, ProxyStatistics};
use crate::socket::{Dynamic, Pair, Socket, SocketKind};
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

/// A socket setting to apply before the socket binds or connects (pyzmq's
/// `setsockopt_in(opt, value)`).
type Setting = Box<dyn FnOnce(&Socket<Dynamic>) -> Result<()> + Send>;

/// What one socket of a device is and does before the device runs.
struct Side {
    kind: SocketKind,
    settings: Vec<Setting>,
    binds: Vec<String>,
    connects: Vec<String>,
}

impl Side {
    fn new(kind: SocketKind) -> Side {
        Side {
            kind,
            settings: Vec::new(),
            binds: Vec::new(),
            connects: Vec::new(),
        }
    }

    /// Creates the socket and applies the settings, then the binds, then
    /// the connects (pyzmq's order: options first, for `ROUTING_ID`).
    fn open(self, ctx: &Context) -> Result<Socket<Dynamic>> {
        let socket = ctx.dynamic_socket(self.kind)?;
        for setting in self.settings {
            setting(&socket)?;
        }
        for endpoint in &self.binds {
            socket.bind(endpoint)?;
        }
        for endpoint in &self.connects {
            socket.connect(endpoint)?;
        }
        Ok(socket)
    }
}

impl fmt::Debug for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Side")
            .field("kind", &self.kind)
            .field("settings", &self.settings.len())
            .field("binds", &self.binds)
            .field("connects", &self.connects)
            .finish()
    }
}

/// A device to configure, then [`start`](Device::start) on its own thread.
///
/// - [`Device::proxy`]: pyzmq's `ThreadProxy` / `ThreadProxySteerable`
///   (and the older `ThreadDevice(zmq.QUEUE / FORWARDER / STREAMER, ...)`,
///   which are proxies between the matching socket types): forwards
///   messages both ways, optionally copying every frame to a capture
///   ("mon") socket.
/// - [`Device::monitored_queue`]: pyzmq's `ThreadMonitoredQueue`: as a
///   proxy, but each message reaches the capture socket led by a frame
///   saying its direction (`b"in"` / `b"out"` by default), and between two
///   ROUTER sockets the routing ids are swapped (see
///   [`Proxy::capture_prefixes`]).
///
/// Every device is steerable once started (see [`ThreadDevice`]).
///
/// ```
/// use std::time::Duration;
/// use zmq::{Context, Device, Pull, Push, SocketKind};
///
/// let ctx = Context::new();
/// let device = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
///     .bind_in("inproc://doc-device-in")
///     .bind_out("inproc://doc-device-out")
///     .configure_out(|s| s.set_sndhwm(100))
///     .start()?;
///
/// let producer = ctx.socket::<Push>()?;
/// producer.connect("inproc://doc-device-in")?;
/// let consumer = ctx.socket::<Pull>()?;
/// consumer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
/// consumer.connect("inproc://doc-device-out")?;
/// producer.send("job")?;
/// assert_eq!(consumer.recv()?, "job");
/// assert_eq!(device.statistics()?.frontend.received_messages, 1);
/// device.stop()?; // terminate and join; Ok unless the device failed
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug)]
#[must_use = "a device does nothing until started"]
pub struct Device {
    ctx: Context,
    front: Side,
    back: Side,
    capture: Option<Side>,
    prefixes: Option<[Vec<u8>; 2]>,
    name: String,
}

/// Declares the bind/connect/configure methods of one side.
macro_rules! side_methods {
    ($side:ident, $label:literal, $bind:ident, $connect:ident, $configure:ident) => {
        #[doc = concat!("Binds the ", $label, " socket to `endpoint` when the device starts (pyzmq's `", stringify!($bind), "`).")]
        pub fn $bind(mut self, endpoint: impl Into<String>) -> Device {
            self.side(Which::$side).binds.push(endpoint.into());
            self
        }

        #[doc = concat!("Connects the ", $label, " socket to `endpoint` when the device starts (pyzmq's `", stringify!($connect), "`).")]
        pub fn $connect(mut self, endpoint: impl Into<String>) -> Device {
            self.side(Which::$side).connects.push(endpoint.into());
            self
        }

        #[doc = concat!("Runs `setting` on the ", $label, " socket when the device starts, before it binds or connects (pyzmq's `setsockopt_", $label, "`); its error fails [`Device::start`].")]
        pub fn $configure(
            mut self,
            setting: impl FnOnce(&Socket<Dynamic>) -> Result<()> + Send + 'static,
        ) -> Device {
            self.side(Which::$side).settings.push(Box::new(setting));
            self
        }
    };
}

#[derive(Clone, Copy)]
enum Which {
    In,
    Out,
    Mon,
}

impl Device {
    /// A proxy between an `in_kind` socket (the frontend) and an
    /// `out_kind` socket (the backend): ROUTER/DEALER for a queue,
    /// XSUB/XPUB (or SUB/PUB) for a forwarder, PULL/PUSH for a streamer.
    ///
    /// ```
    /// use zmq::{Device, SocketKind};
    ///
    /// let ctx = zmq::Context::new();
    /// // A forwarder: publishers connect to the XSUB, subscribers to the XPUB.
    /// let forwarder = Device::proxy(&ctx, SocketKind::XSub, SocketKind::XPub)
    ///     .bind_in("inproc://doc-forwarder-publishers")
    ///     .bind_out("inproc://doc-forwarder-subscribers")
    ///     .name("forwarder")
    ///     .start()?;
    /// forwarder.stop()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn proxy(ctx: &Context, in_kind: SocketKind, out_kind: SocketKind) -> Device {
        Device {
            ctx: ctx.clone(),
            front: Side::new(in_kind),
            back: Side::new(out_kind),
            capture: None,
            prefixes: None,
            name: "zmq-device".into(),
        }
    }

    /// pyzmq's `MonitoredQueue(in_type, out_type, mon_type)`: a proxy whose
    /// `mon_kind` socket (usually PUB) gets every message prefixed by
    /// `b"in"` (from the in side) or `b"out"` (from the out side); change
    /// them with [`Device::prefixes`].
    pub fn monitored_queue(
        ctx: &Context,
        in_kind: SocketKind,
        out_kind: SocketKind,
        mon_kind: SocketKind,
    ) -> Device {
        let mut device = Device::proxy(ctx, in_kind, out_kind);
        device.capture = Some(Side::new(mon_kind));
        device.prefixes = Some([b"in".to_vec(), b"out".to_vec()]);
        device
    }

    /// Adds a capture socket of type `mon_kind` (usually PUB) that gets a
    /// copy of every frame, as pyzmq's `ThreadProxy(in, out, mon)`. Using
    /// `bind_mon`, `connect_mon` or `configure_mon` without it adds a PUB
    /// capture socket.
    pub fn with_capture(mut self, mon_kind: SocketKind) -> Device {
        self.capture = Some(Side::new(mon_kind));
        self
    }

    /// The direction prefixes of a monitored queue (pyzmq's `in_prefix`,
    /// `out_prefix`); on a plain proxy with a capture socket this turns it
    /// into a monitored queue.
    pub fn prefixes(
        mut self,
        in_prefix: impl Into<Vec<u8>>,
        out_prefix: impl Into<Vec<u8>>,
    ) -> Device {
        self.prefixes = Some([in_prefix.into(), out_prefix.into()]);
        self
    }

    /// The device thread's name (default `zmq-device`).
    pub fn name(mut self, name: impl Into<String>) -> Device {
        self.name = name.into();
        self
    }

    fn side(&mut self, which: Which) -> &mut Side {
        match which {
            Which::In => &mut self.front,
            Which::Out => &mut self.back,
            Which::Mon => self
                .capture
                .get_or_insert_with(|| Side::new(SocketKind::Pub)),
        }
    }

    side_methods!(In, "in", bind_in, connect_in, configure_in);
    side_methods!(Out, "out", bind_out, connect_out, configure_out);
    side_methods!(Mon, "mon", bind_mon, connect_mon, configure_mon);

    /// Creates and sets up the sockets here, then runs the device on a new
    /// thread that owns them. Errors of socket creation, settings, binds
    /// and connects come back from here, naming the endpoint.
    ///
    /// ```
    /// use zmq::{Device, SocketKind};
    ///
    /// let ctx = zmq::Context::new();
    /// let bad = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
    ///     .bind_in("tcp://127.0.0.1:not-a-port")
    ///     .start()
    ///     .unwrap_err();
    /// assert_eq!(bad.endpoint(), Some("tcp://127.0.0.1:not-a-port"));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    ///
    /// The capture socket, if any, should never block (PUB, or a socket
    /// with a send timeout): a blocked capture send stalls the device and
    /// any stop request with it.
    pub fn start(self) -> Result<ThreadDevice> {
        let front = self.front.open(&self.ctx)?;
        let back = self.back.open(&self.ctx)?;
        let capture = self.capture.map(|c| c.open(&self.ctx)).transpose()?;
        let endpoints = [&front, &back].map(|s| s.last_endpoint().ok().filter(|e| !e.is_empty()));

        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let control_endpoint = format!(
            "inproc://zmq-rs-device-control-{}",
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let device_end = self.ctx.socket::<Pair>()?;
        device_end.set_linger(Some(Duration::ZERO))?;
        device_end.bind(&control_endpoint)?;
        let control = self.ctx.socket::<Pair>()?;
        control.set_linger(Some(Duration::ZERO))?;
        // Bounds every wait for a reply, should the device die meanwhile.
        control.set_rcvtimeo(Some(CONTROL_TIMEOUT))?;
        control.set_sndtimeo(Some(CONTROL_TIMEOUT))?;
        control.connect(&control_endpoint)?;

        let prefixes = self.prefixes;
        let (done_tx, done_rx) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new()
            .name(self.name)
            .spawn(move || {
                let mut proxy = Proxy::new(&front, &back).control(&device_end);
                if let Some(capture) = &capture {
                    proxy = proxy.capture(capture);
                }
                if let Some([i, o]) = &prefixes {
                    proxy = proxy.capture_prefixes(i, o);
                }
                let result = proxy.run();
                // The sockets close here, on the thread that owns them,
                // before anyone learns the device has ended.
                drop((front, back, capture, device_end));
                let _ = done_tx.send(result);
            })
            .map_err(|_| Error::OutOfMemory)?;
        Ok(ThreadDevice {
            control: ProxyControl::new(control),
            thread: Some(thread),
            done: done_rx,
            result: None,
            endpoints,
        })
    }
}

/// How long the steering calls of a [`ThreadDevice`] wait for the device.
const CONTROL_TIMEOUT: Duration = Duration::from_secs(10);

/// A running device (pyzmq's `ThreadDevice` after `start()`): its thread
/// owns the sockets; this handle steers and stops it.
///
/// Dropping it stops the device (`TERMINATE`) and joins the thread;
/// [`ThreadDevice::stop`] does the same and reports how the device ended.
/// A device also ends by itself when its context is shut down
/// ([`Context::shutdown`]), which is `Ok(())`.
///
/// ```
/// use std::time::Duration;
/// use zmq::{Device, SocketKind};
///
/// let ctx = zmq::Context::new();
/// let mut queue = Device::proxy(&ctx, SocketKind::Router, SocketKind::Dealer)
///     .bind_in("tcp://127.0.0.1:*") // clients
///     .bind_out("inproc://doc-thread-device-workers")
///     .start()?;
/// let clients_connect_to = queue.in_endpoint().expect("bound").to_string();
/// assert!(clients_connect_to.starts_with("tcp://127.0.0.1:"));
/// assert!(queue.is_running());
/// ctx.shutdown()?; // ends the device too
/// assert!(queue.wait_timeout(Duration::from_secs(5)));
/// queue.join()?; // Ok(()): ended by the shutdown
/// # Ok::<(), zmq::Error>(())
/// ```
pub struct ThreadDevice {
    control: ProxyControl<Pair>,
    thread: Option<JoinHandle<()>>,
    done: mpsc::Receiver<Result<()>>,
    result: Option<Result<()>>,
    endpoints: [Option<String>; 2],
}

impl fmt::Debug for ThreadDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreadDevice")
            .field("endpoints", &self.endpoints)
            .field("result", &self.result)
            .finish_non_exhaustive()
    }
}

impl ThreadDevice {
    /// The in socket's last bound endpoint, with the port a wildcard bind
    /// (`tcp://127.0.0.1:*`) resolved to (pyzmq's `bind_in_to_random_port`).
    pub fn in_endpoint(&self) -> Option<&str> {
        self.endpoints[0].as_deref()
    }

    /// The out socket's last bound endpoint (see
    /// [`in_endpoint`](ThreadDevice::in_endpoint)).
    pub fn out_endpoint(&self) -> Option<&str> {
        self.endpoints[1].as_deref()
    }

    /// Stops forwarding; messages wait in the sockets' queues.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use zmq::{Device, SocketKind};
    /// # let ctx = zmq::Context::new();
    /// let device = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
    ///     .bind_in("inproc://doc-device-pause-in")
    ///     .bind_out("inproc://doc-device-pause-out")
    ///     .start()?;
    /// let producer = ctx.socket::<zmq::Push>()?;
    /// producer.connect("inproc://doc-device-pause-in")?;
    /// let consumer = ctx.socket::<zmq::Pull>()?;
    /// consumer.connect("inproc://doc-device-pause-out")?;
    /// consumer.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// device.pause()?;
    /// producer.send("queued while paused")?;
    /// device.resume()?;
    /// assert_eq!(consumer.recv()?, "queued while paused");
    /// device.stop()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn pause(&self) -> Result<()> {
        self.running()?;
        self.control.pause()
    }

    /// Forwards again after [`pause`](ThreadDevice::pause).
    ///
    /// ```
    /// # use zmq::{Device, SocketKind};
    /// # let ctx = zmq::Context::new();
    /// let device = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
    ///     .bind_in("inproc://doc-device-resume-in")
    ///     .bind_out("inproc://doc-device-resume-out")
    ///     .start()?;
    /// device.pause()?;
    /// device.resume()?;
    /// device.stop()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn resume(&self) -> Result<()> {
        self.running()?;
        self.control.resume()
    }

    /// The device's message and byte counters (see [`ProxyStatistics`]).
    /// Also a handshake: once it returns, every earlier command was obeyed.
    /// [`Error::WrongState`] if the device has ended.
    ///
    /// ```
    /// # use zmq::{Device, SocketKind};
    /// # let ctx = zmq::Context::new();
    /// let device = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
    ///     .bind_in("inproc://doc-device-stats-in")
    ///     .bind_out("inproc://doc-device-stats-out")
    ///     .start()?;
    /// let stats = device.statistics()?;
    /// assert_eq!(stats.frontend.received_messages, 0);
    /// device.stop()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn statistics(&self) -> Result<ProxyStatistics> {
        self.running()?;
        self.control.statistics()
    }

    fn running(&self) -> Result<()> {
        // `result` is set once the thread has reported its end (it may not
        // have returned yet).
        match self.thread.as_ref() {
            Some(t) if !t.is_finished() && self.result.is_none() => Ok(()),
            _ => Err(Error::WrongState),
        }
    }

    /// Whether the device thread still runs.
    pub fn is_running(&self) -> bool {
        self.running().is_ok()
    }

    /// Waits up to `timeout` for the device to end by itself (its context
    /// shut down, or a failure); `true` if it has ended.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use zmq::{Device, SocketKind};
    /// # let ctx = zmq::Context::new();
    /// let mut device = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
    ///     .bind_in("inproc://doc-device-wait-in")
    ///     .bind_out("inproc://doc-device-wait-out")
    ///     .start()?;
    /// assert!(!device.wait_timeout(Duration::from_millis(10))); // still running
    /// ctx.shutdown()?;
    /// assert!(device.wait_timeout(Duration::from_secs(5)));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn wait_timeout(&mut self, timeout: Duration) -> bool {
        if self.result.is_none() {
            match self.done.recv_timeout(timeout) {
                Ok(result) => self.result = Some(result),
                Err(mpsc::RecvTimeoutError::Timeout) => return false,
                Err(mpsc::RecvTimeoutError::Disconnected) => self.result = Some(Err(Error::Fault)),
            }
        }
        true
    }

    /// Waits for the device to end by itself, and returns how it ended:
    /// `Ok(())` after a context shutdown, the error that stopped it
    /// otherwise. It blocks until then: shut the context down first (or
    /// call [`stop`](ThreadDevice::stop)).
    ///
    /// ```
    /// # use zmq::{Device, SocketKind};
    /// # let ctx = zmq::Context::new();
    /// let device = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
    ///     .bind_in("inproc://doc-device-join-in")
    ///     .bind_out("inproc://doc-device-join-out")
    ///     .start()?;
    /// ctx.shutdown()?;
    /// device.join()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn join(mut self) -> Result<()> {
        self.finish()
    }

    /// Stops the device (`TERMINATE`), waits for its thread, and returns
    /// how it ended: `Ok(())` unless it had failed before.
    ///
    /// ```
    /// # use zmq::{Device, SocketKind};
    /// # let ctx = zmq::Context::new();
    /// let device = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
    ///     .bind_in("inproc://doc-device-stop-in")
    ///     .bind_out("inproc://doc-device-stop-out")
    ///     .start()?;
    /// device.stop()?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn stop(mut self) -> Result<()> {
        self.terminate();
        self.finish()
    }

    fn terminate(&self) {
        if self.thread.as_ref().is_some_and(|t| !t.is_finished()) {
            // Cannot block: a PAIR pipe to a live peer takes the command,
            // and a dead peer means the thread is ending anyway.
            let _ = self.control.socket().try_send("TERMINATE");
        }
    }

    fn finish(&mut self) -> Result<()> {
        let panicked = self.thread.take().is_some_and(|t| t.join().is_err());
        if self.result.is_none() {
            self.result = Some(self.done.try_recv().unwrap_or(Err(Error::Fault)));
        }
        if panicked {
            return Err(Error::Fault);
        }
        self.result.take().unwrap_or(Ok(()))
    }
}

impl Drop for ThreadDevice {
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.terminate();
            let _ = self.finish();
        }
    }
}
