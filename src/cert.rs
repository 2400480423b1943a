//! CURVE certificate files ([`Certificate`]), in the ZPL text format of
//! czmq's `zcert` and pyzmq's `zmq.auth.certs`, so that certificates can be
//! exchanged with both. [`Authenticator::configure_curve`](crate::Authenticator::configure_curve)
//! allows the clients of a directory of public certificates.
//!
//! A certificate is a key pair and some metadata. It is stored as two files:
//! `NAME.key` holds the public key (give it to peers) and `NAME.key_secret`
//! both keys (keep it; it is created readable by its owner only):
//!
//! ```text
//! #   ****  Generated on 2026-01-01 00:00:00 UTC by zmq (Rust)  ****
//! #   ZeroMQ CURVE **Secret** Certificate
//! #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.
//!
//! metadata
//!     name = "server"
//! curve
//!     public-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
//!     secret-key = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"
//! ```
//!
//! ```no_run
//! use zmq::cert::{self, Certificate};
//!
//! let (public_file, secret_file) = cert::create_certificates("certs", "server", &[("name", "server")])?;
//! let server = Certificate::load(&secret_file)?;
//! let keys = server.keypair().expect("a secret certificate");
//! let clients = cert::load_certificates("public_keys")?; // every *.key file
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::curve::CurveKeyPair;
use crate::socket::CurveKey;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a certificate could not be read or written. Every variant names the
/// file; parse errors also the line (1-based).
///
/// ```
/// use zmq::cert::{CertError, Certificate};
///
/// let path = std::env::temp_dir().join(format!("zmq-doc-cert-error-{}.key", std::process::id()));
/// std::fs::write(&path, "curve\n    public-key = \"too short\"\n")?;
/// match Certificate::load(&path) {
///     Err(CertError::InvalidKey { line, key, .. }) => assert_eq!((line, key), (2, "public-key")),
///     other => panic!("{other:?}"),
/// }
/// std::fs::remove_file(&path)?;
/// assert!(matches!(Certificate::load(&path), Err(CertError::Io { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CertError {
    /// The file (or directory) could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// A line is not valid ZPL, or a value cannot be written as ZPL.
    #[error("{}:{line}: {reason}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The line (1-based; 0 when writing).
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A `public-key` or `secret-key` is not 40 characters of Z85.
    #[error("{}:{line}: {key} is not a 40-character Z85 CURVE key", path.display())]
    InvalidKey {
        /// The file.
        path: PathBuf,
        /// The line (1-based).
        line: usize,
        /// `public-key` or `secret-key`.
        key: &'static str,
    },
    /// A ZAP domain longer than the 255 bytes ZAP can carry (from
    /// [`Authenticator::configure_curve`](crate::Authenticator::configure_curve)).
    #[error("ZAP domain of {len} bytes: at most 255")]
    DomainTooLong {
        /// The domain's length.
        len: usize,
    },
    /// The file has no `curve` / `public-key` entry.
    #[error("{}: no public key found (a `curve` section with `public-key`)", path.display())]
    MissingPublicKey {
        /// The file.
        path: PathBuf,
    },
}

impl From<CertError> for io::Error {
    fn from(e: CertError) -> io::Error {
        match e {
            CertError::Io { source, .. } => source,
            other => io::Error::new(io::ErrorKind::InvalidData, other),
        }
    }
}

/// A CURVE certificate: a public key, maybe its secret key, and metadata
/// (czmq's `zcert`; pyzmq's `create_certificates` / `load_certificate`).
///
/// ```
/// use zmq::cert::Certificate;
/// let mut cert = Certificate::new()?;
/// cert.set_meta("name", "worker-1");
/// let text = cert.to_public_zpl().unwrap();
/// let back = Certificate::from_zpl(&text).unwrap();
/// assert_eq!(back.public, cert.public);
/// assert_eq!(back.secret, None); // the public file holds no secret
/// assert_eq!(back.meta("name"), Some("worker-1"));
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The public key.
    pub public: CurveKey,
    /// The secret key (only in secret certificates).
    pub secret: Option<CurveKey>,
    /// The `metadata` section, in file order.
    pub metadata: Vec<(String, String)>,
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("public", &self.public)
            .field("secret", &self.secret.map(|_| "<hidden>"))
            .field("metadata", &self.metadata)
            .finish()
    }
}

