//! Compile-fail tests: every `fail/*.rs` must fail to compile, with the
//! error recorded next to it in the `.stderr` file (written against the
//! toolchain pinned in rust-toolchain.toml; regenerate with
//! `TRYBUILD=overwrite cargo test -p zmq-compile-fail`).
//!
//! They check the API's types, which do not depend on the linked libzmq.
//! trybuild type-checks each case in a project of its own, with its own
//! target directory (`target/tests/trybuild`), where zmq-sys would compile
//! the bundled C libraries a second time: `ZMQ_SYS_CHECK_ONLY=1` tells its
//! build script to compile and link nothing there. The cases see the `zmq`
//! of this package's manifest (default features, no `draft`), whatever
//! features the outer build has.

#[test]
fn misuse_does_not_compile() {
    // SAFETY: the only test of this binary, run before trybuild starts any
    // thread or child process; nothing else reads the environment
    // concurrently.
    unsafe { std::env::set_var("ZMQ_SYS_CHECK_ONLY", "1") };
    let t = trybuild::TestCases::new();
    t.compile_fail("fail/*.rs");
}
