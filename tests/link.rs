//! Proves which libzmq the test binaries link, and that the build metadata
//! (`zmq-sys`'s `DEP_ZMQ_*`) agrees with the library itself.

/// The version the build script found, as `major * 10000 + minor * 100 + patch`.
fn build_version_number() -> u32 {
    env!("ZMQ_LINKED_VERSION_NUMBER")
        .parse()
        .expect("numeric version")
}

#[test]
fn version_matches_build_metadata() {
    let v = zmq::version();
    println!("linked libzmq {v} (vendored: {})", zmq::sys::vendored());
    assert_eq!(
        v.major * 10000 + v.minor * 100 + v.patch,
        build_version_number()
    );
    assert!(v >= zmq::Version::new(4, 3, 4));
}

#[test]
#[cfg_attr(
    not(zmq_vendored),
    ignore = "links a system libzmq, not the bundled one"
)]
fn vendored_build_is_4_3_5_with_curve() {
    assert!(
        zmq::sys::vendored(),
        "the build script compiled the bundled libzmq"
    );
    assert_eq!(zmq::version(), zmq::Version::new(4, 3, 5));
    assert_eq!(zmq::has("curve"), cfg!(feature = "curve"));
    assert!(zmq::has("ipc"));
}

#[test]
fn draft_feature_matches_library() {
    // A `draft` build links a library with the draft API; without the feature
    // the bundled build leaves it out (a system library may have it anyway).
    if cfg!(feature = "draft") {
        assert!(zmq::has("draft"));
    } else if zmq::sys::vendored() {
        assert!(!zmq::has("draft"));
    }
}

#[test]
fn unknown_capabilities_are_absent() {
    assert!(!zmq::has("no-such-thing"));
    assert!(!zmq::has("cur\0ve"));
    assert!(!zmq::has(""));
}
