//! Background devices: proxy and monitored queue on their own thread,
//! steered, stopped while traffic flows, dropped without hanging.

mod common;

use common::{TIMEOUT, inproc, socket, within};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;
use zmq::{Context, Dealer, Device, Error, Pair, Pull, Push, Rep, Req, SocketKind};

fn streamer(ctx: &Context) -> (zmq::ThreadDevice, String, String) {
    let (i, o) = (inproc("dev-in"), inproc("dev-out"));
    let device = Device::proxy(ctx, SocketKind::Pull, SocketKind::Push)
        .bind_in(&i)
        .bind_out(&o)
        .configure_in(|s| s.set_linger(Some(Duration::ZERO)))
        .configure_out(|s| s.set_linger(Some(Duration::ZERO)))
        .start()
        .expect("start device");
    (device, i, o)
}

/// A producer connected to the device's in side, a consumer to its out side.
fn ends(ctx: &Context, i: &str, o: &str) -> (zmq::Socket<Push>, zmq::Socket<Pull>) {
    let producer = socket::<Push>(ctx);
    producer.connect(i).unwrap();
    let consumer = socket::<Pull>(ctx);
    consumer.connect(o).unwrap();
    (producer, consumer)
}

#[test]
fn proxy_device_forwards_and_counts() {
    let ctx = Context::new();
    let (device, i, o) = streamer(&ctx);
    let (producer, consumer) = ends(&ctx, &i, &o);
    for n in 0..10 {
        producer.send(n.to_string()).unwrap();
    }
    for n in 0..10 {
        assert_eq!(consumer.recv_string().unwrap(), n.to_string());
    }
    let stats = device.statistics().unwrap();
    assert_eq!(stats.frontend.received_messages, 10);
    assert_eq!(stats.backend.sent_messages, 10);
    assert_eq!(within(TIMEOUT, move || device.stop()), Ok(()));
}

#[test]
fn device_stopped_while_traffic_flows() {
    let ctx = Context::new();
    let (device, i, o) = streamer(&ctx);
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicUsize::new(0));
    let producer = {
        let (ctx, stop, sent) = (ctx.clone(), Arc::clone(&stop), Arc::clone(&sent));
        thread::spawn(move || {
            let push = socket::<Push>(&ctx);
            push.set_sndtimeo(Some(Duration::from_millis(50))).unwrap();
            push.connect(&i).unwrap();
            while !stop.load(Ordering::Relaxed) {
                if push.send(vec![7u8; 64]).is_ok() {
                    sent.fetch_add(1, Ordering::Relaxed);
                }
            }
        })
    };
    let consumer = socket::<Pull>(&ctx);
    consumer.connect(&o).unwrap();
    // Traffic is flowing: messages arrive through the device.
    for _ in 0..100 {
        assert_eq!(consumer.recv().unwrap().len(), 64);
    }
    let before = device.statistics().unwrap();
    assert!(before.frontend.received_messages >= 100);
    // Stop it while the producer still sends.
    assert_eq!(within(TIMEOUT, move || device.stop()), Ok(()));
    // Nothing is forwarded any more: the out side's socket is closed, so
    // only what was queued before the stop can still arrive.
    consumer
        .set_rcvtimeo(Some(Duration::from_millis(10)))
        .unwrap();
    let mut drained = 0;
    while consumer.recv().is_ok() {
        drained += 1;
        assert!(drained <= 10_000, "device still forwarding after stop");
    }
    stop.store(true, Ordering::Relaxed);
    producer.join().unwrap();
    assert!(sent.load(Ordering::Relaxed) >= 100);
}

#[test]
fn dropping_a_running_device_does_not_hang() {
    let ctx = Context::new();
    let (device, i, _o) = streamer(&ctx);
    let producer = socket::<Push>(&ctx);
    producer.connect(&i).unwrap();
    producer.send("queued").unwrap();
    // The out side has no peer: the message waits in the device.
    device.statistics().unwrap();
    within(TIMEOUT, move || drop(device));
    // The binds are gone with the device's sockets: binding again works.
    let again = socket::<Pull>(&ctx);
    within(TIMEOUT, move || {
        // Socket close is asynchronous in libzmq: retry until the inproc
        // name is free, bounded by `within`.
        while again.bind(&i).is_err() {
            thread::yield_now();
        }
    });
}

