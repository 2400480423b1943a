//! Binding conveniences: random port in a range, scoped bind/connect, hwm.

mod common;

use common::{TIMEOUT, inproc, socket, within};
use std::time::Duration;
use zmq::{Context, Error, Pull, Push};

#[test]
fn random_port_in_range_binds_within_it() {
    let ctx = Context::new();
    let s = socket::<Pull>(&ctx);
    let port = s
        .bind_to_random_port_in("tcp://127.0.0.1", 50000..=59999, 100)
        .unwrap();
    assert!((50000..=59999).contains(&port));
    assert_eq!(
        s.last_endpoint().unwrap(),
        format!("tcp://127.0.0.1:{port}")
    );
}

#[test]
fn random_port_reports_what_it_tried_when_every_port_is_taken() {
    let ctx = Context::new();
    let holder = socket::<Pull>(&ctx);
    let port = holder.bind_to_random_port("tcp://127.0.0.1").unwrap();
    let s = socket::<Pull>(&ctx);
    let err = s
        .bind_to_random_port_in("tcp://127.0.0.1", port..=port, 3)
        .unwrap_err();
    assert_eq!(err.cause(), &Error::AddressInUse);
    let text = err.to_string();
    assert!(
        text.contains(&format!("tcp://127.0.0.1:{port}-{port}")),
        "{text}"
    );
    assert!(text.contains("3 random tries"), "{text}");
    // Other errors come back at once, unchanged.
    let err = s.bind_to_random_port_in("bogus://x", 1..=2, 5).unwrap_err();
    assert_eq!(err.cause(), &Error::ProtocolNotSupported);
    // An empty range or no tries is an argument error.
    let err = s
        .bind_to_random_port_in("tcp://127.0.0.1", 5..=10, 0)
        .unwrap_err();
    assert_eq!(err.cause(), &Error::InvalidArgument);
}

#[test]
fn scoped_bind_unbinds_on_drop() {
    let ctx = Context::new();
    let pull = socket::<Pull>(&ctx);
    let endpoint = {
        let bound = pull.bind_scoped("tcp://127.0.0.1:*").unwrap();
        assert!(!bound.endpoint().ends_with(":*"));
        bound.endpoint().to_owned()
    };
    // Unbound: a second unbind of the same endpoint fails, and another
    // socket can bind the very port once libzmq's I/O thread has closed
    // the listener (asynchronously: retry, bounded).
    assert_eq!(
        pull.unbind(&endpoint).unwrap_err().cause(),
        &Error::NotFound
    );
    let other = socket::<Pull>(&ctx);
    within(TIMEOUT, move || {
        while other.bind(&endpoint).is_err() {
            std::thread::yield_now();
        }
    });

    // keep() leaves it bound; close() reports.
    let ep = inproc("scoped");
    let kept = pull.bind_scoped(&ep).unwrap().keep();
    assert_eq!(kept, ep);
    pull.unbind(&ep).unwrap();
    let guard = pull.bind_scoped(&ep).unwrap();
    assert_eq!(guard.close(), Ok(()));
    assert_eq!(pull.unbind(&ep).unwrap_err().cause(), &Error::NotFound);
}

#[test]
fn scoped_connect_disconnects_on_drop() {
    let ctx = Context::new();
    let pull = socket::<Pull>(&ctx);
    let ep = inproc("scoped-connect");
    pull.bind(&ep).unwrap();
    let push = socket::<Push>(&ctx);
    {
        let connected = push.connect_scoped(&ep).unwrap();
        assert_eq!(connected.endpoint(), ep);
        connected.socket().send("while connected").unwrap();
        assert_eq!(pull.recv().unwrap(), "while connected");
    }
    // Disconnected: nowhere to send.
    push.set_sndtimeo(Some(Duration::ZERO)).unwrap();
    assert_eq!(push.send("after").unwrap_err(), Error::WouldBlock);
    assert_eq!(push.disconnect(&ep).unwrap_err().cause(), &Error::NotFound);
}

#[test]
fn set_hwm_sets_both_directions() {
    let ctx = Context::new();
    let s = socket::<Pull>(&ctx);
    s.set_hwm(7).unwrap();
    assert_eq!((s.sndhwm().unwrap(), s.rcvhwm().unwrap()), (7, 7));
    assert_eq!(s.set_hwm(-1), Err(Error::InvalidArgument));
}
