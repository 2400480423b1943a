//! Monitor messages read through a plain socket and parsed
//! (pyzmq's parse_monitor_message / recv_monitor_message).

mod common;

use common::socket;
use std::ffi::CString;
use zmq::{Context, Error, Message, MonitorEvent, Pair, Pull, Push};

/// Starts libzmq's own monitor of `s` on `endpoint`, as C code would.
fn raw_monitor(s: &zmq::Socket<Pull>, endpoint: &str) {
    let c = CString::new(endpoint).unwrap();
    // SAFETY: a live socket and a NUL-terminated endpoint that outlives
    // the call.
    let rc =
        unsafe { zmq::sys::zmq_socket_monitor(s.as_raw(), c.as_ptr(), zmq::sys::ZMQ_EVENT_ALL) };
    assert_eq!(rc, 0, "{}", Error::last());
}

#[test]
fn events_read_by_another_thread_are_parsed() {
    let ctx = Context::new();
    let server = socket::<Pull>(&ctx);
    raw_monitor(&server, "inproc://raw-monitor");
    let reader = socket::<Pair>(&ctx);
    reader.connect("inproc://raw-monitor").unwrap();
    let events = std::thread::spawn(move || {
        let mut seen = Vec::new();
        loop {
            let event = reader
                .recv_monitor_event()
                .expect("event within the timeout");
            let done = matches!(event, MonitorEvent::Accepted { .. });
            seen.push(event);
            if done {
                return seen;
            }
        }
    });
    server.bind("tcp://127.0.0.1:*").unwrap();
    let endpoint = server.last_endpoint().unwrap();
    let client = socket::<Push>(&ctx);
    client.connect(&endpoint).unwrap();
    let seen = events.join().unwrap();
    assert!(
        seen.iter()
            .any(|e| matches!(e, MonitorEvent::Listening { endpoint: ep, .. } if *ep == endpoint)),
        "{seen:?}"
    );
    assert_eq!(seen.last().unwrap().endpoint(), endpoint);
}

#[test]
fn malformed_monitor_messages_are_errors() {
    let eproto = Error::Other(libc::EPROTO);
    assert_eq!(MonitorEvent::parse(&[]), Err(eproto.clone()));
    assert_eq!(
        MonitorEvent::parse(&[Message::from("short"), Message::from("ep")]),
        Err(eproto.clone())
    );
    let head = [0u8; 6];
    assert_eq!(MonitorEvent::parse(&[Message::from(head)]), Err(eproto));
    // An unknown event number is kept, not refused.
    let mut head = Vec::new();
    head.extend_from_slice(&0x8000u16.to_ne_bytes());
    head.extend_from_slice(&9u32.to_ne_bytes());
    let event = MonitorEvent::parse(&[Message::from(head), Message::from("x")]).unwrap();
    assert!(
        matches!(event, MonitorEvent::Unknown { event: 0x8000, .. }),
        "{event:?}"
    );
}

#[cfg(feature = "draft")]
#[test]
fn versioned_monitor_messages_are_parsed() {
    let frames = [
        Message::from((zmq::sys::ZMQ_EVENT_ACCEPTED as u64).to_ne_bytes()),
        Message::from(1u64.to_ne_bytes()),
        Message::from(12u64.to_ne_bytes()),
        Message::from("tcp://127.0.0.1:5555"),
        Message::from("tcp://127.0.0.1:40000"),
    ];
    let event = MonitorEvent::parse_versioned(&frames).unwrap();
    assert_eq!(event.local_endpoint, "tcp://127.0.0.1:5555");
    assert_eq!(event.remote_endpoint, "tcp://127.0.0.1:40000");
    assert!(
        matches!(event.event, MonitorEvent::Accepted { fd: 12, .. }),
        "{event:?}"
    );
    // Two frames of the version 1 format are not version 2.
    assert_eq!(
        MonitorEvent::parse_versioned(&frames[3..]).unwrap_err(),
        Error::Other(libc::EPROTO)
    );
}