#[test]
fn pause_holds_messages_and_resume_releases_them() {
    let ctx = Context::new();
    let (device, i, o) = streamer(&ctx);
    let (producer, consumer) = ends(&ctx, &i, &o);
    device.pause().unwrap();
    producer.send("held").unwrap();
    // STATISTICS is answered after PAUSE was obeyed: nothing forwarded.
    assert_eq!(device.statistics().unwrap().backend.sent_messages, 0);
    assert_eq!(consumer.try_recv().unwrap(), None);
    device.resume().unwrap();
    assert_eq!(consumer.recv().unwrap(), "held");
    device.stop().unwrap();
}

#[test]
fn monitored_queue_prefixes_each_direction_on_the_mon_socket() {
    let ctx = Context::new();
    let (i, o, m) = (inproc("mq-in"), inproc("mq-out"), inproc("mq-mon"));
    let device = Device::monitored_queue(
        &ctx,
        SocketKind::Router,
        SocketKind::Dealer,
        SocketKind::Pair,
    )
    .bind_in(&i)
    .bind_out(&o)
    .bind_mon(&m)
    .start()
    .unwrap();
    let mon = socket::<Pair>(&ctx);
    mon.connect(&m).unwrap();
    let worker = socket::<Rep>(&ctx);
    worker.connect(&o).unwrap();
    let client = socket::<Req>(&ctx);
    client.connect(&i).unwrap();

    client.send("ping").unwrap();
    assert_eq!(worker.recv().unwrap(), "ping");
    worker.send("pong").unwrap();
    assert_eq!(client.recv().unwrap(), "pong");

    // [prefix, routing id, empty delimiter, body] in each direction.
    let inbound = mon.recv_multipart().unwrap();
    assert_eq!(inbound.len(), 4);
    assert_eq!(inbound[0], "in");
    assert_eq!(inbound[2], "");
    assert_eq!(inbound[3], "ping");
    let outbound = mon.recv_multipart().unwrap();
    assert_eq!(outbound[0], "out");
    assert_eq!(outbound[1], inbound[1], "same client routing id");
    assert_eq!(outbound[3], "pong");
    device.stop().unwrap();
}

#[test]
fn monitored_queue_between_routers_swaps_routing_ids() {
    let ctx = Context::new();
    let (i, o) = (inproc("rr-in"), inproc("rr-out"));
    let device = Device::monitored_queue(
        &ctx,
        SocketKind::Router,
        SocketKind::Router,
        SocketKind::Pub,
    )
    .bind_in(&i)
    .bind_out(&o)
    .bind_mon(inproc("rr-mon"))
    .start()
    .unwrap();
    let worker = socket::<Dealer>(&ctx);
    worker.set_routing_id("worker").unwrap();
    worker.connect(&o).unwrap();
    let client = socket::<Dealer>(&ctx);
    client.set_routing_id("client").unwrap();
    client.connect(&i).unwrap();
    // The in ROUTER sees [client, worker, body]; swapped, the out ROUTER
    // routes [worker, client, body] to the worker. Wait for the worker's
    // connection to be known with a handshake the other way first.
    let mut got = None;
    for _ in 0..1000 {
        client.send_multipart(["worker", "hello"]).unwrap();
        worker
            .set_rcvtimeo(Some(Duration::from_millis(20)))
            .unwrap();
        if let Ok(m) = worker.recv_multipart() {
            got = Some(m);
            break;
        }
    }
    let got = got.expect("message routed to the worker");
    assert_eq!(got.len(), 2);
    assert_eq!(got[0], "client");
    assert_eq!(got[1], "hello");
    device.stop().unwrap();
}

#[test]
fn start_reports_setup_errors() {
    let ctx = Context::new();
    let err = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
        .bind_in("bogus://nowhere")
        .start()
        .unwrap_err();
    assert_eq!(err.cause(), &Error::ProtocolNotSupported);
    assert_eq!(err.endpoint(), Some("bogus://nowhere"));

    let err = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
        .configure_out(|_| Err(Error::InvalidArgument))
        .start()
        .unwrap_err();
    assert_eq!(err, Error::InvalidArgument);
}

#[test]
fn device_ends_with_its_context_and_reports_ok() {
    let ctx = Context::new();
    let mut device = Device::proxy(&ctx, SocketKind::Pull, SocketKind::Push)
        .bind_in("tcp://127.0.0.1:*")
        .start()
        .unwrap();
    assert!(
        device
            .in_endpoint()
            .unwrap()
            .starts_with("tcp://127.0.0.1:")
    );
    assert!(device.is_running());
    ctx.shutdown().unwrap();
    assert!(device.wait_timeout(TIMEOUT));
    assert!(!device.is_running());
    assert_eq!(device.statistics(), Err(Error::WrongState));
    assert_eq!(device.join(), Ok(()));
}
