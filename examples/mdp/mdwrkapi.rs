//! Majordomo Protocol worker API (the guide's `mdwrkapi`): a DEALER socket
//! to the broker that registers for one service, answers its requests one
//! at a time, heartbeats both ways, and reconnects when the broker goes
//! silent.

use super::{
    Result, W_DISCONNECT, W_HEARTBEAT, W_READY, W_REPLY, W_REQUEST, W_WORKER, command_name, log,
};
use crate::zhelpers::{dump, scaled};
use std::time::{Duration, Instant};
use zmq::{Context, Dealer, Message, Multipart, PollEvents, Socket};

/// Heartbeats the worker may miss before it reconnects (3-5 is
/// reasonable).
const HEARTBEAT_LIVENESS: u32 = 3;

/// An MDP worker for one service: [`recv`](Self::recv) sends the reply to
/// the previous request, if any, and waits for the next request.
pub struct MajorDomoWorker {
    broker: String,
    service: Vec<u8>,
    context: Context,
    worker: Socket<Dealer>,
    verbose: bool,
    /// When to send the next HEARTBEAT.
    heartbeat_at: Instant,
    /// How many silent polls are left before the broker counts as gone.
    liveness: u32,
    heartbeat: Duration,
    reconnect: Duration,
    /// The return address of the request being served.
    reply_to: Option<Message>,
}

impl MajorDomoWorker {
    /// Connects to the broker at `broker` and registers for `service`.
    pub fn new(broker: &str, service: &[u8], verbose: bool) -> Result<MajorDomoWorker> {
        let context = Context::new();
        let worker = context.socket::<Dealer>()?;
        let mut this = MajorDomoWorker {
            broker: broker.to_string(),
            service: service.to_vec(),
            context,
            worker,
            verbose,
            heartbeat_at: Instant::now(),
            liveness: HEARTBEAT_LIVENESS,
            // The guide's 2.5 s, scaled by ZGUIDE_TIME_SCALE.
            heartbeat: scaled(Duration::from_millis(2500)),
            reconnect: scaled(Duration::from_millis(2500)),
            reply_to: None,
        };
        this.reconnect_to_broker()?;
        Ok(this)
    }

    /// Connects (again) on a new socket and sends READY.
    fn reconnect_to_broker(&mut self) -> Result<()> {
        let worker = self.context.socket::<Dealer>()?;
        // Whatever the old socket still holds is stale: drop it on close.
        worker.set_linger(Some(Duration::ZERO))?;
        worker.connect(&self.broker)?;
        self.worker = worker;
        if self.verbose {
            log(format_args!(
                "I: connecting to broker at {}...",
                self.broker
            ));
        }
        // Register service with broker
        let service = self.service.clone();
        self.send_to_broker(W_READY, Some(&service), Multipart::new())?;
        // If liveness hits zero, the broker is considered disconnected
        self.liveness = HEARTBEAT_LIVENESS;
        self.heartbeat_at = Instant::now() + self.heartbeat;
        Ok(())
    }

    /// Sends `command` (with `option` and `msg` after it) to the broker.
    fn send_to_broker(
        &mut self,
        command: &[u8],
        option: Option<&[u8]>,
        mut msg: Multipart,
    ) -> Result<()> {
        if let Some(option) = option {
            msg.push_front(option);
        }
        msg.push_front(command);
        msg.push_front(W_WORKER);
        msg.push_front(Message::new());
        if self.verbose {
            log(format_args!(
                "I: sending {} to broker",
                command_name(command)
            ));
            dump(&msg);
        }
        self.worker.send_multipart(msg)?;
        Ok(())
    }

    /// Sends `reply` to the client of the last request, without waiting for
    /// another request (what [`recv`](Self::recv) does first).
    pub fn send_reply(&mut self, mut reply: Multipart) -> Result<()> {
        let Some(client) = self.reply_to.take() else {
            return Err("E: a reply without a request to answer".into());
        };
        reply.push_front(Message::new());
        reply.push_front(client);
        self.send_to_broker(W_REPLY, None, reply)
    }

    /// Sends `reply`, if any, and waits for the next request, which it
    /// returns (its body, the return envelope kept for the reply).
    pub fn recv(&mut self, reply: Option<Multipart>) -> Result<Multipart> {
        if let Some(reply) = reply {
            self.send_reply(reply)?;
        }
        loop {
            let events = self.worker.poll(PollEvents::IN, Some(self.heartbeat))?;
            if events.contains(PollEvents::IN) {
                let mut msg = self.worker.recv_multipart()?;
                if self.verbose {
                    log("I: received message from broker:");
                    dump(&msg);
                }
                self.liveness = HEARTBEAT_LIVENESS;
                if let Some(request) = self.handle(&mut msg)? {
                    return Ok(request);
                }
            } else {
                self.liveness -= 1;
                if self.liveness == 0 {
                    if self.verbose {
                        log("W: disconnected from broker - retrying...");
                    }
                    std::thread::sleep(self.reconnect);
                    self.reconnect_to_broker()?;
                }
            }
            // Send HEARTBEAT if it's time
            if Instant::now() > self.heartbeat_at {
                self.send_to_broker(W_HEARTBEAT, None, Multipart::new())?;
                self.heartbeat_at = Instant::now() + self.heartbeat;
            }
        }
    }

    /// Handles one message from the broker: a request comes back to the
    /// caller, a heartbeat refreshes liveness only, a disconnect reconnects.
    fn handle(&mut self, msg: &mut Multipart) -> Result<Option<Multipart>> {
        let valid = msg.len() >= 3 && msg[0].is_empty() && msg[1] == W_WORKER;
        if valid {
            let command = msg[2].to_vec();
            match command.as_slice() {
                W_REQUEST if msg.len() >= 5 && msg[4].is_empty() => {
                    let mut request = std::mem::take(msg);
                    request.pop_front(); // empty
                    request.pop_front(); // header
                    request.pop_front(); // command
                    // We should save as many addresses as there are up to
                    // the empty frame, but for now, just save one.
                    self.reply_to = request.pop_front();
                    request.pop_front(); // empty
                    return Ok(Some(request));
                }
                W_HEARTBEAT => return Ok(None), // Do nothing for heartbeats
                W_DISCONNECT => {
                    self.reconnect_to_broker()?;
                    return Ok(None);
                }
                _ => {}
            }
        }
        log("E: invalid input message:");
        dump(msg);
        Ok(None)
    }

    /// Sends the last `reply`, if any, and closes: the bounded-run end of a
    /// worker (`ZGUIDE_ITERS`). Unlike [`recv`](Self::recv)'s reconnects,
    /// the close waits (up to a heartbeat) for the reply to go out.
    pub fn finish(mut self, reply: Option<Multipart>) -> Result<()> {
        if let Some(reply) = reply {
            self.send_reply(reply)?;
        }
        self.worker.set_linger(Some(self.heartbeat))?;
        Ok(())
    }
}
