//! CURVE certificate files: create, save, load, directory stores, errors.

mod common;

use common::temp_dir;
use std::path::PathBuf;
use zmq::cert::{self, CertError, Certificate};

#[test]
#[cfg_attr(
    not(zmq_curve),
    ignore = "the linked libzmq has no CURVE (or the build could not tell)"
)]
fn create_certificates_writes_a_public_and_a_private_secret_file() {
    assert!(
        zmq::has("curve"),
        "the build script found CURVE, the library has none"
    );
    let dir = temp_dir("create");
    let (public, secret) =
        cert::create_certificates(&dir, "server.v2", &[("name", "server")]).unwrap();
    assert_eq!(public, dir.join("server.v2.key"));
    assert_eq!(secret, dir.join("server.v2.key_secret"));

    let p = Certificate::load(&public).unwrap();
    let s = Certificate::load(&secret).unwrap();
    assert_eq!(p.public, s.public);
    assert_eq!(p.secret, None);
    let keys = s.keypair().expect("secret certificate");
    assert_eq!(zmq::curve_public(&keys.secret).unwrap(), keys.public);
    assert_eq!(s.meta("name"), Some("server"));
    assert!(
        !std::fs::read_to_string(&public)
            .unwrap()
            .contains("secret-key")
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&secret), 0o600);
        // Saving over a file with a wider mode narrows it.
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
        s.save_secret(&secret).unwrap();
        assert_eq!(mode(&secret), 0o600);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[cfg_attr(
    not(zmq_curve),
    ignore = "the linked libzmq has no CURVE (or the build could not tell)"
)]
fn load_certificates_reads_every_public_file_of_a_directory() {
    assert!(
        zmq::has("curve"),
        "the build script found CURVE, the library has none"
    );
    let dir = temp_dir("store");
    let mut made = Vec::new();
    for name in ["a", "b", "c"] {
        let (public, _) = cert::create_certificates(&dir, name, &[]).unwrap();
        made.push(Certificate::load(public).unwrap().public);
    }
    std::fs::write(dir.join("notes.txt"), "not a certificate").unwrap();
    let loaded: Vec<_> = cert::load_certificates(&dir)
        .unwrap()
        .into_iter()
        .map(|c| c.public)
        .collect();
    assert_eq!(loaded, made, "sorted by file name, *.key only");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_and_malformed_files_are_errors_that_name_them() {
    let dir = temp_dir("bad");
    let missing = dir.join("missing.key");
    let err = Certificate::load(&missing).unwrap_err();
    assert!(matches!(err, CertError::Io { ref path, .. } if *path == missing));
    assert!(err.to_string().contains("missing.key"));

    let bad = dir.join("bad.key");
    std::fs::write(
        &bad,
        "# comment\nmetadata\ncurve\n    public-key = \"tooshort\"\n",
    )
    .unwrap();
    let err = Certificate::load(&bad).unwrap_err();
    assert!(
        matches!(
            err,
            CertError::InvalidKey {
                line: 4,
                key: "public-key",
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with(&format!("{}:4:", bad.display()))
    );

    std::fs::write(&bad, "metadata\n    name = \"x\"\n").unwrap();
    assert!(matches!(
        Certificate::load(&bad),
        Err(CertError::MissingPublicKey { .. })
    ));
    let err = cert::load_certificates(&dir).unwrap_err();
    assert!(err.to_string().contains("bad.key"));
    let io: std::io::Error = err.into();
    assert_eq!(io.kind(), std::io::ErrorKind::InvalidData);
    std::fs::remove_dir_all(&dir).unwrap();
}