impl From<CurveKeyPair> for Certificate {
    fn from(keys: CurveKeyPair) -> Certificate {
        Certificate {
            public: keys.public,
            secret: Some(keys.secret),
            metadata: Vec::new(),
        }
    }
}

/// A name the ZPL format accepts: letters, digits and `$-_@.&+/`.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"$-_@.&+/".contains(&b))
}

impl Certificate {
    /// A certificate with a new random key pair (`zmq_curve_keypair`).
    ///
    /// ```
    /// let mut cert = zmq::cert::Certificate::new()?;
    /// cert.set_meta("name", "server");
    /// assert!(cert.keypair().is_some()); // it has the secret key
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn new() -> crate::Result<Certificate> {
        CurveKeyPair::new().map(Certificate::from)
    }

    /// A public certificate (no secret key), such as a peer's.
    pub fn from_public(public: CurveKey) -> Certificate {
        Certificate {
            public,
            secret: None,
            metadata: Vec::new(),
        }
    }

    /// The key pair, if this certificate has the secret key.
    pub fn keypair(&self) -> Option<CurveKeyPair> {
        self.secret.map(|secret| CurveKeyPair {
            public: self.public,
            secret,
        })
    }

    /// A metadata value.
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.metadata
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Sets a metadata value (replacing one of the same name).
    pub fn set_meta(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let (name, value) = (name.into(), value.into());
        match self.metadata.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = value,
            None => self.metadata.push((name, value)),
        }
    }

    /// Reads a certificate file (pyzmq's `load_certificate`): a public one
    /// gives `secret: None`. Errors name the file and the line.
    ///
    /// ```
    /// use zmq::cert::{self, Certificate};
    ///
    /// let dir = std::env::temp_dir().join(format!("zmq-doc-load-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let (public, secret) = cert::create_certificates(&dir, "server", &[])?;
    /// let server = Certificate::load(&secret)?;
    /// let keys = server.keypair().expect("the secret file has both keys");
    /// let rep = zmq::Context::new().socket::<zmq::Rep>()?;
    /// rep.set_curve_server_keys(&keys)?;
    /// assert_eq!(Certificate::load(&public)?.secret, None);
    /// std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Certificate, CertError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| CertError::Io {
            path: path.to_owned(),
            source,
        })?;
        parse(&text, path)
    }

    /// Parses the ZPL text of a certificate (errors name the file as
    /// `<text>`).
    pub fn from_zpl(text: &str) -> Result<Certificate, CertError> {
        parse(text, Path::new("<text>"))
    }

    /// The public certificate's text: metadata and the public key only.
    /// An error when a metadata name or value cannot be written in ZPL.
    pub fn to_public_zpl(&self) -> Result<String, CertError> {
        self.render(false)
    }

    /// The secret certificate's text: metadata and both keys. `None` when
    /// the certificate has no secret key.
    pub fn to_secret_zpl(&self) -> Option<Result<String, CertError>> {
        self.secret.is_some().then(|| self.render(true))
    }

    /// Writes the public certificate to `path` (czmq's `zcert_save_public`).
    pub fn save_public(&self, path: impl AsRef<Path>) -> Result<(), CertError> {
        let text = self.to_public_zpl()?;
        write_file(path.as_ref(), &text, false)
    }

    /// Writes the secret certificate to `path`, readable and writable by its
    /// owner only (mode 0600 on Unix). A certificate without a secret key is
    /// a [`CertError::Syntax`] error (line 0).
    pub fn save_secret(&self, path: impl AsRef<Path>) -> Result<(), CertError> {
        let path = path.as_ref();
        let text = self.to_secret_zpl().ok_or_else(|| CertError::Syntax {
            path: path.to_owned(),
            line: 0,
            reason: "the certificate has no secret key".into(),
        })??;
        write_file(path, &text, true)
    }

    /// Writes `NAME.key` (public) and `NAME.key_secret` (secret, if this
    /// certificate has the secret key) in `dir`, pyzmq's and czmq's naming.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("zmq-doc-save-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let cert = zmq::cert::Certificate::new()?;
    /// let (public, secret) = cert.save(&dir, "client")?;
    /// assert_eq!(public, dir.join("client.key"));
    /// assert_eq!(secret, dir.join("client.key_secret"));
    /// std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save(&self, dir: impl AsRef<Path>, name: &str) -> Result<(PathBuf, PathBuf), CertError> {
        let dir = dir.as_ref();
        let public = dir.join(format!("{name}.key"));
        let secret = dir.join(format!("{name}.key_secret"));
        self.save_public(&public)?;
        if self.secret.is_some() {
            self.save_secret(&secret)?;
        }
        Ok((public, secret))
    }

    fn render(&self, with_secret: bool) -> Result<String, CertError> {
        let bad = |reason: String| CertError::Syntax {
            path: PathBuf::from("<text>"),
            line: 0,
            reason,
        };
        let mut out = String::new();
        out.push_str(&format!(
            "#   ****  Generated on {} by zmq (Rust)  ****\n",
            utc_now()
        ));
        if with_secret {
            out.push_str(
                "#   ZeroMQ CURVE **Secret** Certificate\n\
                 #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n\n",
            );
        } else {
            out.push_str(
                "#   ZeroMQ CURVE Public Certificate\n\
                 #   Exchange securely, or use a secure mechanism to verify the contents\n\
                 #   of this file after exchange. Store public certificates in your home\n\
                 #   directory, in the .curve subdirectory.\n\n",
            );
        }
        out.push_str("metadata\n");
        for (name, value) in &self.metadata {
            if !valid_name(name) {
                return Err(bad(format!("metadata name {name:?} is not a ZPL name")));
            }
            let quote = if !value.contains('"') {
                '"'
            } else if !value.contains('\'') {
                '\''
            } else {
                return Err(bad(format!("metadata {name}: value has both quote kinds")));
            };
            if value.contains(['\n', '\r']) {
                return Err(bad(format!("metadata {name}: value has a line break")));
            }
            out.push_str(&format!("    {name} = {quote}{value}{quote}\n"));
        }
        out.push_str("curve\n");
        out.push_str(&format!("    public-key = \"{}\"\n", self.public.to_z85()));
        if let (true, Some(secret)) = (with_secret, self.secret) {
            out.push_str(&format!("    secret-key = \"{}\"\n", secret.to_z85()));
        }
        Ok(out)
    }
}

