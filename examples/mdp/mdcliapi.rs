//! Majordomo Protocol client API (the guide's `mdcliapi`): a REQ socket to
//! the broker, one request at a time, retried on a fresh socket when no
//! reply comes in time.

use super::{C_CLIENT, Result, log, malformed};
use crate::zhelpers::{dump, scaled};
use std::time::Duration;
use zmq::{Context, Multipart, PollEvents, Req, Socket};

/// A synchronous MDP client: [`send`](Self::send) returns the reply, or
/// `None` after `retries` attempts without one.
pub struct MajorDomoClient {
    broker: String,
    context: Context,
    client: Socket<Req>,
    timeout: Duration,
    retries: u32,
    verbose: bool,
}

impl MajorDomoClient {
    /// Connects to the broker at `broker`; `verbose` logs every message.
    pub fn new(broker: &str, verbose: bool) -> Result<MajorDomoClient> {
        let context = Context::new();
        let client = connect(&context, broker, verbose)?;
        Ok(MajorDomoClient {
            broker: broker.to_string(),
            context,
            client,
            timeout: scaled(Duration::from_millis(2500)),
            retries: 3,
            verbose,
        })
    }

    /// How long to wait for each reply (2.5 s, scaled by
    /// `ZGUIDE_TIME_SCALE`).
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// How many times to send a request before giving up (3).
    pub fn set_retries(&mut self, retries: u32) {
        self.retries = retries;
    }

    /// Connects again on a new socket: a REQ socket that got no reply is
    /// stuck, and the broker may have restarted.
    fn reconnect_to_broker(&mut self) -> Result<()> {
        self.client = connect(&self.context, &self.broker, self.verbose)?;
        Ok(())
    }

    /// Sends `request` to `service` and returns the reply's body, or `None`
    /// when no reply came after all the retries.
    pub fn send(
        &mut self,
        service: &[u8],
        request: impl Into<Multipart>,
    ) -> Result<Option<Multipart>> {
        let mut request = request.into();
        // Frame 1: "MDPCxy" (six bytes, MDP/Client x.y)
        // Frame 2: Service name (printable string)
        request.push_front(service);
        request.push_front(C_CLIENT);
        if self.verbose {
            log(format_args!(
                "I: send request to '{}' service:",
                String::from_utf8_lossy(service)
            ));
            dump(&request);
        }

        let mut retries_left = self.retries;
        while retries_left > 0 {
            self.client.send_multipart(request.clone())?;
            let events = self.client.poll(PollEvents::IN, Some(self.timeout))?;
            if events.contains(PollEvents::IN) {
                let mut reply = self.client.recv_multipart()?;
                if self.verbose {
                    log("I: received reply:");
                    dump(&reply);
                }
                if reply.len() < 3 {
                    return Err(malformed("E: reply too short", &reply));
                }
                let header = reply.pop_front().unwrap_or_default();
                if header != C_CLIENT {
                    return Err(malformed("E: reply is not MDP/Client", &reply));
                }
                let reply_service = reply.pop_front().unwrap_or_default();
                if reply_service != service {
                    return Err(malformed("E: reply from another service", &reply));
                }
                return Ok(Some(reply));
            }
            retries_left -= 1;
            if retries_left > 0 {
                log("W: no reply, reconnecting...");
            } else {
                log("W: permanent error, abandoning");
            }
            // A REQ socket without its reply cannot send again: the next
            // attempt, or the next request, needs a new one.
            self.reconnect_to_broker()?;
        }
        Ok(None)
    }
}

/// A REQ socket connected to `broker`, that drops what it holds on close.
fn connect(context: &Context, broker: &str, verbose: bool) -> Result<Socket<Req>> {
    let client = context.socket::<Req>()?;
    client.set_linger(Some(Duration::ZERO))?;
    client.connect(broker)?;
    if verbose {
        log(format_args!("I: connecting to broker at {broker}..."));
    }
    Ok(client)
}
