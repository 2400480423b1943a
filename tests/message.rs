//! Message construction, access, sharing and metadata.

mod common;

use common::{Transport, connected};
use zmq::{Context, Message, Pair, Rep, Req, UninitMessage};

#[test]
fn conversions_copy_or_hand_over() {
    assert_eq!(Message::from("text"), "text");
    assert_eq!(Message::from(&b"bytes"[..]), b"bytes");
    assert_eq!(Message::from([1u8, 2, 3]), [1u8, 2, 3]);
    assert_eq!(Message::from(&[4u8, 5]), &[4u8, 5]);
    assert_eq!(Message::from(String::from("owned")), "owned");
    assert_eq!(Message::from(vec![9u8; 1000]).len(), 1000);
    assert_eq!(Message::from(vec![9u8; 1000].into_boxed_slice())[999], 9);
    assert_eq!(Message::from(&vec![1u8, 2]), [1u8, 2]);
    assert!(Message::new().is_empty());
    assert_eq!(Message::default().len(), 0);
    assert_eq!(Message::from(Vec::new()).len(), 0);
}

#[test]
fn zero_copy_keeps_the_buffer() {
    let v = vec![3u8; 4096];
    let ptr = v.as_ptr();
    let m = Message::from(v);
    assert_eq!(m.as_ptr(), ptr, "the Vec's buffer is used in place");
    let s = String::from_utf8(vec![b'x'; 100]).unwrap();
    let sptr = s.as_ptr();
    assert_eq!(Message::from(s).as_ptr(), sptr);
}

#[test]
fn with_size_is_zeroed_and_mutable() {
    let mut m = Message::with_size(64);
    assert_eq!(m.to_vec(), vec![0u8; 64]);
    m.get_mut().unwrap().copy_from_slice(&[5u8; 64]);
    assert_eq!(m.to_vec(), vec![5u8; 64]);
}

#[test]
fn uninit_message_is_filled_then_finished() {
    let mut u = UninitMessage::new(16);
    assert_eq!(u.len(), 16);
    for (i, b) in u.as_uninit_mut().iter_mut().enumerate() {
        b.write(i as u8);
    }
    // SAFETY: every byte was written above.
    let m = unsafe { u.assume_init() };
    assert_eq!(m.to_vec(), (0..16).collect::<Vec<u8>>());
}

#[test]
fn sharing_makes_messages_read_only() {
    let mut big = Message::from(vec![1u8; 1000]);
    assert!(!big.is_shared());
    big.get_mut().unwrap()[0] = 2;
    let copy = big.clone();
    assert!(big.is_shared() && copy.is_shared());
    assert!(big.get_mut().is_none());
    assert_eq!(copy[0], 2);
    assert_eq!(copy.as_ptr(), big.as_ptr(), "clone shares the buffer");
    drop(copy);
    // Once shared, always read-only (libzmq keeps the flag).
    assert!(big.get_mut().is_none());

    // Small messages are copied by zmq_msg_copy, so both stay mutable.
    let mut small = Message::from("tiny");
    let mut small_copy = small.clone();
    small.get_mut().unwrap()[0] = b'T';
    assert_eq!(small, "Tiny");
    assert_eq!(small_copy, "tiny");
    assert!(small_copy.get_mut().is_some());

    // Static buffers are never writable.
    static DATA: [u8; 100] = [7; 100];
    let mut st = Message::from_static(&DATA);
    assert_eq!(st.as_ptr(), DATA.as_ptr());
    assert!(st.get_mut().is_none());
}

#[test]
fn sent_messages_stay_intact_for_the_sender() {
    // Sending a clone keeps the original readable and unchanged, and the
    // receiver gets the same bytes.
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Tcp);
    let mut original = Message::from(vec![42u8; 10_000]);
    a.send(&original).unwrap();
    assert!(original.get_mut().is_none(), "libzmq may still read it");
    assert_eq!(b.recv().unwrap(), original);
}

#[test]
fn equality_and_debug_preview() {
    assert_eq!(Message::from("abc"), Message::from(vec![b'a', b'b', b'c']));
    assert_ne!(Message::from("abc"), Message::from("abd"));
    assert_eq!(
        format!("{:?}", Message::from("hello")),
        r#"Message(5 bytes: "hello")"#
    );
    assert_eq!(
        format!("{:?}", Message::from(&[0u8, 255][..])),
        "Message(2 bytes: 00ff)"
    );
    let long = format!("{:?}", Message::from(vec![b'a'; 100]));
    assert!(
        long.starts_with("Message(100 bytes: \"aaaa") && long.ends_with("...)"),
        "{long}"
    );
}

#[test]
fn metadata_of_received_messages() {
    let ctx = Context::new();
    let (rep, req) = connected::<Rep, Req>(&ctx, Transport::Tcp);
    req.send("hi").unwrap();
    let m = rep.recv().unwrap();
    assert_eq!(m.gets("Socket-Type"), Some("REQ"));
    assert_eq!(m.gets("Peer-Address"), Some("127.0.0.1"));
    assert_eq!(m.gets("No-Such-Property"), None);
    assert_eq!(m.gets("bad\0name"), None);
    assert_eq!(m.as_str(), Some("hi"));
}

#[cfg(feature = "draft")]
#[test]
fn routing_id_and_group_fields() {
    let mut m = Message::from("x");
    assert_eq!(m.routing_id(), 0);
    m.set_routing_id(7).unwrap();
    assert_eq!(m.routing_id(), 7);
    assert_eq!(
        m.set_routing_id(0).unwrap_err(),
        zmq::Error::InvalidArgument
    );
    assert_eq!(m.group(), None);
    m.set_group("g").unwrap();
    assert_eq!(m.group(), Some("g"));
    assert_eq!(
        m.set_group(&"x".repeat(300)).unwrap_err(),
        zmq::Error::InvalidArgument
    );
}