/// Creates a new certificate in `dir` (pyzmq's `create_certificates`):
/// `NAME.key` and `NAME.key_secret`, with `metadata` in the secret file
/// (and in the public one, as czmq does). Returns both paths.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("zmq-doc-create-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let (public, secret) = zmq::cert::create_certificates(&dir, "server", &[("name", "server")])?;
/// let cert = zmq::cert::Certificate::load(&secret)?;
/// assert_eq!(cert.meta("name"), Some("server"));
/// assert!(public.exists());
/// std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn create_certificates(
    dir: impl AsRef<Path>,
    name: &str,
    metadata: &[(&str, &str)],
) -> Result<(PathBuf, PathBuf), CertError> {
    let dir = dir.as_ref();
    let mut cert = Certificate::new().map_err(|e| CertError::Io {
        path: dir.to_owned(),
        source: e.into(),
    })?;
    for (n, v) in metadata {
        cert.set_meta(*n, *v);
    }
    cert.save(dir, name)
}

/// Every certificate of the `*.key` files in `dir` (pyzmq's
/// `load_certificates`, czmq's public certificate store), sorted by file
/// name. One malformed file fails the whole load, naming it.
///
/// ```
/// use zmq::cert;
///
/// let dir = std::env::temp_dir().join(format!("zmq-doc-load-all-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// for name in ["alice", "bob"] {
///     cert::create_certificates(&dir, name, &[])?;
/// }
/// let clients = cert::load_certificates(&dir)?; // the public *.key files
/// assert_eq!(clients.len(), 2);
/// assert!(clients.iter().all(|c| c.secret.is_none()));
/// std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn load_certificates(dir: impl AsRef<Path>) -> Result<Vec<Certificate>, CertError> {
    let dir = dir.as_ref();
    let io_err = |source| CertError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io_err)? {
        let path = entry.map_err(io_err)?.path();
        if path.extension().is_some_and(|e| e == "key") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    files.iter().map(Certificate::load).collect()
}

