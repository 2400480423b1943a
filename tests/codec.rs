//! The multipart codec against bytes made by cppzmq's own `zmq::encode`
//! (tests/fixtures/cppzmq_codec: gen.cpp and the command that made them),
//! and malformed input.

use zmq::{Error, Message, Multipart, decode, encode};

/// The fixtures, with the frame sizes gen.cpp used for each.
const CASES: &[(&str, &[u8], &[usize])] = &[
    (
        "empty",
        include_bytes!("fixtures/cppzmq_codec/empty.bin"),
        &[],
    ),
    (
        "one_empty_frame",
        include_bytes!("fixtures/cppzmq_codec/one_empty_frame.bin"),
        &[0],
    ),
    (
        "small",
        include_bytes!("fixtures/cppzmq_codec/small.bin"),
        &[1, 5, 0, 3],
    ),
    (
        "len_254",
        include_bytes!("fixtures/cppzmq_codec/len_254.bin"),
        &[254],
    ),
    (
        "len_255",
        include_bytes!("fixtures/cppzmq_codec/len_255.bin"),
        &[255],
    ),
    (
        "len_256",
        include_bytes!("fixtures/cppzmq_codec/len_256.bin"),
        &[256],
    ),
    (
        "mixed",
        include_bytes!("fixtures/cppzmq_codec/mixed.bin"),
        &[0, 254, 255, 1, 256, 70000],
    ),
];

/// The frames gen.cpp builds: byte j of frame k is (j * 31 + k * 7 + 1) mod 256.
fn frames(sizes: &[usize]) -> Multipart {
    sizes
        .iter()
        .enumerate()
        .map(|(k, &n)| {
            (0..n)
                .map(|j| ((j * 31 + k * 7 + 1) % 256) as u8)
                .collect::<Vec<u8>>()
        })
        .collect()
}

#[test]
fn encode_matches_cppzmq_byte_for_byte() {
    for &(name, bytes, sizes) in CASES {
        let parts = frames(sizes);
        assert_eq!(&encode(&parts).unwrap()[..], bytes, "{name}");
        assert_eq!(&parts.encode().unwrap()[..], bytes, "{name}");
    }
}

#[test]
fn decode_reads_cppzmq_bytes() {
    for &(name, bytes, sizes) in CASES {
        let parts = decode(bytes).unwrap();
        assert_eq!(parts, frames(sizes), "{name}");
        assert_eq!(Multipart::decode(bytes).unwrap(), parts, "{name}");
    }
}

#[test]
fn decode_append_keeps_the_frames_already_there() {
    let mut parts = Multipart::from(["head"]);
    parts.decode_append(&encode(["a", "b"]).unwrap()).unwrap();
    assert_eq!(parts, Multipart::from(["head", "a", "b"]));
}

#[test]
fn the_long_form_is_used_from_255_bytes_on() {
    assert_eq!(encode([vec![0u8; 254]]).unwrap()[0], 254);
    let m = encode([vec![0u8; 255]]).unwrap();
    assert_eq!(&m[..5], [0xFF, 0, 0, 0, 255]);
    // A short part in the long form is accepted, as cppzmq accepts it.
    assert_eq!(
        decode(&[0xFF, 0, 0, 0, 2, b'h', b'i']).unwrap(),
        Multipart::from(["hi"])
    );
}

#[test]
fn malformed_input_is_an_error_and_appends_nothing() {
    let bad: &[&[u8]] = &[
        &[1],                               // length past the end
        &[3, b'a', b'b'],                   // likewise
        &[0xFF],                            // no 4-byte length
        &[0xFF, 0, 0, 1],                   // cut 4-byte length
        &[0xFF, 0, 0, 1, 0],                // 256 announced, none there
        &[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1], // 4 GiB announced
        &[1, b'a', 2, b'b'],                // a good frame, then a cut one
    ];
    for input in bad {
        assert_eq!(decode(input), Err(Error::InvalidArgument), "{input:?}");
        let mut parts = Multipart::from(["kept"]);
        assert_eq!(parts.decode_append(input), Err(Error::InvalidArgument));
        assert_eq!(parts, Multipart::from(["kept"]), "{input:?}");
    }
}

#[test]
fn a_cut_encoding_decodes_only_at_frame_boundaries() {
    let bytes = CASES.last().unwrap().1;
    // mixed: frames of 0, 254, 255, 1, 256, 70000 bytes.
    let boundaries = [0, 1, 256, 516, 518, 779, bytes.len()];
    let cuts = (0..800).chain(bytes.len() - 5..=bytes.len());
    for cut in cuts {
        let result = decode(&bytes[..cut]);
        match boundaries.iter().position(|&b| b == cut) {
            Some(frames) => assert_eq!(result.unwrap().len(), frames, "cut at {cut}"),
            None => assert_eq!(result, Err(Error::InvalidArgument), "cut at {cut}"),
        }
    }
}

#[test]
fn arbitrary_bytes_decode_to_frames_that_round_trip_or_fail_cleanly() {
    let mut x: u32 = 12345;
    let (mut ok, mut bad) = (0, 0);
    for len in 0..400 {
        let input: Vec<u8> = (0..len % 40)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                // Mostly small lengths, so that some inputs are valid.
                ((x >> 16) as u8) % 8
            })
            .collect();
        match decode(&input) {
            Ok(parts) => {
                ok += 1;
                assert_eq!(decode(&encode(&parts).unwrap()).unwrap(), parts);
            }
            Err(e) => {
                bad += 1;
                assert_eq!(e, Error::InvalidArgument);
            }
        }
    }
    assert!(
        ok > 0 && bad > 0,
        "both kinds of input were tried: {ok} {bad}"
    );
}

#[test]
fn encode_takes_any_frames() {
    let from_messages = encode([Message::from("x"), Message::from("yz")]).unwrap();
    let from_slices = encode([&b"x"[..], b"yz"]).unwrap();
    let from_vec = encode(vec![String::from("x"), String::from("yz")]).unwrap();
    assert_eq!(from_messages, from_slices);
    assert_eq!(from_slices, from_vec);
    assert_eq!(&from_vec[..], b"\x01x\x02yz");
}
