//! Socket patterns over every transport, send/recv variants, dynamic
//! sockets and raw interop.

mod common;

use common::{ALL, TIMEOUT, Transport, bind_any, connected, socket};
use std::io::{Read, Write};
use std::time::Duration;
use zmq::{
    Context, Dealer, Dynamic, Error, Message, Multipart, Pair, PollEvents, Pub, Pull, Push, Rep,
    Req, Router, SendFlags, Socket, SocketKind, Stream, Sub, XPub, XSub,
};

#[test]
fn req_rep_over_every_transport() {
    for transport in ALL {
        let ctx = Context::new();
        let (rep, req) = connected::<Rep, Req>(&ctx, transport);
        for i in 0..3 {
            req.send(format!("Hello {i}")).unwrap();
            assert_eq!(
                rep.recv_string().unwrap(),
                format!("Hello {i}"),
                "{transport:?}"
            );
            rep.send("World").unwrap();
            assert_eq!(req.recv().unwrap(), "World", "{transport:?}");
        }
    }
}

#[test]
fn req_cannot_send_twice() {
    let ctx = Context::new();
    let (_rep, req) = connected::<Rep, Req>(&ctx, Transport::Inproc);
    req.send("one").unwrap();
    // libzmq's REQ state machine refuses a second request before the reply.
    assert_eq!(req.send("two"), Err(Error::WrongState));
}

/// Waits until `sub` receives one of the probes `publish` keeps sending:
/// the subscription has then reached the publisher.
fn await_subscription(publish: impl Fn(), sub: &Socket<Sub>) {
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        publish();
        if sub
            .poll(PollEvents::IN, Some(Duration::from_millis(10)))
            .unwrap()
            .is_readable()
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "subscription never arrived"
        );
    }
    while sub.try_recv().unwrap().is_some() {}
}

#[test]
fn pub_sub_filters_by_prefix() {
    for transport in ALL {
        let ctx = Context::new();
        let (publisher, sub) = connected::<Pub, Sub>(&ctx, transport);
        sub.subscribe("weather").unwrap();
        await_subscription(|| publisher.send("weather probe").unwrap(), &sub);

        for i in 0..10 {
            publisher.send(format!("sports {i}")).unwrap();
            publisher.send(format!("weather {i}")).unwrap();
        }
        publisher.send("weather end").unwrap();
        let mut got = Vec::new();
        loop {
            let m = sub.recv_string().unwrap();
            if m == "weather end" {
                break;
            }
            got.push(m);
        }
        let want: Vec<String> = (0..10).map(|i| format!("weather {i}")).collect();
        assert_eq!(got, want, "{transport:?}");

        sub.unsubscribe("weather").unwrap();
        sub.subscribe("sports").unwrap();
        await_subscription(|| publisher.send("sports probe").unwrap(), &sub);
        publisher.send("weather ignored").unwrap();
        publisher.send("sports last").unwrap();
        assert_eq!(sub.recv().unwrap(), "sports last");
    }
}

#[test]
fn push_pull_fan_out_and_fan_in() {
    // Fan-out over inproc, where connections are complete at connect time,
    // so round-robin is exact.
    let ctx = Context::new();
    let push = socket::<Push>(&ctx);
    let ep = bind_any(&push, Transport::Inproc);
    let workers: Vec<Socket<Pull>> = (0..2).map(|_| socket::<Pull>(&ctx)).collect();
    for w in &workers {
        w.connect(&ep).unwrap();
    }
    for i in 0..10 {
        push.send(format!("task {i}")).unwrap();
    }
    for w in &workers {
        for _ in 0..5 {
            assert!(w.recv_string().unwrap().starts_with("task "));
        }
        assert_eq!(w.try_recv().unwrap(), None);
    }

    // Fan-in over every transport: one sink, two ventilators.
    for transport in ALL {
        let sink = socket::<Pull>(&ctx);
        let ep = bind_any(&sink, transport);
        let senders: Vec<Socket<Push>> = (0..2).map(|_| socket::<Push>(&ctx)).collect();
        for (n, s) in senders.iter().enumerate() {
            s.connect(&ep).unwrap();
            for i in 0..5 {
                s.send(format!("{n}:{i}")).unwrap();
            }
        }
        let mut got: Vec<String> = (0..10).map(|_| sink.recv_string().unwrap()).collect();
        got.sort();
        let mut want: Vec<String> = (0..2)
            .flat_map(|n| (0..5).map(move |i| format!("{n}:{i}")))
            .collect();
        want.sort();
        assert_eq!(got, want, "{transport:?}");
    }
}

