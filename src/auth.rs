//! The ZAP authenticator ([`Authenticator`], like pyzmq's
//! `ThreadAuthenticator`) and socket-side security conveniences.
//!
//! ZAP (ZeroMQ RFC 27) lets a context delegate authentication of incoming
//! connections to a handler bound at `inproc://zeromq.zap.01`. Without a
//! handler libzmq accepts every PLAIN and CURVE client; with one, each
//! handshake of a PLAIN or CURVE server socket (and of a NULL socket that
//! has a ZAP domain) waits for the handler's verdict.

use crate::curve::CurveKeyPair;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::poll::{PollEvents, PollSet};
use crate::socket::{CurveKey, Pair, Rep, Socket, SocketType};
use crate::{Context, Multipart};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// The endpoint libzmq sends ZAP requests to; [`Authenticator::start`]
/// binds it, so a second handler in the same context cannot.
///
/// ```
/// let ctx = zmq::Context::new();
/// let _auth = zmq::Authenticator::start(&ctx)?;
/// let other = ctx.socket::<zmq::Rep>()?;
/// let err = other.bind(zmq::ZAP_ENDPOINT).unwrap_err();
/// assert_eq!(err.cause(), &zmq::Error::AddressInUse);
/// # Ok::<(), zmq::Error>(())
/// ```
pub const ZAP_ENDPOINT: &str = "inproc://zeromq.zap.01";

/// The domain whose policy applies to every domain without its own.
///
/// ```
/// let ctx = zmq::Context::new();
/// let auth = zmq::Authenticator::start(&ctx)?;
/// auth.add_plain_user(zmq::ANY_DOMAIN, "admin", "secret")?; // same as "*"
/// assert!(auth.policy("*").is_some());
/// # Ok::<(), zmq::Error>(())
/// ```
pub const ANY_DOMAIN: &str = "*";

/// Which CURVE clients a domain accepts.
///
/// ```
/// let ctx = zmq::Context::new();
/// let auth = zmq::Authenticator::start(&ctx)?;
/// let client = zmq::CurveKeyPair::new()?;
/// auth.allow_curve_keys("*", [client.public])?;
/// assert!(matches!(auth.policy("*").unwrap().curve, zmq::CurvePolicy::Keys(k) if k.len() == 1));
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum CurvePolicy {
    /// No CURVE client (the default).
    #[default]
    Deny,
    /// Any client that completes the CURVE handshake (it knows the
    /// server's public key), whatever its own key.
    AnyKey,
    /// Clients whose public key is in the set.
    Keys(HashSet<CurveKey>),
    /// Clients a function accepts, with the user id it gives (see
    /// [`Authenticator::configure_curve_callback`]).
    Callback(crate::curve_callback::CurveCallback),
}

/// The rules of one ZAP domain (see [`Authenticator`]).
///
/// ```
/// let ctx = zmq::Context::new();
/// let auth = zmq::Authenticator::start(&ctx)?;
/// auth.update("intranet", |p| {
///     p.allow.insert("127.0.0.1".parse().unwrap());
///     p.plain_users.insert("admin".into(), "secret".into());
/// });
/// assert_eq!(auth.policy("intranet").unwrap().plain_users.len(), 1);
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainPolicy {
    /// If not empty, only these peer addresses may connect.
    pub allow: HashSet<IpAddr>,
    /// These peer addresses may never connect.
    pub deny: HashSet<IpAddr>,
    /// PLAIN user names and their passwords; empty: PLAIN is refused.
    pub plain_users: HashMap<String, String>,
    /// Which CURVE clients are accepted.
    pub curve: CurvePolicy,
}

/// The verdict on one ZAP request.
#[derive(Debug, PartialEq, Eq)]
struct Verdict {
    status: &'static str,
    text: &'static str,
    user_id: Vec<u8>,
}