fn write_file(path: &Path, text: &str, private: bool) -> Result<(), CertError> {
    let io_err = |source| CertError::Io {
        path: path.to_owned(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(io_err)?;
    #[cfg(unix)]
    if private {
        // An existing file keeps its mode through `open`: set it.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(io_err)?;
    }
    #[cfg(not(unix))]
    let _ = private;
    file.write_all(text.as_bytes()).map_err(io_err)
}

/// The current UTC time as `YYYY-MM-DD HH:MM:SS UTC`, for the banner.
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Parses a certificate in ZPL: sections at indent 0, `name = value` lines
/// indented by 4 spaces per level, `#` comments, values quoted with `"` or
/// `'` or bare (pyzmq writes bare metadata values, up to the line end).
fn parse(text: &str, path: &Path) -> Result<Certificate, CertError> {
    let syntax = |line: usize, reason: &str| CertError::Syntax {
        path: path.to_owned(),
        line,
        reason: reason.to_owned(),
    };
    let mut section = String::new();
    let mut public = None;
    let mut secret = None;
    let mut metadata = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let n = index + 1;
        let line = raw.trim_end();
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if body.starts_with('\t') {
            return Err(syntax(n, "tab in indentation (ZPL indents with 4 spaces)"));
        }
        let indent = line.len() - body.len();
        if indent % 4 != 0 {
            return Err(syntax(n, "indentation is not a multiple of 4 spaces"));
        }
        let (name, value) = match body.split_once('=') {
            Some((name, value)) => (
                name.trim_end(),
                Some(parse_value(value.trim_start(), n, &syntax)?),
            ),
            None => (strip_comment(body).trim_end(), None),
        };
        if !valid_name(name) {
            return Err(syntax(n, &format!("{name:?} is not a ZPL name")));
        }
        if indent > 0 && section.is_empty() {
            return Err(syntax(n, "indented entry outside any section"));
        }
        match (indent / 4, value) {
            (0, _) => section = name.to_owned(),
            (1, Some(value)) => match (section.as_str(), name) {
                ("curve", "public-key") => public = Some(key(&value, n, "public-key", path)?),
                ("curve", "secret-key") => secret = Some(key(&value, n, "secret-key", path)?),
                ("metadata", _) => metadata.push((name.to_owned(), value)),
                _ => {}
            },
            _ => {} // deeper levels and bare names: allowed, unused
        }
    }
    let public = public.ok_or_else(|| CertError::MissingPublicKey {
        path: path.to_owned(),
    })?;
    Ok(Certificate {
        public,
        secret,
        metadata,
    })
}

/// `s` up to a comment: a `#` at the start or after white space (Z85 keys
/// may contain `#`).
fn strip_comment(s: &str) -> &str {
    let bytes = s.as_bytes();
    let at = (0..bytes.len())
        .find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()));
    at.map_or(s, |i| &s[..i])
}

