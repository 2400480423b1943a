//! A small reactor on [`zmq::Poller`]: handlers that run when their socket
//! has a message, like pyzmq's `ZMQStream.on_recv` on its `IOLoop` (or
//! CZMQ's `zloop`). Used by `lbbroker3`; include it with
//! `#[path = "zhelpers/reactor.rs"] mod reactor;`.
//!
//! ```ignore
//! let mut reactor = Reactor::new();
//! let id = reactor.on_recv(&frontend, |state: &mut State, msg, ctl| {
//!     // ... handle msg; ctl.pause(ctl.current()), ctl.resume(other_id),
//!     // ctl.stop_after(delay)
//!     Ok(())
//! })?;
//! reactor.run(&mut state)?;
//! ```
#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Which handler: returned by [`Reactor::on_recv`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandlerId(usize);

/// What a handler may ask of the reactor while it runs.
#[derive(Debug)]
pub struct Control {
    current: HandlerId,
    changes: Vec<(HandlerId, bool)>,
    stop_after: Option<Duration>,
}

impl Control {
    /// The handler that is running.
    pub fn current(&self) -> HandlerId {
        self.current
    }

    /// Stops calling handler `id` (its messages wait in the socket).
    pub fn pause(&mut self, id: HandlerId) {
        self.changes.push((id, false));
    }

    /// Calls handler `id` again when its socket has a message.
    pub fn resume(&mut self, id: HandlerId) {
        self.changes.push((id, true));
    }

    /// Ends [`Reactor::run`] once `delay` has passed (handlers keep running
    /// until then).
    pub fn stop_after(&mut self, delay: Duration) {
        self.stop_after = Some(delay);
    }
}

type Handler<'a, S> = Box<dyn FnMut(&mut S, zmq::Multipart, &mut Control) -> zmq::Result<()> + 'a>;

/// Turns a socket's `IN` events on or off in the poller.
type Watch<'a> = Box<dyn Fn(&mut zmq::Poller<'a, usize>, bool) -> zmq::Result<()> + 'a>;

struct Entry<'a, S> {
    recv: Box<dyn Fn() -> zmq::Result<Option<zmq::Multipart>> + 'a>,
    watch: Watch<'a>,
    handler: Handler<'a, S>,
    active: bool,
}

/// Runs handlers over a state `S` as messages arrive.
pub struct Reactor<'a, S> {
    poller: zmq::Poller<'a, usize>,
    entries: Vec<Entry<'a, S>>,
}

impl<'a, S> Reactor<'a, S> {
    /// A reactor with no handlers.
    pub fn new() -> Self {
        Reactor {
            poller: zmq::Poller::new(),
            entries: Vec::new(),
        }
    }

    /// Calls `handler(state, message, control)` for every message that
    /// arrives on `socket`, once [`Reactor::run`] runs. The handler is
    /// active from the start; [`Reactor::pause`] it to start it later.
    pub fn on_recv<T: zmq::CanRecv>(
        &mut self,
        socket: &'a zmq::Socket<T>,
        handler: impl FnMut(&mut S, zmq::Multipart, &mut Control) -> zmq::Result<()> + 'a,
    ) -> zmq::Result<HandlerId> {
        let id = self.entries.len();
        self.poller.add(socket, zmq::PollEvents::IN, id)?;
        self.entries.push(Entry {
            recv: Box::new(move || socket.try_recv_multipart()),
            watch: Box::new(move |poller, on| {
                let events = if on {
                    zmq::PollEvents::IN
                } else {
                    zmq::PollEvents::empty()
                };
                poller.modify(socket, events)
            }),
            handler: Box::new(handler),
            active: true,
        });
        Ok(HandlerId(id))
    }

    /// Stops (`false`) or resumes (`true`) handler `id` from outside a
    /// handler.
    pub fn set_active(&mut self, id: HandlerId, active: bool) -> zmq::Result<()> {
        let entry = &mut self.entries[id.0];
        (entry.watch)(&mut self.poller, active)?;
        entry.active = active;
        Ok(())
    }

    /// Stops handler `id` until it is resumed.
    pub fn pause(&mut self, id: HandlerId) -> zmq::Result<()> {
        self.set_active(id, false)
    }

    /// Dispatches messages to the handlers until one of them asks to stop
    /// and the delay it gave has passed, or a handler fails.
    pub fn run(&mut self, state: &mut S) -> zmq::Result<()> {
        let mut stop_at: Option<Instant> = None;
        loop {
            let timeout = match stop_at {
                Some(at) => {
                    let left = at.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Ok(());
                    }
                    Some(left)
                }
                None => None,
            };
            let ready: Vec<usize> = self.poller.wait(timeout)?.map(|(id, _)| *id).collect();
            for id in ready {
                // An earlier handler of this round may have paused this one.
                if !self.entries[id].active {
                    continue;
                }
                let Some(message) = (self.entries[id].recv)()? else {
                    continue;
                };
                let mut control = Control {
                    current: HandlerId(id),
                    changes: Vec::new(),
                    stop_after: None,
                };
                (self.entries[id].handler)(state, message, &mut control)?;
                for (HandlerId(other), on) in control.changes {
                    self.set_active(HandlerId(other), on)?;
                }
                if let Some(delay) = control.stop_after {
                    stop_at = Some(Instant::now() + delay);
                }
            }
        }
    }
}