impl Verdict {
    fn ok(user_id: impl Into<Vec<u8>>) -> Verdict {
        Verdict {
            status: "200",
            text: "OK",
            user_id: user_id.into(),
        }
    }
    fn denied(text: &'static str) -> Verdict {
        Verdict {
            status: "400",
            text,
            user_id: Vec::new(),
        }
    }
}

impl DomainPolicy {
    /// Decides on a request: address rules first, then the mechanism's.
    fn judge(&self, address: &[u8], mechanism: &[u8], credentials: &[Message]) -> Verdict {
        let ip = std::str::from_utf8(address)
            .ok()
            .and_then(|a| a.parse::<IpAddr>().ok());
        if ip.is_some_and(|ip| self.deny.contains(&ip)) {
            return Verdict::denied("address denied");
        }
        if !self.allow.is_empty() && !ip.is_some_and(|ip| self.allow.contains(&ip)) {
            return Verdict::denied("address not allowed");
        }
        match (mechanism, credentials) {
            (b"NULL", []) => Verdict::ok(""),
            (b"PLAIN", [user, password]) => {
                let known = std::str::from_utf8(user)
                    .ok()
                    .and_then(|u| self.plain_users.get(u));
                if known.is_some_and(|p| p.as_bytes() == &password[..]) {
                    Verdict::ok(user.to_vec())
                } else {
                    Verdict::denied("invalid user name or password")
                }
            }
            (b"CURVE", [key]) => {
                let Ok(key) = <[u8; 32]>::try_from(&key[..]).map(CurveKey) else {
                    return Verdict::denied("malformed CURVE key");
                };
                let user_id = match &self.curve {
                    CurvePolicy::Deny => None,
                    CurvePolicy::AnyKey => Some(key.to_z85()),
                    CurvePolicy::Keys(keys) => keys.contains(&key).then(|| key.to_z85()),
                    CurvePolicy::Callback(decide) => decide.decide(&key),
                };
                match user_id {
                    Some(user_id) => Verdict::ok(user_id),
                    None => Verdict::denied("unknown CURVE key"),
                }
            }
            _ => Verdict::denied("mechanism not supported"),
        }
    }
}

/// Every domain's policy.
#[derive(Debug, Default)]
struct Policies {
    domains: HashMap<String, DomainPolicy>,
}

impl Policies {
    fn for_domain(&self, domain: &str) -> Option<&DomainPolicy> {
        self.domains
            .get(domain)
            .or_else(|| self.domains.get(ANY_DOMAIN))
    }
}

/// A ZAP handler running on its own thread inside a context, answering
/// `inproc://zeromq.zap.01` (pyzmq's `ThreadAuthenticator`, CZMQ's
/// `zauth`).
///
/// Each request is judged by the [`DomainPolicy`] of its ZAP domain (set on
/// the server socket with `set_zap_domain`), or by the policy of
/// [`ANY_DOMAIN`] (`"*"`) when the domain has none of its own:
///
/// 1. a peer address in `deny` is refused; when `allow` is not empty, an
///    address not in it is refused;
/// 2. NULL connections are then accepted; PLAIN ones when the user name and
///    password are in `plain_users`; CURVE ones by [`CurvePolicy`];
/// 3. a domain with no policy at all accepts NULL and refuses the rest.
///
/// Accepted PLAIN clients get their user name as `User-Id`, CURVE clients
/// the Z85 text of their public key (see [`Message::gets`]). Policies can be
/// changed while the authenticator runs; the next handshake sees the change.
/// One authenticator per context (a second fails with
/// [`Error::AddressInUse`]); dropping it stops the thread.
///
/// ```
/// use std::time::Duration;
/// use zmq::{Authenticator, Context, Pull, Push};
///
/// let ctx = Context::new();
/// let auth = Authenticator::start(&ctx)?;
/// auth.add_plain_user("*", "admin", "secret")?;
///
/// let server = ctx.socket::<Pull>()?;
/// server.set_plain_server(true)?;
/// server.bind("tcp://127.0.0.1:*")?;
/// let client = ctx.socket::<Push>()?;
/// client.set_plain_client("admin", "secret")?;
/// client.connect(&server.last_endpoint()?)?;
/// client.send("hello")?;
/// server.set_rcvtimeo(Some(Duration::from_secs(5)))?;
/// let msg = server.recv()?;
/// assert_eq!(msg.gets("User-Id"), Some("admin"));
/// # Ok::<(), zmq::Error>(())
/// ```
pub struct Authenticator {
    policies: Arc<Mutex<Policies>>,
    requests: Arc<AtomicUsize>,
    control: Socket<Pair>,
    thread: Option<JoinHandle<()>>,
}