#[test]
fn dealer_router_with_routing_ids() {
    for transport in ALL {
        let ctx = Context::new();
        let router = socket::<Router>(&ctx);
        let ep = bind_any(&router, transport);
        let dealers: Vec<Socket<Dealer>> = ["alpha", "beta"]
            .iter()
            .map(|id| {
                let d = socket::<Dealer>(&ctx);
                d.set_routing_id(id).unwrap();
                assert_eq!(d.routing_id().unwrap(), id.as_bytes());
                d.connect(&ep).unwrap();
                d
            })
            .collect();
        for d in &dealers {
            let id = d.routing_id().unwrap();
            d.send_multipart([&b""[..], b"ping from ", &id]).unwrap();
        }
        for _ in 0..2 {
            let mut parts = router.recv_multipart().unwrap();
            assert_eq!(parts.len(), 4);
            let id = parts.pop_front().unwrap();
            assert_eq!(parts[2], id[..]);
            router
                .send_multipart([id, Message::new(), Message::from("pong")])
                .unwrap();
        }
        for d in &dealers {
            let parts = d.recv_multipart().unwrap();
            assert_eq!(
                parts.into_vec(),
                vec![Message::new(), Message::from("pong")],
                "{transport:?}"
            );
        }
        // Unroutable replies fail loudly with ROUTER_MANDATORY.
        router.set_router_mandatory(true).unwrap();
        assert_eq!(
            router.send_more("nobody").unwrap_err(),
            Error::HostUnreachable
        );
    }
}

#[test]
fn pair_over_every_transport() {
    for transport in ALL {
        let ctx = Context::new();
        let (a, b) = connected::<Pair, Pair>(&ctx, transport);
        b.send("ping").unwrap();
        assert_eq!(a.recv().unwrap(), "ping");
        a.send(vec![7u8; 100]).unwrap();
        assert_eq!(b.recv().unwrap().to_vec(), vec![7u8; 100], "{transport:?}");
    }
}

#[test]
fn xpub_sees_subscription_frames() {
    for transport in ALL {
        let ctx = Context::new();
        let (xpub, sub) = connected::<XPub, Sub>(&ctx, transport);
        sub.subscribe("topic").unwrap();
        assert_eq!(xpub.recv().unwrap(), b"\x01topic", "{transport:?}");
        sub.unsubscribe("topic").unwrap();
        assert_eq!(xpub.recv().unwrap(), b"\x00topic", "{transport:?}");

        // XSUB subscribes by sending the subscription frame upstream.
        let xsub = socket::<XSub>(&ctx);
        xsub.connect(&xpub.last_endpoint().unwrap()).unwrap();
        xsub.subscribe("x").unwrap();
        assert_eq!(xpub.recv().unwrap(), b"\x01x");
        xpub.send("x marks").unwrap();
        xpub.send("y skipped").unwrap();
        xpub.send("x again").unwrap();
        assert_eq!(xsub.recv().unwrap(), "x marks");
        assert_eq!(xsub.recv().unwrap(), "x again");
    }
}

#[test]
fn stream_talks_to_a_raw_tcp_peer() {
    let ctx = Context::new();
    let stream = socket::<Stream>(&ctx);
    let ep = bind_any(&stream, Transport::Tcp);
    let addr = ep.trim_start_matches("tcp://").to_owned();
    let mut peer = std::net::TcpStream::connect(&addr).unwrap();
    peer.set_read_timeout(Some(TIMEOUT)).unwrap();

    // Connection notification: routing id + empty frame.
    let hello = stream.recv_multipart().unwrap();
    assert_eq!(hello.len(), 2);
    assert!(hello[1].is_empty());
    let id = hello[0].clone();

    peer.write_all(b"raw bytes").unwrap();
    let mut got = Vec::new();
    while got.len() < 9 {
        let data = stream.recv_multipart().unwrap();
        assert_eq!(data[0], id);
        got.extend_from_slice(&data[1]);
    }
    assert_eq!(got, b"raw bytes");

    stream
        .send_multipart([id.clone(), Message::from("reply")])
        .unwrap();
    let mut buf = [0u8; 5];
    peer.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"reply");
}

