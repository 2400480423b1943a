//! Byte and text socket options read into a caller's buffer
//! ([`Socket::option_into`], cppzmq's `get(sockopt::..., mutable_buffer)`).

use crate::error::{Error, Result, check};
use crate::socket::{Socket, SocketType};

/// How an option's value is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Layout {
    /// Bytes as they are.
    Binary,
    /// Text; libzmq adds a NUL, which is not reported.
    Text,
    /// A CURVE key: 32 bytes into a 32-byte buffer, else 40 Z85 characters.
    Key,
}

/// A socket option whose value is bytes or text, to read with
/// [`Socket::option_into`]. The constants cover libzmq 4.3.5's readable
/// ones; [`BytesOption::binary`] and [`BytesOption::text`] name others by
/// number (the escape hatch for options newer than this crate).
///
/// ```
/// use zmq::BytesOption;
///
/// let s = zmq::Context::new().socket::<zmq::Rep>()?;
/// s.set_zap_domain("global")?;
/// let mut buf = [0u8; 32];
/// let n = s.option_into(BytesOption::ZAP_DOMAIN, &mut buf)?; // no allocation
/// assert_eq!(&buf[..n], b"global");
/// // The same option by its number, as for an option newer than the crate:
/// let n = s.option_into(BytesOption::text(zmq::sys::ZMQ_ZAP_DOMAIN), &mut buf)?;
/// assert_eq!(&buf[..n], b"global");
/// # Ok::<(), zmq::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BytesOption {
    raw: i32,
    layout: Layout,
}

