//! Majordomo Protocol client API, asynchronous (the guide's `mdcliapi2`):
//! a DEALER socket, so that the client can send many requests before it
//! reads the replies. No retries: a reply that does not come in time is
//! abandoned.

use super::{C_CLIENT, Result, log, malformed};
use crate::zhelpers::{dump, scaled};
use std::time::Duration;
use zmq::{Context, Dealer, Multipart, PollEvents, Socket};

/// An asynchronous MDP client: [`send`](Self::send) queues a request,
/// [`recv`](Self::recv) returns the next reply.
pub struct MajorDomoClient {
    client: Socket<Dealer>,
    timeout: Duration,
    verbose: bool,
}

impl MajorDomoClient {
    /// Connects to the broker at `broker`; `verbose` logs every message.
    pub fn new(broker: &str, verbose: bool) -> Result<MajorDomoClient> {
        let context = Context::new();
        let client = context.socket::<Dealer>()?;
        client.set_linger(Some(Duration::ZERO))?;
        client.connect(broker)?;
        if verbose {
            log(format_args!("I: connecting to broker at {broker}..."));
        }
        Ok(MajorDomoClient {
            client,
            timeout: scaled(Duration::from_millis(2500)),
            verbose,
        })
    }

    /// How long [`recv`](Self::recv) waits for a reply (2.5 s, scaled by
    /// `ZGUIDE_TIME_SCALE`).
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// Sends `request` to `service` without waiting for the reply.
    pub fn send(&mut self, service: &[u8], request: impl Into<Multipart>) -> Result<()> {
        let mut request = request.into();
        // Frame 0: empty (REQ emulation)
        // Frame 1: "MDPCxy" (six bytes, MDP/Client x.y)
        // Frame 2: Service name (printable string)
        request.push_front(service);
        request.push_front(C_CLIENT);
        request.push_front(zmq::Message::new());
        if self.verbose {
            log(format_args!(
                "I: send request to '{}' service:",
                String::from_utf8_lossy(service)
            ));
            dump(&request);
        }
        self.client.send_multipart(request)?;
        Ok(())
    }

    /// The body of the next reply, or `None` if none came in time.
    pub fn recv(&mut self) -> Result<Option<Multipart>> {
        let events = self.client.poll(PollEvents::IN, Some(self.timeout))?;
        if !events.contains(PollEvents::IN) {
            log("W: permanent error, abandoning request");
            return Ok(None);
        }
        let mut reply = self.client.recv_multipart()?;
        if self.verbose {
            log("I: received reply:");
            dump(&reply);
        }
        if reply.len() < 4 {
            return Err(malformed("E: reply too short", &reply));
        }
        let _empty = reply.pop_front();
        let header = reply.pop_front().unwrap_or_default();
        if header != C_CLIENT {
            return Err(malformed("E: reply is not MDP/Client", &reply));
        }
        let _service = reply.pop_front();
        Ok(Some(reply))
    }
}