/// A value after `=`: quoted (then only a comment may follow) or bare.
fn parse_value(
    value: &str,
    n: usize,
    syntax: &dyn Fn(usize, &str) -> CertError,
) -> Result<String, CertError> {
    let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return Ok(strip_comment(value).trim_end().to_owned());
    };
    let rest = &value[1..];
    let end = rest
        .find(quote)
        .ok_or_else(|| syntax(n, "unterminated quoted value"))?;
    let after = rest[end + 1..].trim_start();
    if !after.is_empty() && !after.starts_with('#') {
        return Err(syntax(n, "text after the quoted value"));
    }
    Ok(rest[..end].to_owned())
}

fn key(value: &str, line: usize, name: &'static str, path: &Path) -> Result<CurveKey, CertError> {
    if value.len() != 40 {
        return Err(CertError::InvalidKey {
            path: path.to_owned(),
            line,
            key: name,
        });
    }
    CurveKey::from_z85(value).map_err(|_| CertError::InvalidKey {
        path: path.to_owned(),
        line,
        key: name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC: &str = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
    const SECRET: &str = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";

    #[test]
    fn parses_czmq_and_pyzmq_layouts() {
        let czmq = format!(
            "#   ZeroMQ CURVE **Secret** Certificate\n\nmetadata\n    name = \"my server\" # comment\n    \
             email = 'a@b'\ncurve\n    public-key = \"{PUBLIC}\"\n    secret-key = \"{SECRET}\"\n"
        );
        let c = Certificate::from_zpl(&czmq).unwrap();
        assert_eq!(c.public.to_z85(), PUBLIC);
        assert_eq!(c.secret.unwrap().to_z85(), SECRET);
        assert_eq!(c.meta("name"), Some("my server"));
        assert_eq!(c.meta("email"), Some("a@b"));
        // pyzmq: bare metadata values, CRLF line ends tolerated.
        let py = format!(
            "metadata\r\n    owner = John Doe\r\ncurve\r\n    public-key = \"{PUBLIC}\"\r\n"
        );
        let c = Certificate::from_zpl(&py).unwrap();
        assert_eq!(c.meta("owner"), Some("John Doe"));
        assert_eq!(c.secret, None);
    }

    #[test]
    fn round_trips_through_text() {
        let mut c = Certificate::from_public(CurveKey::from_z85(PUBLIC).unwrap());
        c.secret = Some(CurveKey::from_z85(SECRET).unwrap());
        c.set_meta("name", "it's \"quoted\"".replace('\'', ""));
        let text = c.to_secret_zpl().unwrap().unwrap();
        assert_eq!(Certificate::from_zpl(&text).unwrap(), c);
        let public = Certificate::from_zpl(&c.to_public_zpl().unwrap()).unwrap();
        assert_eq!(public.secret, None);
        assert_eq!(public.public, c.public);
        c.set_meta("bad", "both ' and \"");
        assert!(c.to_public_zpl().is_err());
    }

    #[test]
    fn malformed_files_name_the_line() {
        let cases: [(&str, usize); 6] = [
            ("curve\n  public-key = \"x\"\n", 2),
            ("curve\n    public-key = \"short\"\n", 2),
            ("curve\n    public-key = \"unterminated\n", 2),
            ("metadata\n    na me = 1\n", 2),
            ("    orphan = 1\n", 1),
            ("curve\n\tpublic-key = \"x\"\n", 2),
        ];
        for (text, line) in cases {
            let err = Certificate::from_zpl(text).unwrap_err();
            assert!(
                err.to_string().starts_with(&format!("<text>:{line}: ")),
                "{text:?}: {err}"
            );
        }
        let err = Certificate::from_zpl("metadata\ncurve\n").unwrap_err();
        assert!(matches!(err, CertError::MissingPublicKey { .. }));
    }

    #[test]
    fn banner_date_is_a_civil_date() {
        let now = utc_now();
        assert_eq!(now.len(), "2026-01-01 00:00:00 UTC".len());
        assert!(now.starts_with("20"));
    }
}
