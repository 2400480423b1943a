//! kvsimple: the key-value message of Clone models one to four, like the
//! guide's Python `kvsimple` (and wire-compatible with it).
//!
//! On the wire a message is three frames: the key, the sequence number
//! (4 bytes, network order, as the Python class packs it with `!l`; 8-byte
//! sequences, as the C version sends, are read too) and the body.
#![allow(dead_code)]

use std::collections::HashMap;

/// A key-value map of messages, as the Clone samples keep their state.
pub type KvMap = HashMap<Vec<u8>, KvMsg>;

/// One key-value message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KvMsg {
    /// The key, if any.
    pub key: Option<Vec<u8>>,
    /// The sequence number.
    pub sequence: i64,
    /// The body, if any (an empty body on the wire reads as none).
    pub body: Option<Vec<u8>>,
}

impl KvMsg {
    /// A message with sequence number `sequence`, no key and no body.
    pub fn new(sequence: i64) -> KvMsg {
        KvMsg {
            sequence,
            ..KvMsg::default()
        }
    }

    /// A message with all its fields.
    pub fn with(sequence: i64, key: impl Into<Vec<u8>>, body: impl Into<Vec<u8>>) -> KvMsg {
        KvMsg {
            key: Some(key.into()),
            sequence,
            body: Some(body.into()),
        }
    }

    /// Stores a copy in `map` if it has a key and a body.
    pub fn store(&self, map: &mut KvMap) {
        if let (Some(key), Some(_)) = (&self.key, &self.body) {
            map.insert(key.clone(), self.clone());
        }
    }

    /// The three frames of the message.
    pub fn frames(&self) -> [Vec<u8>; 3] {
        // The sequence travels as a 32-bit integer, as the Python class
        // packs it; a larger number cannot be sent.
        let sequence = i32::try_from(self.sequence)
            .expect("kvsimple sequence numbers fit in 32 bits")
            .to_be_bytes()
            .to_vec();
        [
            self.key.clone().unwrap_or_default(),
            sequence,
            self.body.clone().unwrap_or_default(),
        ]
    }

    /// Sends the message; empty fields go as empty frames.
    pub fn send<T: zmq::CanSend>(&self, socket: &zmq::Socket<T>) -> zmq::Result<()> {
        socket.send_multipart(self.frames())
    }

    /// Decodes a message from its frames; `Err(EPROTO)` if they are not a
    /// kvsimple message.
    pub fn decode(frames: &zmq::Multipart) -> zmq::Result<KvMsg> {
        if frames.len() != 3 {
            return Err(zmq::Error::from_errno(libc::EPROTO));
        }
        Ok(KvMsg {
            key: non_empty(&frames[0]),
            sequence: decode_sequence(&frames[1])?,
            body: non_empty(&frames[2]),
        })
    }

    /// Receives one message.
    pub fn recv<T: zmq::CanRecv>(socket: &zmq::Socket<T>) -> zmq::Result<KvMsg> {
        KvMsg::decode(&socket.recv_multipart()?)
    }

    /// The key as text (lossy), for printing.
    pub fn key_str(&self) -> String {
        String::from_utf8_lossy(self.key.as_deref().unwrap_or_default()).into_owned()
    }

    /// Prints the message on stderr.
    pub fn dump(&self) {
        let (size, data) = match &self.body {
            Some(body) => (body.len(), format!("{:?}", String::from_utf8_lossy(body))),
            None => (0, "NULL".to_string()),
        };
        eprintln!(
            "[seq:{}][key:{}][size:{size}] {data}",
            self.sequence,
            self.key_str()
        );
    }
}

/// Sends a state snapshot to ROUTER peer `identity`: every entry of
/// `kvmap` whose key starts with `subtree`, then "KTHXBAI" with the
/// snapshot's `sequence` and `subtree` as its body.
pub fn send_snapshot(
    socket: &zmq::Socket<zmq::Router>,
    identity: &[u8],
    kvmap: &KvMap,
    subtree: &[u8],
    sequence: i64,
) -> zmq::Result<()> {
    for (key, kvmsg) in kvmap {
        if key.starts_with(subtree) {
            socket.send_more(identity)?;
            kvmsg.send(socket)?;
        }
    }
    socket.send_more(identity)?;
    KvMsg::with(sequence, "KTHXBAI", subtree).send(socket)
}

/// Receives a state snapshot into `kvmap`, up to "KTHXBAI", and returns its
/// sequence number.
pub fn recv_snapshot(socket: &zmq::Socket<zmq::Dealer>, kvmap: &mut KvMap) -> zmq::Result<i64> {
    loop {
        let kvmsg = KvMsg::recv(socket)?;
        if kvmsg.key.as_deref() == Some(b"KTHXBAI") {
            return Ok(kvmsg.sequence);
        }
        kvmsg.store(kvmap);
    }
}

/// `None` for an empty frame.
pub fn non_empty(frame: &[u8]) -> Option<Vec<u8>> {
    (!frame.is_empty()).then(|| frame.to_vec())
}

/// A big-endian signed sequence number of 4 or 8 bytes.
pub fn decode_sequence(frame: &[u8]) -> zmq::Result<i64> {
    match frame.len() {
        4 => Ok(i32::from_be_bytes(frame.try_into().expect("4 bytes")).into()),
        8 => Ok(i64::from_be_bytes(frame.try_into().expect("8 bytes"))),
        _ => Err(zmq::Error::from_errno(libc::EPROTO)),
    }
}

/// The self-test of the guide's class: a message sent over a DEALER pair
/// arrives whole and stores once.
pub fn self_test(verbose: bool) -> zmq::Result<()> {
    print!(" * kvsimple: ");
    let context = zmq::Context::new();
    let output = context.socket::<zmq::Dealer>()?;
    output.bind("ipc://kvsimple_selftest.ipc")?;
    let input = context.socket::<zmq::Dealer>()?;
    input.connect("ipc://kvsimple_selftest.ipc")?;

    let mut kvmap = KvMap::new();
    let kvmsg = KvMsg::with(1, "key", "body");
    if verbose {
        kvmsg.dump();
    }
    kvmsg.send(&output)?;
    kvmsg.store(&mut kvmap);

    let kvmsg2 = KvMsg::recv(&input)?;
    if verbose {
        kvmsg2.dump();
    }
    assert_eq!(kvmsg2.key.as_deref(), Some(&b"key"[..]));
    assert_eq!(kvmsg2, kvmsg);
    kvmsg2.store(&mut kvmap);
    assert_eq!(kvmap.len(), 1);
    println!("OK");
    Ok(())
}
