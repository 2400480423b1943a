//! Fuzz-style property tests: a few thousand generated cases each for Z85,
//! CURVE keys, endpoint parsing, option setters with arbitrary values,
//! `Message` construction and `Multipart` operations. Nothing may panic,
//! every refusal is a clean `Err`, and the results agree with a model.
//!
//! The generator is a small seeded xorshift (no dependency): the seed is
//! printed on failure and `ZMQ_PROPTEST_SEED=N` replays it;
//! `ZMQ_PROPTEST_CASES=N` changes the number of cases.

mod common;

use common::{Transport, connected, socket};
use std::collections::VecDeque;
use zmq::{Context, CurveKey, Error, Message, Multipart, Pair};

struct Rng(u64);

impl Rng {
    fn new(test: &str) -> Rng {
        let seed = std::env::var("ZMQ_PROPTEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5EED_2026_u64);
        eprintln!("{test}: seed {seed} (replay with ZMQ_PROPTEST_SEED={seed})");
        Rng(seed | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn bytes(&mut self, max_len: usize) -> Vec<u8> {
        let len = self.below(max_len + 1);
        (0..len).map(|_| self.next() as u8).collect()
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn cases() -> usize {
    std::env::var("ZMQ_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000)
}

const Z85: &[u8] =
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

/// A reference Z85 decoder, written from the spec (RFC 32).
fn z85_reference(text: &[u8]) -> Option<Vec<u8>> {
    if text.len() % 5 != 0 {
        return None;
    }
    let mut out = Vec::new();
    for group in text.chunks(5) {
        let mut value: u64 = 0;
        for &c in group {
            value = value * 85 + Z85.iter().position(|&a| a == c)? as u64;
        }
        out.extend_from_slice(&u32::try_from(value).ok()?.to_be_bytes());
    }
    Some(out)
}

#[test]
fn z85_round_trips_and_agrees_with_the_spec() {
    let mut rng = Rng::new("z85");
    for _ in 0..cases() {
        // Any byte string of a multiple of 4 round-trips.
        let mut data = rng.bytes(64);
        data.truncate(data.len() / 4 * 4);
        let text = zmq::z85::encode(&data).unwrap();
        assert_eq!(text.len(), data.len() / 4 * 5);
        assert_eq!(zmq::z85::decode(&text).unwrap(), data);
        // Other lengths are refused.
        if data.len() % 4 == 0 && !data.is_empty() {
            assert_eq!(zmq::z85::encode(&data[1..]), Err(Error::InvalidArgument));
        }
        // Mostly-Z85 text: decode agrees with the reference, never panics.
        let len = rng.below(16);
        let text: Vec<u8> = (0..len)
            .map(|_| {
                if rng.below(20) == 0 {
                    rng.next() as u8 & 0x7F
                } else {
                    *rng.pick(Z85)
                }
            })
            .collect();
        let text = String::from_utf8(text).unwrap();
        let got = zmq::z85::decode(&text);
        match z85_reference(text.as_bytes()) {
            Some(bytes) => assert_eq!(got, Ok(bytes), "{text:?}"),
            None => assert_eq!(got, Err(Error::InvalidArgument), "{text:?}"),
        }
    }
}

#[test]
fn curve_keys_accept_exactly_32_bytes_or_40_z85_characters() {
    let mut rng = Rng::new("curve keys");
    let ctx = Context::new();
    let s = ctx.socket::<Pair>().unwrap();
    for _ in 0..cases() {
        let len = *rng.pick(&[0, 1, 31, 32, 33, 39, 40, 40, 40, 41, 64]);
        let key: Vec<u8> = (0..len)
            .map(|_| {
                if rng.below(30) == 0 {
                    rng.next() as u8
                } else {
                    *rng.pick(Z85)
                }
            })
            .collect();
        let expected = match len {
            32 => Some(key.clone()),
            40 => z85_reference(&key),
            _ => None,
        };
        match (CurveKey::from_bytes_or_z85(&key), &expected) {
            (Ok(k), Some(bytes)) => assert_eq!(&k.0[..], &bytes[..]),
            (Err(Error::InvalidArgument), None) => {}
            (got, _) => panic!("{key:?}: {got:?} vs {expected:?}"),
        }
        let set = s.set_curve_publickey(&key);
        match expected {
            None => assert_eq!(set, Err(Error::InvalidArgument), "{key:?}"),
            Some(bytes) if zmq::has("curve") => {
                set.unwrap();
                assert_eq!(&s.curve_publickey().unwrap().0[..], &bytes[..]);
            }
            Some(_) => {}
        }
    }
}

#[test]
fn arbitrary_endpoints_never_panic_and_leave_the_socket_usable() {
    let mut rng = Rng::new("endpoints");
    let ctx = Context::new();
    let s = socket::<Pair>(&ctx);
    let schemes = [
        "tcp://",
        "udp://",
        "ipc://",
        "inproc://",
        "ws://",
        "",
        "tcp:/",
        "pgm://",
    ];
    let pieces = [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "::1",
        "*",
        "",
        ":",
        "]",
        "[",
        ";",
        "/",
        " ",
        "\t",
        "+",
        "-",
        "0",
        "5555",
        "65535",
        "65536",
        "99999",
        "x",
        "%",
        "\u{e9}",
        "lo",
    ];
    let mut accepted = 0;
    for _ in 0..cases() {
        let mut endpoint = (*rng.pick(&schemes)).to_string();
        for _ in 0..rng.below(6) {
            let piece: &&str = rng.pick(&pieces);
            endpoint.push_str(piece);
        }
        // Connecting is harmless (loopback, or nothing at all); binding is
        // limited to names that cannot take a port from another test.
        let result = if endpoint.starts_with("inproc://") || endpoint.starts_with("ipc://@") {
            s.bind(&endpoint)
        } else {
            s.connect(&endpoint)
        };
        match result {
            Ok(()) => {
                accepted += 1;
                // A tcp endpoint that was accepted has a real port.
                if let Some(port) = endpoint
                    .strip_prefix("tcp://")
                    .and_then(|r| r.rsplit(':').next())
                {
                    if port != "*" {
                        let n: u32 = port.parse().unwrap_or_else(|_| panic!("{endpoint:?}"));
                        assert!(n <= 65535, "{endpoint:?}");
                    }
                }
                let _ = s.disconnect(&endpoint);
                let _ = s.unbind(&endpoint);
            }
            Err(e) => {
                assert!(e.endpoint().is_some(), "{endpoint:?}: {e:?}");
                assert!(!e.to_string().is_empty());
            }
        }
    }
    assert!(accepted > 0);
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    a.send("usable").unwrap();
    assert_eq!(b.recv().unwrap(), "usable");
    drop(s);
}

#[test]
fn option_setters_take_arbitrary_values_without_panicking() {
    let mut rng = Rng::new("options");
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    let interesting = [0, 1, -1, -2, 255, 256, i32::MAX, i32::MIN, 1000, 65536];
    for _ in 0..cases() {
        let v = if rng.below(3) == 0 {
            *rng.pick(&interesting)
        } else {
            rng.next() as i32
        };
        let d = std::time::Duration::from_millis(rng.next() % (1 << 34));
        let bytes = rng.bytes(300);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        // Every result is a value or a clean error; none may panic.
        let results: [zmq::Result<()>; 14] = [
            a.set_sndhwm(v),
            a.set_rcvhwm(v),
            a.set_backlog(v),
            a.set_multicast_hops(v),
            a.set_tos(v),
            a.set_rcvbuf(Some(v)),
            a.set_tcp_keepalive_idle(Some(v)),
            a.set_reconnect_ivl_max(d),
            a.set_handshake_ivl(d),
            a.set_heartbeat_ttl(d),
            a.set_maxmsgsize(Some(rng.next())),
            a.set_socks_proxy(&text),
            a.set_plain_username(&text),
            a.set_curve_serverkey(&bytes),
        ];
        for r in results {
            if let Err(e) = r {
                assert!(e.errno() != 0);
            }
        }
        // What was accepted reads back.
        if a.set_sndhwm(v).is_ok() {
            assert_eq!(a.sndhwm().unwrap(), v);
        }
        if a.set_socks_proxy(&text).is_ok() {
            assert_eq!(a.socks_proxy().unwrap(), text.trim_end_matches('\0'));
        }
    }
    // Sane values again, and the pair still talks.
    a.set_sndhwm(1000).unwrap();
    a.set_maxmsgsize(None).unwrap();
    a.set_socks_proxy("").unwrap();
    a.set_handshake_ivl(std::time::Duration::from_secs(30))
        .unwrap();
    a.send("still talking").unwrap();
    assert_eq!(b.recv().unwrap(), "still talking");
}

#[test]
fn messages_hold_exactly_what_they_were_built_from() {
    let mut rng = Rng::new("messages");
    for _ in 0..cases() {
        let data = rng.bytes(200);
        let built = [
            Message::from(&data[..]),
            Message::from(data.clone()),
            Message::from(data.clone().into_boxed_slice()),
            Message::copy_from(&data),
        ];
        for m in &built {
            assert_eq!(&m[..], &data[..]);
            assert_eq!(m.len(), data.len());
        }
        let mut m = Message::from(data.clone());
        let unshared = m.get_mut().is_some();
        assert!(unshared || data.len() <= 33 || m.is_shared());
        let clone = m.clone();
        assert_eq!(clone, m);
        let mut zeroed = Message::try_with_size(data.len()).unwrap();
        assert!(zeroed.iter().all(|&b| b == 0));
        zeroed.get_mut().unwrap().copy_from_slice(&data);
        assert_eq!(zeroed, m);
        let mut w = zmq::UninitMessage::new(data.len());
        let split = rng.below(data.len() + 1);
        std::io::Write::write_all(&mut w, &data[..split]).unwrap();
        match w.into_message() {
            Ok(full) => {
                assert_eq!(split, data.len());
                assert_eq!(full, m);
            }
            Err(partial) => {
                assert!(split < data.len());
                let z = partial.zero_rest();
                assert_eq!(&z[..split], &data[..split]);
                assert!(z[split..].iter().all(|&b| b == 0));
            }
        }
    }
}

#[test]
fn multipart_behaves_like_a_deque_of_frames() {
    let mut rng = Rng::new("multipart");
    let mut parts = Multipart::new();
    let mut model: VecDeque<Vec<u8>> = VecDeque::new();
    for _ in 0..cases() * 4 {
        match rng.below(7) {
            0 => {
                let f = rng.bytes(40);
                parts.push_back(f.clone());
                model.push_back(f);
            }
            1 => {
                let f = rng.bytes(40);
                parts.push_front(&f[..]);
                model.push_front(f);
            }
            2 => assert_eq!(parts.pop_back().map(|m| m.to_vec()), model.pop_back()),
            3 => assert_eq!(parts.pop_front().map(|m| m.to_vec()), model.pop_front()),
            4 => {
                let i = rng.below(model.len() + 2);
                assert_eq!(parts.get(i).map(|m| m.to_vec()), model.get(i).cloned());
            }
            5 if rng.below(20) == 0 => {
                parts.clear();
                model.clear();
            }
            _ => {
                assert_eq!(parts.front().map(|m| m.to_vec()), model.front().cloned());
                assert_eq!(parts.back().map(|m| m.to_vec()), model.back().cloned());
            }
        }
        assert_eq!(parts.len(), model.len());
        assert_eq!(parts.is_empty(), model.is_empty());
    }
    let all: Vec<Vec<u8>> = parts.iter().map(|m| m.to_vec()).collect();
    assert_eq!(all, Vec::from(model));
}
