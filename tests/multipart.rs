//! Multipart messages: the container and its round trip over sockets.

mod common;

use common::{ALL, bind_any, socket};
use zmq::{Context, Dealer, Message, Multipart, Router};

#[test]
fn push_pop_index_iterate() {
    let mut m = Multipart::new();
    assert!(m.is_empty());
    m.push_back("body");
    m.push_front("");
    m.push_front(vec![1u8, 2, 3]);
    assert_eq!(m.len(), 3);
    assert_eq!(m[0], [1u8, 2, 3]);
    assert_eq!(m.get(1).map(|f| f.len()), Some(0));
    assert_eq!(m.back().unwrap(), "body");
    let lens: Vec<usize> = m.iter().map(|f| f.len()).collect();
    assert_eq!(lens, vec![3, 0, 4]);
    m[2] = Message::from("new body");
    assert_eq!(m.pop_back().unwrap(), "new body");
    assert_eq!(m.pop_front().unwrap(), [1u8, 2, 3]);
    assert_eq!(m.front().unwrap().len(), 0);
    m.extend(["x", "y"]);
    let v: Vec<Message> = m.into_vec();
    assert_eq!(v.len(), 3);
}

#[test]
fn built_from_collections() {
    let a = Multipart::from(vec!["a", "b"]);
    let b: Multipart = ["a", "b"].into();
    let c: Multipart = ["a", "b"].into_iter().collect();
    assert_eq!(a, b);
    assert_eq!(b, c);
    let owned: Multipart = vec![String::from("zero-copy, handed over to libzmq")].into();
    assert_eq!(owned.len(), 1);
    for frame in &a {
        assert_eq!(frame.len(), 1);
    }
}

#[test]
fn round_trip_keeps_frames_and_order() {
    for transport in ALL {
        let ctx = Context::new();
        let router = socket::<Router>(&ctx);
        let ep = bind_any(&router, transport);
        let dealer = socket::<Dealer>(&ctx);
        dealer.set_routing_id("d").unwrap();
        dealer.connect(&ep).unwrap();
        let frames: Vec<Vec<u8>> = vec![b"".to_vec(), vec![0u8; 100_000], b"end".to_vec()];
        dealer.send_multipart(frames.clone()).unwrap();
        let mut got = router.recv_multipart().unwrap();
        assert_eq!(got.pop_front().unwrap(), "d");
        let got: Vec<Vec<u8>> = got.iter().map(|m| m.to_vec()).collect();
        assert_eq!(got, frames, "{transport:?}");
        // A Multipart goes back out as is.
        let mut reply = Multipart::from(["d", "", "ok"]);
        reply[2] = Message::from("fine");
        router.send_multipart(reply).unwrap();
        assert_eq!(
            dealer.recv_multipart().unwrap(),
            Multipart::from(["", "fine"])
        );
    }
}
