//! Proves that the committed bindings (`src/stable.rs`, `src/draft.rs`) are
//! exactly what bindgen generates now from the bundled `zmq.h`.
//!
//! With `ZMQ_SYS_REGENERATE=1` it rewrites them instead (that is what
//! `regen-bindings.sh` does). Skipped, loudly, only when libclang is absent,
//! and never when `ZMQ_SYS_REQUIRE_CLANG` is set (CI sets it).

#[allow(dead_code, missing_docs)]
#[path = "../build/bindings.rs"]
mod bindings;

use std::path::PathBuf;

#[test]
fn committed_bindings_are_fresh() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let header = root.join("../vendor/libzmq/include/zmq.h");
    if !clang_available() {
        assert!(
            std::env::var_os("ZMQ_SYS_REQUIRE_CLANG").is_none(),
            "ZMQ_SYS_REQUIRE_CLANG is set but libclang is missing"
        );
        eprintln!("SKIPPED: libclang not found; install libclang-dev to check the bindings");
        return;
    }
    let generated = bindings::generate(&header).expect("bindgen runs");
    let files = [
        ("src/stable.rs", generated.stable),
        ("src/draft.rs", generated.draft),
    ];
    let regenerate = std::env::var_os("ZMQ_SYS_REGENERATE").is_some();
    for (path, fresh) in files {
        let path = root.join(path);
        if regenerate {
            std::fs::write(&path, &fresh).expect("write bindings");
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

fn clang_available() -> bool {
    // bindgen loads libclang at run time; look where clang-sys looks.
    if std::env::var_os("LIBCLANG_PATH").is_some() {
        return true;
    }
    [
        "/usr/lib",
        "/usr/lib64",
        "/usr/local/lib",
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu",
    ]
    .iter()
    .map(PathBuf::from)
    .chain(
        std::fs::read_dir("/usr/lib")
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path().join("lib")),
    )
    .any(|dir| {
        std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                e.file_name().to_string_lossy().starts_with("libclang")
                    && e.file_name().to_string_lossy().contains(".so")
            })
    })
}
