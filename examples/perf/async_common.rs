//! What the async perf tools (feature `tokio`) share: a current-thread
//! runtime per tool, as a single-connection async service would use.

use std::future::Future;

/// Runs `body` on a current-thread tokio runtime with the I/O driver.
pub fn run<F: Future>(body: F) -> F::Output {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .unwrap_or_else(|e| {
            println!("error in tokio runtime: {e}");
            std::process::exit(1);
        });
    rt.block_on(body)
}

/// A socket of type `T` registered with the runtime.
pub fn socket<T: zmq::SocketType>(s: zmq::Socket<T>) -> zmq::tokio::AsyncSocket<T> {
    super::common::check(zmq::tokio::AsyncSocket::new(s), "AsyncSocket::new")
}
