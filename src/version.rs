//! What the linked libzmq is and can do: [`version()`] and [`has()`].

use std::ffi::CString;
use std::fmt;

/// A libzmq release number, as reported by the linked library.
///
/// Ordered, so `zmq::version() >= Version::new(4, 3, 4)` reads naturally.
///
/// ```
/// use zmq::Version;
///
/// let v = zmq::version();
/// assert!(v >= Version::new(4, 3, 4));
/// assert_eq!(v.to_string(), format!("{}.{}.{}", v.major, v.minor, v.patch));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Major release.
    pub major: u32,
    /// Minor release.
    pub minor: u32,
    /// Patch release.
    pub patch: u32,
}

impl Version {
    /// A version from its three parts, to compare with [`version()`].
    ///
    /// ```
    /// use zmq::Version;
    ///
    /// if zmq::version() < Version::new(4, 3, 5) {
    ///     println!("libzmq {} predates 4.3.5", zmq::version());
    /// }
    /// ```
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version {
            major,
            minor,
            patch,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The version of the libzmq this program is linked against (`zmq_version`).
///
/// ```
/// let v = zmq::version();
/// assert!(v >= zmq::Version::new(4, 3, 4), "linked libzmq {v}");
/// ```
pub fn version() -> Version {
    let (mut major, mut minor, mut patch) = (0, 0, 0);
    // SAFETY: zmq_version only writes the three ints through valid pointers.
    unsafe { zmq_sys::zmq_version(&mut major, &mut minor, &mut patch) };
    let part = |v: i32| u32::try_from(v).unwrap_or(0);
    Version::new(part(major), part(minor), part(patch))
}

/// Whether the linked libzmq supports a capability (`zmq_has`): `"ipc"`,
/// `"pgm"`, `"tipc"`, `"vmci"`, `"norm"`, `"curve"`, `"gssapi"`, `"draft"`,
/// `"ws"`, `"wss"`. Unknown names, and names with an interior NUL byte, are
/// simply not supported.
///
/// ```
/// // The bundled build always has IPC on Linux; CURVE depends on the build.
/// println!("curve: {}", zmq::has("curve"));
/// assert!(!zmq::has("no-such-capability"));
/// ```
pub fn has(capability: &str) -> bool {
    let Ok(name) = CString::new(capability) else {
        return false;
    };
    // SAFETY: `name` is a valid NUL-terminated string for the whole call.
    unsafe { zmq_sys::zmq_has(name.as_ptr()) == 1 }
}
