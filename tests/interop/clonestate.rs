//! Checks on the state of Clone clients and servers, shared by
//! `tests/guide_ch5.rs` and `tests/interop.rs`: ask a server for its
//! snapshot as a client does, read what a bounded client printed, and
//! compare. The including test declares `harness`, `kv`, `kvmsg` and `kvsimple`.
#![allow(dead_code)]

use crate::harness::{self, Finished};
use crate::kv::{self, KeyValue};
use crate::{kvmsg, kvsimple};
use std::collections::BTreeMap;
use std::time::Duration;

/// The state of a Clone server whose messages are `M`: its sequence
/// number and its map, asked for like a client does (`request`: the
/// frames after "ICANHAZ?"). Every wait is bounded.
fn snapshot<M: KeyValue>(port: u16, request: &[&str]) -> (i64, BTreeMap<String, String>) {
    let context = zmq::Context::new();
    let socket = context.socket::<zmq::Dealer>().unwrap();
    socket.set_linger(Some(Duration::ZERO)).unwrap();
    socket.set_rcvtimeo(Some(harness::TIMEOUT)).unwrap();
    socket.connect(&format!("tcp://localhost:{port}")).unwrap();
    socket
        .send_multipart(std::iter::once("ICANHAZ?").chain(request.iter().copied()))
        .unwrap();
    let mut kvmap = std::collections::HashMap::<Vec<u8>, M>::new();
    let sequence = kv::recv_snapshot(&socket, &mut kvmap).expect("a snapshot");
    let text =
        |bytes: Option<&[u8]>| String::from_utf8_lossy(bytes.unwrap_or_default()).into_owned();
    let map = kvmap
        .values()
        .map(|m| (text(m.key()), text(m.body())))
        .collect();
    (sequence, map)
}

/// The state of a kvsimple Clone server (models 3 and 4).
pub fn kvsimple_snapshot(port: u16, subtree: Option<&str>) -> (i64, BTreeMap<String, String>) {
    snapshot::<kvsimple::KvMsg>(port, subtree.as_slice())
}

/// The state of a kvmsg Clone server (models 5 and 6).
pub fn kvmsg_snapshot(port: u16, subtree: &str) -> (i64, BTreeMap<String, String>) {
    snapshot::<kvmsg::KvMsg>(port, &[subtree])
}

/// What a bounded Clone client printed last: its sequence number and its
/// state (`S: key=value` lines).
pub fn client_state(client: &Finished) -> (i64, BTreeMap<String, String>) {
    let lines = client.lines();
    let at = lines
        .iter()
        .position(|l| l.ends_with(" messages in"))
        .unwrap_or_else(|| panic!("no final sequence: {client:#?}"));
    let sequence = lines[at]
        .trim_end_matches(" messages in")
        .trim()
        .parse::<i64>()
        .unwrap_or_else(|_| panic!("a sequence number: {client:#?}"));
    let map = lines[at + 1..]
        .iter()
        .map(|l| {
            let (key, value) = l
                .strip_prefix("S: ")
                .and_then(|kv| kv.split_once('='))
                .unwrap_or_else(|| panic!("a state line: {l:?}"));
            (key.to_string(), value.to_string())
        })
        .collect();
    (sequence, map)
}

/// The client converged on the server's state. Where values expire
/// (`expiring`), the server may have deleted some since the client
/// stopped: then every later sequence number is one delete, so the server's
/// map is the client's minus that many keys.
pub fn assert_converged(
    client: &Finished,
    server: &(i64, BTreeMap<String, String>),
    expiring: bool,
) {
    let (client_sequence, client_map) = client_state(client);
    let (server_sequence, server_map) = server;
    if !expiring || client_sequence == *server_sequence {
        assert_eq!(client_sequence, *server_sequence, "{client:#?}");
        assert_eq!(&client_map, server_map, "{client:#?}");
        return;
    }
    assert!(*server_sequence > client_sequence, "{client:#?}");
    for (key, value) in server_map {
        assert_eq!(client_map.get(key), Some(value), "{key}: {client:#?}");
    }
    let deleted = client_map.len() - server_map.len();
    assert_eq!(
        deleted as i64,
        server_sequence - client_sequence,
        "{client:#?}"
    );
}
