//! Authenticator settings from pyzmq that build on other modules: CURVE
//! clients from a directory of certificate files (`configure_curve` with a
//! location) and a per-key callback (`configure_curve_callback`).

use crate::auth::{Authenticator, CurvePolicy, check_domain};
use crate::cert::{CertError, load_certificates};
use crate::curve_callback::CurveCallback;
use crate::error::Result as ZmqResult;
use crate::socket::CurveKey;
use std::collections::HashSet;
use std::path::Path;

impl Authenticator {
    /// Accepts the CURVE clients of `domain` whose public key is in one of
    /// the `*.key` certificates in `dir`, and only those (pyzmq's
    /// `configure_curve(domain, location)`). Call it again to reload the
    /// directory after certificates were added or removed: the new set
    /// replaces the old one at once. Returns how many keys were loaded; on
    /// an error (naming the bad file) the policy is left as it was.
    ///
    /// ```
    /// use zmq::cert;
    ///
    /// let dir = std::env::temp_dir().join(format!("zmq-doc-configure-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// cert::create_certificates(&dir, "alice", &[])?; // alice.key, alice.key_secret
    /// cert::create_certificates(&dir, "bob", &[])?;
    /// let ctx = zmq::Context::new();
    /// let auth = zmq::Authenticator::start(&ctx)?;
    /// assert_eq!(auth.configure_curve("*", &dir)?, 2); // the two public keys
    /// std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn configure_curve(&self, domain: &str, dir: impl AsRef<Path>) -> Result<usize, CertError> {
        check_domain(domain).map_err(|_| CertError::DomainTooLong { len: domain.len() })?;
        let keys: HashSet<CurveKey> = load_certificates(dir)?
            .into_iter()
            .map(|c| c.public)
            .collect();
        let n = keys.len();
        self.update(domain, |p| p.curve = CurvePolicy::Keys(keys));
        Ok(n)
    }

    /// Lets `decide` judge each CURVE client of `domain` by its public key
    /// (pyzmq's `configure_curve_callback`, with the user id of
    /// `curve_user_id`): `Some(user_id)` accepts the client and sets the
    /// `User-Id` property of its messages, `None` refuses it. A domain over
    /// 255 bytes is [`Error::InvalidArgument`](crate::Error::InvalidArgument).
    ///
    /// The function runs on the authenticator's thread while it holds the
    /// policies: it must not call this `Authenticator`'s methods.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let auth = zmq::Authenticator::start(&ctx)?;
    /// let friend = zmq::CurveKeyPair::new()?.public;
    /// auth.configure_curve_callback("*", move |key| (*key == friend).then(|| "friend".to_string()))?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn configure_curve_callback(
        &self,
        domain: &str,
        decide: impl Fn(&CurveKey) -> Option<String> + Send + Sync + 'static,
    ) -> ZmqResult<()> {
        check_domain(domain)?;
        let callback = CurveCallback::new(decide);
        self.update(domain, |p| p.curve = CurvePolicy::Callback(callback));
        Ok(())
    }
}