macro_rules! bytes_options {
    ($( $(#[$m:meta])* $name:ident = $raw:ident, $layout:ident; )*) => {
        impl BytesOption {
            $(
                $(#[$m])*
                #[doc = concat!("`", stringify!($raw), "`.")]
                pub const $name: BytesOption = BytesOption { raw: zmq_sys::$raw, layout: Layout::$layout };
            )*
        }
    };
}

bytes_options! {
    ROUTING_ID = ZMQ_ROUTING_ID, Binary;
    LAST_ENDPOINT = ZMQ_LAST_ENDPOINT, Text;
    BINDTODEVICE = ZMQ_BINDTODEVICE, Text;
    ZAP_DOMAIN = ZMQ_ZAP_DOMAIN, Text;
    SOCKS_PROXY = ZMQ_SOCKS_PROXY, Text;
    PLAIN_USERNAME = ZMQ_PLAIN_USERNAME, Text;
    PLAIN_PASSWORD = ZMQ_PLAIN_PASSWORD, Text;
    GSSAPI_PRINCIPAL = ZMQ_GSSAPI_PRINCIPAL, Text;
    GSSAPI_SERVICE_PRINCIPAL = ZMQ_GSSAPI_SERVICE_PRINCIPAL, Text;
    CURVE_PUBLICKEY = ZMQ_CURVE_PUBLICKEY, Key;
    CURVE_SECRETKEY = ZMQ_CURVE_SECRETKEY, Key;
    CURVE_SERVERKEY = ZMQ_CURVE_SERVERKEY, Key;
    #[cfg(feature = "draft")]
    SOCKS_USERNAME = ZMQ_SOCKS_USERNAME, Text;
    #[cfg(feature = "draft")]
    SOCKS_PASSWORD = ZMQ_SOCKS_PASSWORD, Text;
}

impl BytesOption {
    /// A binary option by its libzmq number.
    pub const fn binary(raw: i32) -> BytesOption {
        BytesOption {
            raw,
            layout: Layout::Binary,
        }
    }

    /// A text option by its libzmq number (its NUL terminator is not
    /// reported).
    pub const fn text(raw: i32) -> BytesOption {
        BytesOption {
            raw,
            layout: Layout::Text,
        }
    }

    /// The libzmq number.
    pub const fn raw(self) -> i32 {
        self.raw
    }
}

/// Values longer than this cannot be measured when the caller's buffer is
/// too small (libzmq does not report the length then).
const PROBE: usize = 1024;

impl<T: SocketType> Socket<T> {
    /// Reads a byte or text option into `buf` without allocating
    /// (`zmq_getsockopt`; cppzmq's `get(opt, mutable_buffer)`) and returns
    /// the value's length; text options' NUL terminator is not counted, so
    /// `&buf[..n]` is the value.
    ///
    /// If the value does not fit, `buf` holds its first `buf.len()` bytes
    /// and the returned length is larger than `buf.len()`, as with
    /// [`Socket::recv_into`] (values over 1024 bytes that do not fit are
    /// [`Error::InvalidArgument`]). CURVE keys come as 32 bytes into a
    /// buffer of exactly 32, else as 40 Z85 characters.
    ///
    /// ```
    /// use zmq::{BytesOption, Context, Dealer};
    /// let ctx = Context::new();
    /// let s = ctx.socket::<Dealer>()?;
    /// s.set_routing_id(b"worker-1")?;
    /// s.bind("inproc://doc-option-into")?;
    /// let mut buf = [0u8; 64];
    /// let n = s.option_into(BytesOption::ROUTING_ID, &mut buf)?;
    /// assert_eq!(&buf[..n], b"worker-1");
    /// let n = s.option_into(BytesOption::LAST_ENDPOINT, &mut buf)?;
    /// assert_eq!(&buf[..n], b"inproc://doc-option-into");
    /// let mut small = [0u8; 6];
    /// assert_eq!(s.option_into(BytesOption::LAST_ENDPOINT, &mut small)?, n);
    /// assert_eq!(&small, b"inproc"); // truncated, and the length shows it
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn option_into(&self, option: BytesOption, buf: &mut [u8]) -> Result<usize> {
        let socket = self.socket_ref();
        if option.layout == Layout::Key && buf.len() != 32 {
            // libzmq wants exactly 32 (binary) or 41 (Z85 and a NUL) bytes,
            // and does not report a length.
            let mut z85 = [0u8; 41];
            socket.get_option_raw(option.raw, &mut z85)?;
            let fits = buf.len().min(40);
            buf[..fits].copy_from_slice(&z85[..fits]);
            return Ok(40);
        }
        let len = match socket.get_option_raw(option.raw, buf) {
            Ok(len) => strip(option, &buf[..len]),
            // libzmq refuses buffers that are too small: read into a large
            // one to learn the length, and hand over what fits.
            Err(Error::InvalidArgument) if buf.len() < PROBE => {
                let mut probe = [0u8; PROBE];
                let len = socket.get_option_raw(option.raw, &mut probe)?;
                let len = strip(option, &probe[..len]);
                let fits = len.min(buf.len());
                buf[..fits].copy_from_slice(&probe[..fits]);
                len
            }
            Err(e) => return Err(e),
        };
        Ok(len)
    }

    /// Reads any option into `buf` (`zmq_getsockopt`) and returns the length
    /// libzmq wrote, NUL terminators included: the escape hatch for options
    /// this crate does not know. libzmq checks the size (integers want
    /// exactly theirs).
    pub fn get_option_raw(&self, option: i32, buf: &mut [u8]) -> Result<usize> {
        self.socket_ref().get_option_raw(option, buf)
    }

    /// Sets any option from its raw bytes (`zmq_setsockopt`; cppzmq's
    /// `setsockopt(int, const void*, size_t)`): the escape hatch for
    /// options newer than this crate. Integers are passed in native byte
    /// order (`5i32.to_ne_bytes()`); libzmq checks the size and the value.
    /// Prefer the typed setters, which also keep options to the socket
    /// types they apply to.
    ///
    /// ```
    /// let ctx = zmq::Context::new();
    /// let s = ctx.socket::<zmq::Push>()?;
    /// s.set_option_raw(zmq::sys::ZMQ_SNDHWM, &77i32.to_ne_bytes())?;
    /// assert_eq!(s.sndhwm()?, 77);
    /// assert_eq!(
    ///     s.set_option_raw(zmq::sys::ZMQ_SNDHWM, &[1, 2]),
    ///     Err(zmq::Error::InvalidArgument)
    /// );
    /// # Ok::<(), zmq::Error>(())
    /// ```
    pub fn set_option_raw(&self, option: i32, value: &[u8]) -> Result<()> {
        // SAFETY: live socket; `value` is readable for its length during
        // the call, and libzmq copies what it keeps.
        check(unsafe {
            zmq_sys::zmq_setsockopt(self.as_raw(), option, value.as_ptr().cast(), value.len())
        })
        .map(drop)
    }
}

/// The value's length without the NUL libzmq adds to text.
fn strip(option: BytesOption, value: &[u8]) -> usize {
    match value {
        [rest @ .., 0] if option.layout == Layout::Text => rest.len(),
        _ => value.len(),
    }
}
