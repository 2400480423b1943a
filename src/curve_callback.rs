//! [`CurveCallback`]: a function that judges CURVE clients for the ZAP
//! [`Authenticator`](crate::Authenticator) (beneath `auth`, which holds it in
//! a [`CurvePolicy`](crate::CurvePolicy)).

use crate::socket::CurveKey;
use std::fmt;
use std::sync::Arc;

/// Decides on CURVE clients by their public key: `Some(user_id)` accepts
/// the client (the `User-Id` its messages carry), `None` refuses it
/// (pyzmq's `configure_curve_callback` with `curve_user_id`). See
/// [`Authenticator::configure_curve_callback`](crate::Authenticator::configure_curve_callback).
///
/// ```
/// use zmq::{CurveCallback, CurveKeyPair, CurvePolicy};
///
/// let alice = CurveKeyPair::new()?.public;
/// let known = CurveCallback::new(move |key| (*key == alice).then(|| "alice".to_string()));
/// assert_eq!(known.decide(&alice).as_deref(), Some("alice"));
/// assert_eq!(known.decide(&CurveKeyPair::new()?.public), None);
///
/// let ctx = zmq::Context::new();
/// let auth = zmq::Authenticator::start(&ctx)?;
/// auth.update("*", |p| p.curve = CurvePolicy::Callback(known));
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Clone)]
pub struct CurveCallback(Arc<Decide>);

/// The function inside a [`CurveCallback`].
type Decide = dyn Fn(&CurveKey) -> Option<String> + Send + Sync;

impl CurveCallback {
    /// Wraps a decision function (see [`CurveCallback`]).
    ///
    /// ```
    /// let anyone = zmq::CurveCallback::new(|key| Some(key.to_z85()));
    /// # let _ = anyone;
    /// ```
    pub fn new(f: impl Fn(&CurveKey) -> Option<String> + Send + Sync + 'static) -> CurveCallback {
        CurveCallback(Arc::new(f))
    }

    /// Asks the function about `key`.
    pub fn decide(&self, key: &CurveKey) -> Option<String> {
        (self.0)(key)
    }
}

impl fmt::Debug for CurveCallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CurveCallback(..)")
    }
}

/// Two callbacks are equal when they are the same function object.
impl PartialEq for CurveCallback {
    fn eq(&self, other: &CurveCallback) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for CurveCallback {}