#[test]
fn dynamic_sockets_and_downcasts() {
    let ctx = Context::new();
    let dynamic: Socket<Dynamic> = ctx.dynamic_socket(SocketKind::Pub).unwrap();
    assert_eq!(dynamic.kind(), SocketKind::Pub);
    // Every method exists; libzmq reports misuse.
    assert_eq!(dynamic.recv().unwrap_err(), Error::NotSupported);
    let dynamic = dynamic.downcast::<Sub>().expect_err("a PUB is not a SUB");
    let typed: Socket<Pub> = dynamic.downcast::<Pub>().expect("a PUB");
    let back: Socket<Dynamic> = typed.into();
    assert_eq!(back.kind(), SocketKind::Pub);
    assert_eq!(SocketKind::Router.name(), "ROUTER");
    assert_eq!(
        SocketKind::from_raw(SocketKind::Dealer.raw()),
        Some(SocketKind::Dealer)
    );
}

#[test]
fn bind_to_random_port_and_last_endpoint() {
    let ctx = Context::new();
    let s = socket::<Rep>(&ctx);
    let port = s.bind_to_random_port("tcp://127.0.0.1").unwrap();
    assert_ne!(port, 0);
    assert_eq!(
        s.last_endpoint().unwrap(),
        format!("tcp://127.0.0.1:{port}")
    );
    let ep = format!("tcp://127.0.0.1:{port}");
    s.unbind(&ep).unwrap();
    assert_eq!(s.unbind(&ep).unwrap_err().cause(), &Error::NotFound);
}

#[test]
fn try_send_gives_the_message_back() {
    let ctx = Context::new();
    let push = socket::<Push>(&ctx); // no peer at all
    let err = push.try_send(vec![1u8; 64]).unwrap_err();
    assert_eq!(err.error, Error::WouldBlock);
    assert_eq!(err.message.to_vec(), vec![1u8; 64]);
    let msg = err.into_message();
    let err = push.send_msg(msg, SendFlags::DONTWAIT).unwrap_err();
    assert_eq!(err.message.len(), 64);
}

#[test]
fn multipart_sends_are_all_or_nothing_without_blocking() {
    let ctx = Context::new();
    let push = socket::<Push>(&ctx);
    push.set_sndhwm(1).unwrap();
    let ep = bind_any(&push, Transport::Inproc);
    let pull = socket::<Pull>(&ctx);
    pull.set_rcvhwm(1).unwrap();
    pull.connect(&ep).unwrap();

    // Fill the pipe until libzmq refuses a whole message.
    let mut sent = 0;
    let refused = loop {
        match push.try_send_multipart(["a", "b", "c"]) {
            Ok(()) => sent += 1,
            Err(e) => break e,
        }
        assert!(sent < 1000, "the HWM never applied");
    };
    assert_eq!(refused.error, Error::WouldBlock);
    assert_eq!(refused.message, Multipart::from(["a", "b", "c"]));
    // Exactly the accepted messages arrive, each complete.
    for _ in 0..sent {
        let parts = pull.recv_multipart().unwrap();
        assert_eq!(parts, Multipart::from(["a", "b", "c"]));
    }
    assert_eq!(pull.try_recv_multipart().unwrap(), None);
}

#[test]
fn timeouts_surface_as_would_block() {
    let ctx = Context::new();
    let pull = socket::<Pull>(&ctx);
    pull.set_rcvtimeo(Some(Duration::from_millis(20))).unwrap();
    assert_eq!(pull.recv().unwrap_err(), Error::WouldBlock);
    let push = socket::<Push>(&ctx);
    push.set_sndtimeo(Some(Duration::from_millis(20))).unwrap();
    assert_eq!(push.send("x").unwrap_err(), Error::WouldBlock);
}