impl fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authenticator")
            .field("policies", &*self.lock())
            .finish_non_exhaustive()
    }
}

impl Authenticator {
    /// Binds the ZAP endpoint in `ctx` and starts the handler thread. With
    /// no policy yet, NULL connections are accepted and PLAIN and CURVE ones
    /// refused.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let auth = zmq::Authenticator::start(&ctx)?; // before the servers bind
    /// auth.allow_any_curve_key("*")?;
    /// // ... servers with set_curve_server_keys, clients with set_curve_client
    /// auth.stop(); // or drop it
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn start(ctx: &Context) -> Result<Authenticator> {
        let zap = ctx.socket::<Rep>()?;
        zap.set_linger(Some(Duration::ZERO))?;
        zap.bind(ZAP_ENDPOINT)?;
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let endpoint = format!(
            "inproc://zmq-rs-auth-control-{}",
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let handler_end = ctx.socket::<Pair>()?;
        handler_end.set_linger(Some(Duration::ZERO))?;
        handler_end.bind(&endpoint)?;
        let control = ctx.socket::<Pair>()?;
        control.set_linger(Some(Duration::ZERO))?;
        control.connect(&endpoint)?;

        let policies = Arc::new(Mutex::new(Policies::default()));
        let requests = Arc::new(AtomicUsize::new(0));
        let (p, r) = (Arc::clone(&policies), Arc::clone(&requests));
        let thread = std::thread::Builder::new()
            .name("zmq-zap".into())
            .spawn(move || {
                serve(&zap, &handler_end, &p, &r);
                // Closing is asynchronous in libzmq; unbinding frees the
                // endpoint now, so a new authenticator can start at once.
                let _ = zap.unbind(ZAP_ENDPOINT);
            })
            .map_err(|_| Error::OutOfMemory)?;
        Ok(Authenticator {
            policies,
            requests,
            control,
            thread: Some(thread),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Policies> {
        lock(&self.policies)
    }

    /// Changes the policy of `domain` (created empty if needed; `"*"` is
    /// [`ANY_DOMAIN`]).
    ///
    /// ```
    /// # let ctx = zmq::Context::new();
    /// # let auth = zmq::Authenticator::start(&ctx)?;
    /// auth.update("global", |p| p.curve = zmq::CurvePolicy::AnyKey);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn update<R>(&self, domain: &str, f: impl FnOnce(&mut DomainPolicy) -> R) -> R {
        f(self.lock().domains.entry(domain.to_owned()).or_default())
    }

    /// The policy of `domain`, if it has one of its own.
    pub fn policy(&self, domain: &str) -> Option<DomainPolicy> {
        self.lock().domains.get(domain).cloned()
    }

    /// Removes `domain`'s policy (it falls back to `"*"`'s).
    pub fn remove_domain(&self, domain: &str) {
        self.lock().domains.remove(domain);
    }

    /// Lets only allowed addresses (this one and others allowed) connect in
    /// `domain`. A malformed address is [`Error::InvalidArgument`].
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ctx = zmq::Context::new();
    /// let auth = zmq::Authenticator::start(&ctx)?;
    /// auth.allow("intranet", "127.0.0.1")?;
    /// assert_eq!(auth.allow("intranet", "not an address"), Err(zmq::Error::InvalidArgument));
    ///
    /// let server = ctx.socket::<zmq::Pull>()?;
    /// server.set_zap_domain("intranet")?; // the domain whose rules apply
    /// server.bind("tcp://127.0.0.1:*")?;
    /// let client = ctx.socket::<zmq::Push>()?;
    /// client.connect(&server.last_endpoint()?)?;
    /// client.send("from loopback")?;
    /// server.set_rcvtimeo(Some(Duration::from_secs(5)))?;
    /// assert_eq!(server.recv()?, "from loopback");
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn allow(&self, domain: &str, address: &str) -> Result<()> {
        check_domain(domain)?;
        let ip = parse_ip(address)?;
        self.update(domain, |p| p.allow.insert(ip));
        Ok(())
    }

    /// Refuses `address` in `domain`. A malformed address is
    /// [`Error::InvalidArgument`].
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let auth = zmq::Authenticator::start(&ctx)?;
    /// auth.deny("*", "192.0.2.7")?;
    /// let policy = auth.policy("*").expect("created");
    /// assert!(policy.deny.contains(&"192.0.2.7".parse().unwrap()));
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn deny(&self, domain: &str, address: &str) -> Result<()> {
        check_domain(domain)?;
        let ip = parse_ip(address)?;
        self.update(domain, |p| p.deny.insert(ip));
        Ok(())
    }

    /// Adds (or changes) a PLAIN user of `domain`. Names and passwords are
    /// at most 255 bytes, as ZMTP carries them. [`Authenticator`] shows a
    /// client logging in.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let auth = zmq::Authenticator::start(&ctx)?;
    /// auth.add_plain_user("*", "admin", "secret")?;
    /// auth.add_plain_user("*", "admin", "new secret")?; // changes it
    /// assert_eq!(auth.policy("*").unwrap().plain_users["admin"], "new secret");
    /// assert!(auth.add_plain_user("*", &"x".repeat(256), "").is_err());
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn add_plain_user(&self, domain: &str, user: &str, password: &str) -> Result<()> {
        check_domain(domain)?;
        if user.len() > 255 || password.len() > 255 {
            return Err(Error::InvalidArgument);
        }
        self.update(domain, |p| {
            p.plain_users.insert(user.to_owned(), password.to_owned())
        });
        Ok(())
    }

    /// Accepts CURVE clients of `domain` whose public key is one of `keys`
    /// (in addition to keys already allowed). Like its siblings, it returns
    /// a `Result`: a domain over 255 bytes (more than ZAP can carry) is
    /// [`Error::InvalidArgument`].
    pub fn allow_curve_keys(
        &self,
        domain: &str,
        keys: impl IntoIterator<Item = CurveKey>,
    ) -> Result<()> {
        check_domain(domain)?;
        self.update(domain, |p| {
            let mut set = match std::mem::take(&mut p.curve) {
                CurvePolicy::Keys(set) => set,
                _ => HashSet::new(),
            };
            set.extend(keys);
            p.curve = CurvePolicy::Keys(set);
        });
        Ok(())
    }

    /// Accepts every CURVE client of `domain` that completes the handshake.
    /// A domain over 255 bytes is [`Error::InvalidArgument`].
    pub fn allow_any_curve_key(&self, domain: &str) -> Result<()> {
        check_domain(domain)?;
        self.update(domain, |p| p.curve = CurvePolicy::AnyKey);
        Ok(())
    }

    /// How many ZAP requests the handler has answered.
    pub fn requests_handled(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// Stops the handler and waits for its thread (as dropping does); a
    /// new authenticator can then start in the same context.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// zmq::Authenticator::start(&ctx)?.stop();
    /// let again = zmq::Authenticator::start(&ctx)?; // the endpoint is free
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn stop(self) {}
}

impl Drop for Authenticator {
    fn drop(&mut self) {
        if self.control.context().is_forked() {
            // A forked child: the handler thread exists only in the parent;
            // joining it here would wait forever.
            std::mem::forget(self.thread.take());
            return;
        }
        // Fails only if the context was shut down, which stops the thread
        // by itself.
        let _ = self.control.try_send("STOP");
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// ZAP carries a domain in one frame of at most 255 bytes (libzmq refuses
/// longer `ZAP_DOMAIN` values), so longer ones could never match.
pub(crate) fn check_domain(domain: &str) -> Result<()> {
    if domain.len() > 255 {
        return Err(Error::InvalidArgument);
    }
    Ok(())
}

fn parse_ip(address: &str) -> Result<IpAddr> {
    address.parse().map_err(|_| Error::InvalidArgument)
}

fn lock(policies: &Mutex<Policies>) -> MutexGuard<'_, Policies> {
    // Updates are single assignments/inserts; a panic inside a caller's
    // `update` closure cannot leave the map half-changed in a harmful way.
    policies.lock().unwrap_or_else(|e| e.into_inner())
}

/// The handler thread: answers requests until told to stop or until the
/// context ends.
fn serve(zap: &Socket<Rep>, control: &Socket<Pair>, policies: &Mutex<Policies>, n: &AtomicUsize) {
    let mut set = PollSet::new();
    let zap_h = set.add(zap, PollEvents::IN);
    let control_h = set.add(control, PollEvents::IN);
    loop {
        match set.poll(None) {
            Ok(_) => {}
            Err(Error::Interrupted) => continue,
            Err(_) => return,
        }
        if set.is_readable(control_h) {
            return;
        }
        if set.is_readable(zap_h) {
            // Never block here: REP drops a message without an envelope
            // delimiter (any in-process socket can connect to the ZAP
            // endpoint and send one) after `poll` reported it, and a
            // blocking receive would then wait past a STOP.
            let request = match zap.try_recv_multipart() {
                Ok(Some(request)) => request,
                Ok(None) | Err(Error::Interrupted) => continue,
                Err(_) => return,
            };
            let reply = answer(request.into_vec(), &lock(policies));
            if zap.send_multipart(reply).is_err() {
                return;
            }
            n.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// The reply frames to one ZAP request.
fn answer(frames: Vec<Message>, policies: &Policies) -> Multipart {
    let request_id = frames.get(1).map(Message::to_vec).unwrap_or_default();
    let verdict = match frames.as_slice() {
        [
            version,
            _,
            domain,
            address,
            _identity,
            mechanism,
            credentials @ ..,
        ] => {
            if &version[..] != b"1.0" {
                Verdict {
                    status: "500",
                    text: "unsupported ZAP version",
                    user_id: Vec::new(),
                }
            } else {
                let domain = String::from_utf8_lossy(domain);
                match policies.for_domain(&domain) {
                    Some(policy) => policy.judge(address, mechanism, credentials),
                    None => DomainPolicy::default().judge(address, mechanism, credentials),
                }
            }
        }
        _ => Verdict {
            status: "500",
            text: "malformed ZAP request",
            user_id: Vec::new(),
        },
    };
    let mut reply = Multipart::with_capacity(6);
    reply.push_back("1.0");
    reply.push_back(request_id);
    reply.push_back(verdict.status);
    reply.push_back(verdict.text);
    reply.push_back(verdict.user_id);
    reply.push_back(Message::new());
    reply
}

impl<T: SocketType> Socket<T> {
    /// Makes this socket a CURVE client of a server with public key
    /// `server_public` (32 bytes or 40 Z85 characters), using `keypair` as
    /// its own long-term keys.
    ///
    /// ```
    /// let server_keys = zmq::CurveKeyPair::new()?;
    /// let ctx = zmq::Context::new();
    /// let client = ctx.socket::<zmq::Req>()?;
    /// client.set_curve_client(&server_keys.public, &zmq::CurveKeyPair::new()?)?;
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn set_curve_client(
        &self,
        server_public: impl AsRef<[u8]>,
        keypair: &CurveKeyPair,
    ) -> Result<()> {
        self.set_curve_serverkey(server_public)?;
        self.set_curve_publickey(keypair.public)?;
        self.set_curve_secretkey(keypair.secret)
    }

    /// Makes this socket a CURVE server with the long-term keys `keypair`.
    /// Clients need its public key (see [`Socket::set_curve_client`]).
    ///
    /// ```
    /// let server_keys = zmq::CurveKeyPair::new()?;
    /// let rep = zmq::Context::new().socket::<zmq::Rep>()?;
    /// rep.set_curve_server_keys(&server_keys)?;
    /// assert_eq!(rep.mechanism()?, zmq::Mechanism::Curve);
    /// println!("clients need {}", server_keys.public); // the Z85 text
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn set_curve_server_keys(&self, keypair: &CurveKeyPair) -> Result<()> {
        self.set_curve_server(true)?;
        self.set_curve_secretkey(keypair.secret)?;
        self.set_curve_publickey(keypair.public)
    }

    /// Makes this socket a PLAIN client with these credentials (sent in
    /// clear text; the server checks them through an [`Authenticator`]).
    ///
    /// ```
    /// let req = zmq::Context::new().socket::<zmq::Req>()?;
    /// req.set_plain_client("admin", "secret")?;
    /// assert_eq!(req.mechanism()?, zmq::Mechanism::Plain);
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn set_plain_client(&self, username: &str, password: &str) -> Result<()> {
        self.set_plain_username(username)?;
        self.set_plain_password(password)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(domain: &str, address: &str, mechanism: &str, creds: &[&[u8]]) -> Vec<Message> {
        let mut frames: Vec<Message> = ["1.0", "7", domain, address, "", mechanism]
            .into_iter()
            .map(Message::from)
            .collect();
        frames.extend(creds.iter().map(|c| Message::from(*c)));
        frames
    }

    fn status(reply: &Multipart) -> (&str, &str) {
        (
            reply.get(2).unwrap().as_str().unwrap(),
            reply.get(4).unwrap().as_str().unwrap(),
        )
    }

    #[test]
    fn judges_by_domain_address_and_mechanism() {
        let mut p = Policies::default();
        let star = p.domains.entry("*".into()).or_default();
        star.plain_users.insert("u".into(), "p".into());
        star.deny.insert("10.0.0.1".parse().unwrap());
        let own = p.domains.entry("own".into()).or_default();
        own.allow.insert("127.0.0.1".parse().unwrap());

        let r = answer(req("", "127.0.0.1", "PLAIN", &[b"u", b"p"]), &p);
        assert_eq!(status(&r), ("200", "u"));
        assert_eq!(reply_id(&r), b"7");
        let r = answer(req("", "127.0.0.1", "PLAIN", &[b"u", b"x"]), &p);
        assert_eq!(status(&r).0, "400");
        let r = answer(req("", "10.0.0.1", "NULL", &[]), &p);
        assert_eq!(status(&r).0, "400");
        let r = answer(req("own", "127.0.0.2", "NULL", &[]), &p);
        assert_eq!(status(&r).0, "400");
        let r = answer(req("own", "127.0.0.1", "NULL", &[]), &p);
        assert_eq!(status(&r).0, "200");
        let r = answer(req("own", "127.0.0.1", "CURVE", &[&[0u8; 32]]), &p);
        assert_eq!(status(&r).0, "400");
        let r = answer(vec![Message::from("1.0")], &p);
        assert_eq!(status(&r).0, "500");
    }

    fn reply_id(r: &Multipart) -> &[u8] {
        r.get(1).unwrap()
    }
}
