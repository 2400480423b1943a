//! Security primitives: Z85, CURVE keys, and capability introspection.

use zmq::{CurveKey, CurveKeyPair, Error, curve_public, z85};

#[test]
fn z85_matches_the_specification_vector() {
    // The test vector of ZeroMQ RFC 32.
    let bytes = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B];
    assert_eq!(z85::encode(&bytes).unwrap(), "HelloWorld");
    assert_eq!(z85::decode("HelloWorld").unwrap(), bytes);
    assert_eq!(z85::encode(&[]).unwrap(), "");
    assert_eq!(z85::decode("").unwrap(), Vec::<u8>::new());
}

#[test]
fn z85_round_trips_arbitrary_data() {
    let data: Vec<u8> = (0..=255u8).collect();
    let text = z85::encode(&data).unwrap();
    assert_eq!(text.len(), 320);
    assert_eq!(z85::decode(&text).unwrap(), data);
}

#[test]
fn z85_rejects_bad_input() {
    assert_eq!(z85::encode(&[1, 2, 3]), Err(Error::InvalidArgument));
    assert_eq!(z85::decode("Hell"), Err(Error::InvalidArgument));
    assert_eq!(z85::decode("Hello World"), Err(Error::InvalidArgument));
    assert_eq!(z85::decode("Hell\""), Err(Error::InvalidArgument));
    assert_eq!(z85::decode("Hell~"), Err(Error::InvalidArgument));
    assert_eq!(z85::decode("Hell\0"), Err(Error::InvalidArgument));
    assert_eq!(z85::decode("héllo"), Err(Error::InvalidArgument));
    // Five valid characters whose value overflows 32 bits.
    assert_eq!(z85::decode("#####"), Err(Error::InvalidArgument));
    let max = z85::encode(&[0xff; 4]).unwrap();
    assert_eq!(z85::decode(&max).unwrap(), [0xff; 4]);
}

#[test]
fn curve_keys() {
    if !zmq::has("curve") {
        assert_eq!(CurveKeyPair::new().unwrap_err(), Error::NotSupported);
        return;
    }
    let a = CurveKeyPair::new().unwrap();
    let b = CurveKeyPair::new().unwrap();
    assert_ne!(a.public, b.public);
    assert_eq!(curve_public(&a.secret).unwrap(), a.public);
    assert_eq!(CurveKeyPair::from_secret(b.secret).unwrap(), b);
    let text = a.public.to_z85();
    assert_eq!(text.len(), 40);
    assert_eq!(CurveKey::from_z85(&text).unwrap(), a.public);
    assert_eq!(CurveKey::from_z85("too short"), Err(Error::InvalidArgument));
    assert_eq!(
        CurveKey::from_z85(&"0".repeat(45)),
        Err(Error::InvalidArgument)
    );
    // The secret never shows in Debug output.
    assert!(!format!("{a:?}").contains(&a.secret.to_z85()));
}

#[test]
fn capabilities() {
    let v = zmq::version();
    assert!(v >= zmq::Version::new(4, 3, 4));
    assert_eq!(
        v.to_string(),
        format!("{}.{}.{}", v.major, v.minor, v.patch)
    );
    assert!(zmq::has("ipc"));
    for cap in ["pgm", "tipc", "norm", "curve", "gssapi", "draft"] {
        let _ = zmq::has(cap); // answered, never a panic
    }
    if cfg!(feature = "draft") {
        assert!(zmq::has("draft"));
    }
}
