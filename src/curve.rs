//! CURVE key pairs ([`CurveKeyPair`]) and [`curve_public`].

use crate::error::{Error, Result, check};
use crate::socket::CurveKey;
use std::ffi::{CString, c_char};

/// A CURVE key pair (`zmq_curve_keypair`).
///
/// ```
/// if zmq::has("curve") {
///     let server = zmq::CurveKeyPair::new()?;
///     assert_eq!(zmq::curve_public(&server.secret)?, server.public);
/// }
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CurveKeyPair {
    /// The public key, to give to peers.
    pub public: CurveKey,
    /// The secret key, to keep.
    pub secret: CurveKey,
}

impl std::fmt::Debug for CurveKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CurveKeyPair")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl CurveKeyPair {
    /// A new random key pair; [`Error::NotSupported`] when the linked libzmq
    /// has no CURVE (see [`has("curve")`](crate::has)).
    ///
    /// ```
    /// let server = zmq::CurveKeyPair::new()?;
    /// let rep = zmq::Context::new().socket::<zmq::Rep>()?;
    /// rep.set_curve_server_keys(&server)?;
    /// let for_clients: String = server.public.to_z85(); // publish this; keep `secret`
    /// # let _ = for_clients;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn new() -> Result<CurveKeyPair> {
        let mut public = [0 as c_char; 41];
        let mut secret = [0 as c_char; 41];
        // SAFETY: both buffers hold 40 Z85 characters and the NUL.
        check(unsafe { zmq_sys::zmq_curve_keypair(public.as_mut_ptr(), secret.as_mut_ptr()) })?;
        Ok(CurveKeyPair {
            public: key_from_z85_buf(&public)?,
            secret: key_from_z85_buf(&secret)?,
        })
    }

    /// A key pair from a known secret key (its public key is derived).
    pub fn from_secret(secret: CurveKey) -> Result<CurveKeyPair> {
        Ok(CurveKeyPair {
            public: curve_public(&secret)?,
            secret,
        })
    }
}

/// The public key of a secret key (`zmq_curve_public`).
///
/// ```
/// let pair = zmq::CurveKeyPair::new()?; // NotSupported without CURVE
/// assert_eq!(zmq::curve_public(&pair.secret)?, pair.public);
/// # Ok::<(), zmq::Error>(())
/// ```
pub fn curve_public(secret: &CurveKey) -> Result<CurveKey> {
    let secret_text = CString::new(secret.to_z85()).map_err(|_| Error::InvalidArgument)?;
    let mut public = [0 as c_char; 41];
    // SAFETY: `public` holds 40 characters and the NUL; the secret is a
    // NUL-terminated 40-character Z85 string.
    check(unsafe { zmq_sys::zmq_curve_public(public.as_mut_ptr(), secret_text.as_ptr()) })?;
    key_from_z85_buf(&public)
}

fn key_from_z85_buf(buf: &[c_char; 41]) -> Result<CurveKey> {
    let bytes: Vec<u8> = buf[..40].iter().map(|&c| c as u8).collect();
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::InvalidArgument)?;
    CurveKey::from_z85(text)
}
