//! Proves that the committed bindings (`src/stable.rs`, `src/draft.rs`) are
//! exactly what bindgen generates now from the bundled `zmq.h`.
//!
//! Needs feature `bindgen` (and so libclang): the build script then runs
//! the crate's one bindgen configuration (`build/bindings.rs`) on the bundled
//! header into `OUT_DIR/bundled/`, whatever libzmq is linked. With
//! `ZMQ_SYS_REGENERATE=1` the test rewrites the committed files instead
//! (that is what `regen-bindings.sh` does).

use std::path::Path;

const FRESH: [(&str, &str); 2] = [
    (
        "src/stable.rs",
        include_str!(concat!(env!("OUT_DIR"), "/bundled/stable.rs")),
    ),
    (
        "src/draft.rs",
        include_str!(concat!(env!("OUT_DIR"), "/bundled/draft.rs")),
    ),
];

#[test]
fn committed_bindings_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let regenerate = std::env::var_os("ZMQ_SYS_REGENERATE").is_some();
    for (path, fresh) in FRESH {
        let path = root.join(path);
        if regenerate {
            std::fs::write(&path, fresh).expect("write bindings");
            continue;
        }
        let committed = std::fs::read_to_string(&path).expect("read committed bindings");
        assert!(
            committed == fresh,
            "{} differs from a fresh bindgen run; run zmq-sys/regen-bindings.sh",
            path.display()
        );
    }
}
