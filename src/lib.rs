//! Safe Rust bindings for ZeroMQ (libzmq).
//!
//! The crate links libzmq through [`zmq-sys`](sys): a system library found
//! with pkg-config, or the bundled libzmq 4.3.5 compiled from source (see the
//! README for the order and the switches).

pub use zmq_sys as sys;

mod version;

pub use version::{Version, has, version};
