//! kvmsg: the key-value message of Clone models five and six, like the
//! guide's Python `kvmsg` (and wire-compatible with it).
//!
//! On the wire a message is five frames: the key, the sequence number
//! (8 bytes, network order), a UUID (16 bytes), the properties
//! (`name=value` lines, each ending in a newline) and the body.
#![allow(dead_code)]

use std::collections::HashMap;

use crate::kv;
use crate::kv::KeyValue;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};

/// A key-value map of messages, as the Clone samples keep their state.
pub type KvMap = HashMap<Vec<u8>, KvMsg>;

/// One key-value message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KvMsg {
    /// The key, if any.
    pub key: Option<Vec<u8>>,
    /// The sequence number.
    pub sequence: i64,
    /// A unique id, 16 random bytes for a new message.
    pub uuid: Vec<u8>,
    /// The properties, in the order they were set.
    pub properties: Vec<(Vec<u8>, Vec<u8>)>,
    /// The body, if any (an empty body on the wire reads as none, which
    /// deletes the key when stored).
    pub body: Option<Vec<u8>>,
}

impl KvMsg {
    /// A message with sequence number `sequence`, a fresh UUID, no key, no
    /// properties and no body.
    pub fn new(sequence: i64) -> KvMsg {
        KvMsg {
            key: None,
            sequence,
            uuid: new_uuid().to_vec(),
            properties: Vec::new(),
            body: None,
        }
    }

    /// The value of property `name`.
    pub fn get(&self, name: &[u8]) -> Option<&[u8]> {
        self.properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// Sets property `name` (replacing its value if set).
    pub fn set(&mut self, name: impl Into<Vec<u8>>, value: impl Into<Vec<u8>>) {
        let (name, value) = (name.into(), value.into());
        match self.properties.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.properties.push((name, value)),
        }
    }

    /// Property `ttl` as a number (0 when absent or not a number), as the
    /// servers read it.
    pub fn ttl(&self) -> f64 {
        self.get(b"ttl")
            .and_then(|v| std::str::from_utf8(v).ok())
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0.0)
    }

    /// The key as text (lossy), for printing.
    pub fn key_str(&self) -> String {
        String::from_utf8_lossy(self.key.as_deref().unwrap_or_default()).into_owned()
    }

    /// Prints the message on stderr.
    pub fn dump(&self) {
        eprintln!("<< {self} >>");
    }
}

impl KeyValue for KvMsg {
    fn with(sequence: i64, key: impl Into<Vec<u8>>, body: impl Into<Vec<u8>>) -> KvMsg {
        KvMsg {
            key: Some(key.into()),
            body: Some(body.into()),
            ..KvMsg::new(sequence)
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

    /// Key, sequence (8 bytes), UUID, properties and body.
    fn frames(&self) -> Vec<Vec<u8>> {
        vec![
            self.key.clone().unwrap_or_default(),
            self.sequence.to_be_bytes().to_vec(),
            self.uuid.clone(),
            encode_properties(&self.properties),
            self.body.clone().unwrap_or_default(),
        ]
    }

    /// The guide's `from_msg`.
    fn decode(frames: &zmq::Multipart) -> zmq::Result<KvMsg> {
        let [key, sequence, uuid, properties, body] = frames.iter().collect::<Vec<_>>()[..] else {
            return Err(zmq::Error::from_errno(libc::EPROTO));
        };
        let sequence: [u8; 8] = sequence[..]
            .try_into()
            .map_err(|_| zmq::Error::from_errno(libc::EPROTO))?;
        Ok(KvMsg {
            key: (!key.is_empty()).then(|| key.to_vec()),
            sequence: i64::from_be_bytes(sequence),
            uuid: uuid.to_vec(),
            properties: decode_properties(properties),
            body: (!body.is_empty()).then(|| body.to_vec()),
        })
    }

    /// Stores a copy in `map` if it has a key and a body, else deletes its
    /// key from `map`.
    fn store(&self, map: &mut KvMap) {
        match (&self.key, &self.body) {
            (Some(key), Some(_)) => {
                map.insert(key.clone(), self.clone());
            }
            (Some(key), None) => {
                map.remove(key);
            }
            _ => {}
        }
    }
}

impl fmt::Display for KvMsg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (size, data) = match &self.body {
            Some(body) => (body.len(), format!("{:?}", String::from_utf8_lossy(body))),
            None => (0, "NULL".to_string()),
        };
        write!(
            f,
            "[seq:{}][key:{}][size:{size}][props:{:?}][data:{data}]",
            self.sequence,
            self.key_str(),
            String::from_utf8_lossy(&encode_properties(&self.properties)),
        )
    }
}

/// Seconds since the Unix epoch, as the servers write expiry times.
pub fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// `name=value\n` for each property.
pub fn encode_properties(properties: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut text = Vec::new();
    for (name, value) in properties {
        text.extend_from_slice(name);
        text.push(b'=');
        text.extend_from_slice(value);
        text.push(b'\n');
    }
    text
}

/// The properties of `name=value` lines; lines without exactly one `=`
/// are skipped, as the Python class does.
pub fn decode_properties(text: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut properties: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        let mut parts = line.split(|&b| b == b'=');
        if let (Some(name), Some(value), None) = (parts.next(), parts.next(), parts.next()) {
            match properties.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = value.to_vec(),
                None => properties.push((name.to_vec(), value.to_vec())),
            }
        }
    }
    properties
}

/// 16 random bytes (std's randomly keyed hasher as the source: unique
/// enough for message ids, not for secrets).
pub fn new_uuid() -> [u8; 16] {
    let mut uuid = [0; 16];
    for half in uuid.chunks_mut(8) {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        half.copy_from_slice(&hasher.finish().to_be_bytes());
    }
    uuid
}

/// The self-test of the guide's class: messages with and without
/// properties cross a DEALER pair whole.
pub fn self_test(verbose: bool) -> zmq::Result<()> {
    print!(" * kvmsg: ");
    let context = zmq::Context::new();
    let (output, input) = kv::selftest_pair(&context, "kvmsg")?;
    // Test send and receive of simple message
    let mut kvmap = kv::round_trip::<KvMsg>(
        &output,
        &input,
        verbose.then_some(KvMsg::dump as fn(&KvMsg)),
    )?;

    // Test send/recv with properties
    let mut kvmsg = KvMsg::with(2, "key", "body");
    kvmsg.set("prop1", "value1");
    kvmsg.set("prop2", "value2");
    kvmsg.set("prop3", "value3");
    assert_eq!(kvmsg.get(b"prop1"), Some(&b"value1"[..]));
    if verbose {
        kvmsg.dump();
    }
    kvmsg.send(&output)?;
    let kvmsg2 = KvMsg::recv(&input)?;
    if verbose {
        kvmsg2.dump();
    }
    assert_eq!(kvmsg2, kvmsg);
    assert_eq!(kvmsg2.get(b"prop2"), kvmsg.get(b"prop2"));

    // An empty body deletes the key
    KvMsg::new(3).send(&output)?;
    let mut delete = KvMsg::recv(&input)?;
    delete.key = Some(b"key".to_vec());
    delete.store(&mut kvmap);
    assert!(kvmap.is_empty());
    println!("OK");
    Ok(())
}
