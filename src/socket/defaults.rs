//! Applying a context's [`SocketDefaults`] to a socket it just created.

use super::{Socket, SocketType};
use crate::context::Context;
use crate::defaults::SocketDefaults;
use crate::error::Result;

impl SocketDefaults {
    /// Sets every option present here on `socket` (one that exists already;
    /// a context applies its defaults to new sockets by itself).
    pub fn apply<T: SocketType>(&self, socket: &Socket<T>) -> Result<()> {
        /// One line per option: set it if present.
        macro_rules! apply {
            ($($field:ident => $setter:ident),* $(,)?) => {
                $( if let Some(value) = self.$field { socket.$setter(value)?; } )*
            };
        }
        apply!(
            linger => set_linger,
            sndhwm => set_sndhwm,
            rcvhwm => set_rcvhwm,
            sndtimeo => set_sndtimeo,
            rcvtimeo => set_rcvtimeo,
            immediate => set_immediate,
            reconnect_ivl => set_reconnect_ivl,
            reconnect_ivl_max => set_reconnect_ivl_max,
            connect_timeout => set_connect_timeout,
            heartbeat_ivl => set_heartbeat_ivl,
            heartbeat_timeout => set_heartbeat_timeout,
            heartbeat_ttl => set_heartbeat_ttl,
            maxmsgsize => set_maxmsgsize,
            tcp_keepalive => set_tcp_keepalive,
            sndbuf => set_sndbuf,
            rcvbuf => set_rcvbuf,
        );
        #[cfg(feature = "draft")]
        apply!(
            in_batch_size => set_in_batch_size,
            out_batch_size => set_out_batch_size,
        );
        Ok(())
    }
}

impl Context {
    /// Applies the defaults to a socket just created from this context.
    pub(crate) fn apply_socket_defaults<T: SocketType>(&self, socket: &Socket<T>) -> Result<()> {
        let defaults = self.defaults_cell().lock().clone();
        match defaults {
            Some(defaults) => defaults.apply(socket),
            None => Ok(()),
        }
    }
}
