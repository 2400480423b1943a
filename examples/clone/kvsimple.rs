//! kvsimple: the key-value message of Clone models one to four, like the
//! guide's Python `kvsimple` (and wire-compatible with it).
//!
//! On the wire a message is three frames: the key, the sequence number
//! (4 bytes, network order, as the Python class packs it with `!l`; 8-byte
//! sequences, as the C version sends, are read too, and sent for numbers
//! beyond 32 bits) and the body.
#![allow(dead_code)]

use std::collections::HashMap;

use crate::kv;
use crate::kv::KeyValue;

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

impl KeyValue for KvMsg {
    fn with(sequence: i64, key: impl Into<Vec<u8>>, body: impl Into<Vec<u8>>) -> KvMsg {
        KvMsg {
            key: Some(key.into()),
            sequence,
            body: Some(body.into()),
        }
    }

    fn key(&self) -> Option<&[u8]> {
        self.key.as_deref()
    }

    fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    fn sequence(&self) -> i64 {
        self.sequence
    }

    /// Key, sequence (4 bytes, as the Python class packs it; 8, as the C
    /// version sends it, for a number beyond 32 bits, which Python cannot
    /// send) and body.
    fn frames(&self) -> Vec<Vec<u8>> {
        let sequence = match i32::try_from(self.sequence) {
            Ok(short) => short.to_be_bytes().to_vec(),
            Err(_) => self.sequence.to_be_bytes().to_vec(),
        };
        vec![
            self.key.clone().unwrap_or_default(),
            sequence,
            self.body.clone().unwrap_or_default(),
        ]
    }

    fn decode(frames: &zmq::Multipart) -> zmq::Result<KvMsg> {
        if frames.len() != 3 {
            return Err(zmq::Error::from_errno(libc::EPROTO));
        }
        Ok(KvMsg {
            key: non_empty(&frames[0]),
            sequence: decode_sequence(&frames[1])?,
            body: non_empty(&frames[2]),
        })
    }

    /// Stores a copy in `map` if it has a key and a body.
    fn store(&self, map: &mut KvMap) {
        if let (Some(key), Some(_)) = (&self.key, &self.body) {
            map.insert(key.clone(), self.clone());
        }
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
    let (output, input) = kv::selftest_pair(&context, "kvsimple")?;
    kv::round_trip::<KvMsg>(
        &output,
        &input,
        verbose.then_some(KvMsg::dump as fn(&KvMsg)),
    )?;
    println!("OK");
    Ok(())
}
