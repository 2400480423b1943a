//! What the two key-value message classes (kvsimple, kvmsg) share: the
//! trait they implement, and sending, receiving and snapshots on top of it.
//! A program that includes a class includes this file too, as `kv`.
#![allow(dead_code)]

use std::collections::HashMap;

/// A key-value message of the Clone pattern.
pub trait KeyValue: Sized + Clone {
    /// A message with a sequence number, a key and a body.
    fn with(sequence: i64, key: impl Into<Vec<u8>>, body: impl Into<Vec<u8>>) -> Self;
    /// The key, if any.
    fn key(&self) -> Option<&[u8]>;
    /// The body, if any.
    fn body(&self) -> Option<&[u8]>;
    /// The sequence number.
    fn sequence(&self) -> i64;
    /// The frames on the wire.
    fn frames(&self) -> Vec<Vec<u8>>;
    /// Decodes the frames; `Err(EPROTO)` if they are not such a message.
    fn decode(frames: &zmq::Multipart) -> zmq::Result<Self>;
    /// Stores the message in `map` (or deletes its key, where the class
    /// does that for an empty body).
    fn store(&self, map: &mut HashMap<Vec<u8>, Self>);

    /// Sends the message; empty fields go as empty frames.
    fn send<T: zmq::CanSend>(&self, socket: &zmq::Socket<T>) -> zmq::Result<()> {
        socket.send_multipart(self.frames())
    }

    /// Sends the message to ROUTER peer `identity`.
    fn send_to(&self, socket: &zmq::Socket<zmq::Router>, identity: &[u8]) -> zmq::Result<()> {
        socket.send_more(identity)?;
        self.send(socket)
    }

    /// Receives one message.
    fn recv<T: zmq::CanRecv>(socket: &zmq::Socket<T>) -> zmq::Result<Self> {
        Self::decode(&socket.recv_multipart()?)
    }
}

/// Sends a state snapshot to ROUTER peer `identity`: every entry of
/// `kvmap` whose key starts with `subtree`, then "KTHXBAI" with the
/// snapshot's `sequence` and `subtree` as its body.
pub fn send_snapshot<M: KeyValue>(
    socket: &zmq::Socket<zmq::Router>,
    identity: &[u8],
    kvmap: &HashMap<Vec<u8>, M>,
    subtree: &[u8],
    sequence: i64,
) -> zmq::Result<()> {
    for (key, kvmsg) in kvmap {
        if key.starts_with(subtree) {
            kvmsg.send_to(socket, identity)?;
        }
    }
    M::with(sequence, "KTHXBAI", subtree).send_to(socket, identity)
}

/// Receives a state snapshot into `kvmap`, up to "KTHXBAI", and returns its
/// sequence number.
pub fn recv_snapshot<M: KeyValue>(
    socket: &zmq::Socket<zmq::Dealer>,
    kvmap: &mut HashMap<Vec<u8>, M>,
) -> zmq::Result<i64> {
    loop {
        let kvmsg = M::recv(socket)?;
        if kvmsg.key() == Some(b"KTHXBAI") {
            return Ok(kvmsg.sequence());
        }
        kvmsg.store(kvmap);
    }
}

/// The first half of the classes' self-tests: a message sent from
/// `output` arrives whole at `input` and stores once. Dumps with `dump`
/// when verbose.
pub fn round_trip<M: KeyValue + PartialEq + std::fmt::Debug>(
    output: &zmq::Socket<zmq::Dealer>,
    input: &zmq::Socket<zmq::Dealer>,
    dump: Option<fn(&M)>,
) -> zmq::Result<HashMap<Vec<u8>, M>> {
    let mut kvmap = HashMap::new();
    let kvmsg = M::with(1, "key", "body");
    if let Some(dump) = dump {
        dump(&kvmsg);
    }
    kvmsg.send(output)?;
    kvmsg.store(&mut kvmap);
    let kvmsg2 = M::recv(input)?;
    if let Some(dump) = dump {
        dump(&kvmsg2);
    }
    assert_eq!(kvmsg2.key(), Some(&b"key"[..]));
    assert_eq!(kvmsg2, kvmsg);
    kvmsg2.store(&mut kvmap);
    assert_eq!(kvmap.len(), 1);
    Ok(kvmap)
}

/// A DEALER pair over ipc (`ipc://NAME_selftest.ipc`) for a self-test.
pub fn selftest_pair(
    context: &zmq::Context,
    name: &str,
) -> zmq::Result<(zmq::Socket<zmq::Dealer>, zmq::Socket<zmq::Dealer>)> {
    let endpoint = format!("ipc://{name}_selftest.ipc");
    let output = context.socket::<zmq::Dealer>()?;
    output.bind(&endpoint)?;
    let input = context.socket::<zmq::Dealer>()?;
    input.connect(&endpoint)?;
    Ok((output, input))
}