#[test]
fn recv_variants() {
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);

    // recv_into reports the real size: truncation is visible.
    a.send("0123456789").unwrap();
    let mut small = [0u8; 4];
    assert_eq!(b.recv_into(&mut small).unwrap(), 10);
    assert_eq!(&small, b"0123");

    // recv_msg reuses one message.
    let mut msg = Message::new();
    for word in ["one", "two"] {
        a.send(word).unwrap();
        b.recv_msg(&mut msg).unwrap();
        assert_eq!(msg, word);
    }

    // try_recv / try_recv_into when nothing waits.
    assert_eq!(b.try_recv().unwrap(), None);
    assert_eq!(b.try_recv_into(&mut small).unwrap(), None);

    // recv_string rejects non-UTF-8 but keeps the bytes.
    a.send(&[0x66, 0xff, 0x6f][..]).unwrap();
    match b.recv_string().unwrap_err() {
        Error::InvalidUtf8 { bytes, valid_up_to } => {
            assert_eq!(bytes, vec![0x66, 0xff, 0x6f]);
            assert_eq!(valid_up_to, 1);
        }
        other => panic!("unexpected {other:?}"),
    }

    // more() and rcvmore across a multipart message.
    a.send_more("head").unwrap();
    a.send("tail").unwrap();
    let head = b.recv().unwrap();
    assert!(head.more());
    assert!(b.rcvmore().unwrap());
    let tail = b.recv().unwrap();
    assert!(!tail.more());
}

#[test]
fn single_socket_poll() {
    let ctx = Context::new();
    let (a, b) = connected::<Pair, Pair>(&ctx, Transport::Inproc);
    assert!(
        b.poll(PollEvents::IN, Some(Duration::ZERO))
            .unwrap()
            .is_empty()
    );
    assert!(
        a.poll(PollEvents::OUT, Some(Duration::ZERO))
            .unwrap()
            .is_writable()
    );
    a.send("x").unwrap();
    assert_eq!(
        b.poll(PollEvents::IN | PollEvents::OUT, Some(TIMEOUT))
            .unwrap(),
        PollEvents::IN | PollEvents::OUT
    );
}

#[test]
fn raw_round_trip() {
    let ctx = Context::new();
    let s = socket::<Pair>(&ctx);
    let raw = s.into_raw();
    // SAFETY: `raw` is an open PAIR socket of `ctx` that nothing else owns.
    let s: Socket<Pair> = unsafe { Socket::from_raw(&ctx, raw) }.unwrap();
    assert_eq!(s.as_raw(), raw);
    assert_eq!(s.kind(), SocketKind::Pair);
    s.close().unwrap();
}

#[test]
fn sockets_are_send_and_only_thread_safe_ones_are_sync() {
    fn is_send<T: Send>() {}
    is_send::<Socket<Req>>();
    is_send::<Socket<Dynamic>>();
    is_send::<Context>();
    #[cfg(feature = "draft")]
    {
        fn is_sync<T: Sync>() {}
        is_sync::<Socket<zmq::Server>>();
        is_sync::<Socket<zmq::Client>>();
        is_sync::<Socket<zmq::Radio>>();
        is_sync::<Socket<zmq::Dish>>();
    }
}

#[cfg(feature = "draft")]
#[test]
fn client_server_and_radio_dish() {
    let ctx = Context::new();
    let server = socket::<zmq::Server>(&ctx);
    let ep = bind_any(&server, Transport::Tcp);
    let client = socket::<zmq::Client>(&ctx);
    client.connect(&ep).unwrap();
    client.send("request").unwrap();
    let req = server.recv().unwrap();
    assert_eq!(req, "request");
    let mut reply = Message::from("reply");
    reply.set_routing_id(req.routing_id()).unwrap();
    server.send(reply).unwrap();
    assert_eq!(client.recv().unwrap(), "reply");

    let radio = socket::<zmq::Radio>(&ctx);
    let dish = socket::<zmq::Dish>(&ctx);
    let ep = common::inproc("radio");
    dish.bind(&ep).unwrap();
    dish.join("news").unwrap();
    radio.connect(&ep).unwrap();
    // The join travels to the radio asynchronously: probe until it arrived.
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        let mut probe = Message::from("probe");
        probe.set_group("news").unwrap();
        radio.send(probe).unwrap();
        if dish
            .poll(PollEvents::IN, Some(Duration::from_millis(10)))
            .unwrap()
            .is_readable()
        {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "join never arrived");
    }
    while dish.try_recv().unwrap().is_some() {}
    for (group, text) in [("sports", "ignored"), ("news", "headline")] {
        let mut m = Message::from(text);
        m.set_group(group).unwrap();
        radio.send(m).unwrap();
    }
    let got = dish.recv().unwrap();
    assert_eq!(got, "headline");
    assert_eq!(got.group(), Some("news"));
    dish.leave("news").unwrap();
}
