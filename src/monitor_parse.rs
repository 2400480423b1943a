//! Monitor messages read by other code: [`MonitorEvent::parse`] (pyzmq's
//! `parse_monitor_message`) and [`Socket::recv_monitor_event`] (pyzmq's
//! `recv_monitor_message`), for a monitor endpoint read by another thread
//! or process through any socket connected to it.

use crate::error::{Error, Result};
use crate::message::Message;
#[cfg(feature = "draft")]
use crate::monitor::VersionedEvent;
use crate::monitor::{MonitorEvent, Raw};
use crate::socket::{CanRecv, Socket};

/// A monitor message that is not one: `EPROTO`, as [`crate::Monitor`] says.
fn malformed() -> Error {
    Error::Other(libc::EPROTO)
}

impl MonitorEvent {
    /// Parses the two frames of one monitor message (`zmq_socket_monitor`'s
    /// format: a 6-byte frame with the event number and value, then the
    /// endpoint), as received by any PAIR socket connected to a monitor
    /// endpoint (pyzmq's `parse_monitor_message`). Frames of another shape
    /// are `Error::Other(EPROTO)`.
    ///
    /// ```
    /// use zmq::{Message, MonitorEvent};
    /// let mut head = Vec::new();
    /// head.extend_from_slice(&(zmq::sys::ZMQ_EVENT_LISTENING as u16).to_ne_bytes());
    /// head.extend_from_slice(&7u32.to_ne_bytes()); // the listening fd
    /// let frames = [Message::from(head), Message::from("tcp://127.0.0.1:5555")];
    /// let event = MonitorEvent::parse(&frames)?;
    /// assert_eq!(event, MonitorEvent::Listening { endpoint: "tcp://127.0.0.1:5555".into(), fd: 7 });
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn parse(frames: &[Message]) -> Result<MonitorEvent> {
        Raw::parse(frames, 1)
            .map(Raw::into_event)
            .ok_or_else(malformed)
    }

    /// Parses one message of the versioned monitor protocol (version 2,
    /// `zmq_socket_monitor_versioned`): event id, values, local and remote
    /// endpoints.
    #[cfg(feature = "draft")]
    pub fn parse_versioned(frames: &[Message]) -> Result<VersionedEvent> {
        Raw::parse(frames, 2)
            .map(Raw::into_versioned)
            .ok_or_else(malformed)
    }
}

impl<T: CanRecv> Socket<T> {
    /// Receives one monitor message (all its frames) and parses it (pyzmq's
    /// `recv_monitor_message`): for a PAIR socket connected to the endpoint
    /// given to `zmq_socket_monitor` by other code (another thread, a C
    /// library). Blocks as [`Socket::recv`] does.
    pub fn recv_monitor_event(&self) -> Result<MonitorEvent> {
        let frames = self.recv_multipart()?.into_vec();
        MonitorEvent::parse(&frames)
    }
}
