//! `zpipe`, as in the guide's zhelpers: two PAIR sockets joined over
//! inproc, for a thread and its parent to talk.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

/// Two connected PAIR sockets on a fresh inproc endpoint of `context`.
pub fn zpipe(context: &zmq::Context) -> zmq::Result<[zmq::Socket<zmq::Pair>; 2]> {
    static PIPES: AtomicUsize = AtomicUsize::new(0);
    let endpoint = format!("inproc://zpipe-{}", PIPES.fetch_add(1, Ordering::Relaxed));
    let a = context.socket::<zmq::Pair>()?;
    a.bind(&endpoint)?;
    let b = context.socket::<zmq::Pair>()?;
    b.connect(&endpoint)?;
    Ok([a, b])
}
