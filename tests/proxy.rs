//! The proxy: shared queue, forwarder with capture, steering.

mod common;

use common::{TIMEOUT, inproc, socket};
use std::sync::mpsc;
use std::thread;
use zmq::{
    Context, Dealer, Pair, Proxy, ProxyControl, Pull, Push, Rep, Req, Result, Router, Socket, Sub,
    XPub, XSub,
};

/// Runs `f` on a thread and returns a receiver for its result, so the test
/// can wait for it with a bound.
fn spawn_bounded<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> mpsc::Receiver<R> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx
}

#[test]
fn router_dealer_proxy_returns_every_reply_to_its_requester() {
    let ctx = Context::new();
    let (front_ep, back_ep) = (inproc("front"), inproc("back"));
    let frontend = socket::<Router>(&ctx);
    frontend.bind(&front_ep).unwrap();
    let backend = socket::<Dealer>(&ctx);
    backend.bind(&back_ep).unwrap();
    let proxy = spawn_bounded(move || zmq::proxy(&frontend, &backend));

    let workers: Vec<_> = (0..3)
        .map(|w| {
            let worker = socket::<Rep>(&ctx);
            worker.connect(&back_ep).unwrap();
            thread::spawn(move || {
                // Echo with the worker's name until the context goes away.
                while let Ok(request) = worker.recv_string() {
                    worker.send(format!("{request} by worker {w}")).unwrap();
                }
            })
        })
        .collect();
    let clients: Vec<_> = (0..3)
        .map(|c| {
            let client = socket::<Req>(&ctx);
            client.connect(&front_ep).unwrap();
            thread::spawn(move || -> Result<()> {
                for i in 0..10 {
                    let request = format!("client {c} request {i}");
                    client.send(request.as_str())?;
                    let reply = client.recv_string()?;
                    assert!(
                        reply.starts_with(&format!("{request} by worker ")),
                        "{reply}"
                    );
                }
                Ok(())
            })
        })
        .collect();
    for client in clients {
        client.join().unwrap().unwrap();
    }
    ctx.shutdown().unwrap();
    assert_eq!(proxy.recv_timeout(TIMEOUT).unwrap(), Ok(()));
    for worker in workers {
        worker.join().unwrap();
    }
}

#[test]
fn xsub_xpub_forwarder_copies_every_message_to_capture() {
    let ctx = Context::new();
    let (front_ep, back_ep, cap_ep) = (inproc("xsub"), inproc("xpub"), inproc("cap"));
    let frontend = socket::<XSub>(&ctx);
    frontend.bind(&front_ep).unwrap();
    let backend = socket::<XPub>(&ctx);
    backend.bind(&back_ep).unwrap();
    let tap = socket::<Pull>(&ctx);
    tap.bind(&cap_ep).unwrap();
    let capture = socket::<Push>(&ctx);
    capture.connect(&cap_ep).unwrap();
    let proxy = spawn_bounded(move || Proxy::new(&frontend, &backend).capture(&capture).run());

    // An XPUB publisher sees the subscription arrive: no slow-joiner race.
    let publisher = socket::<XPub>(&ctx);
    publisher.connect(&front_ep).unwrap();
    let subscriber = socket::<Sub>(&ctx);
    subscriber.connect(&back_ep).unwrap();
    subscriber.subscribe("weather").unwrap();
    assert_eq!(publisher.recv().unwrap(), b"\x01weather");
    assert_eq!(tap.recv().unwrap(), b"\x01weather");

    let sent = ["weather 20C", "weather 21C", "weather 19C"];
    for text in sent {
        publisher.send_multipart([text, "end"]).unwrap();
    }
    for text in sent {
        let got = subscriber.recv_multipart().unwrap();
        assert_eq!(got.into_vec(), [text, "end"]);
        let copy = tap.recv_multipart().unwrap();
        assert_eq!(copy.into_vec(), [text, "end"]);
    }
    ctx.shutdown().unwrap();
    assert_eq!(proxy.recv_timeout(TIMEOUT).unwrap(), Ok(()));
}

/// A PULL -> PUSH streamer with a control socket; returns the proxy's
/// result channel, the producer, the consumer and the steering end.
fn steered_streamer<C, S>(
    ctx: &Context,
) -> (
    mpsc::Receiver<Result<()>>,
    Socket<Push>,
    Socket<Pull>,
    ProxyControl<S>,
)
where
    C: zmq::CanSend + zmq::CanRecv,
    S: zmq::CanSend + zmq::CanRecv,
{
    let (in_ep, out_ep, ctl_ep) = (inproc("in"), inproc("out"), inproc("ctl"));
    let frontend = socket::<Pull>(ctx);
    frontend.bind(&in_ep).unwrap();
    let backend = socket::<Push>(ctx);
    backend.bind(&out_ep).unwrap();
    let control = socket::<C>(ctx);
    control.bind(&ctl_ep).unwrap();
    let proxy = spawn_bounded(move || Proxy::new(&frontend, &backend).control(&control).run());
    let producer = socket::<Push>(ctx);
    producer.connect(&in_ep).unwrap();
    let consumer = socket::<Pull>(ctx);
    consumer.connect(&out_ep).unwrap();
    let steer = socket::<S>(ctx);
    steer.connect(&ctl_ep).unwrap();
    (proxy, producer, consumer, ProxyControl::new(steer))
}

fn pause_resume_statistics_terminate<S: zmq::CanSend + zmq::CanRecv>(
    proxy: mpsc::Receiver<Result<()>>,
    producer: Socket<Push>,
    consumer: Socket<Pull>,
    steer: ProxyControl<S>,
) {
    producer.send("one").unwrap();
    assert_eq!(consumer.recv().unwrap(), "one");

    steer.pause().unwrap();
    // STATISTICS is answered on every control socket type, and commands are
    // handled in order, so its reply proves the proxy has handled PAUSE
    // (a PAIR control socket gets no reply to PAUSE itself).
    let stats = steer.statistics().unwrap();
    assert_eq!(stats.frontend.received_messages, 1);
    producer.send("two!").unwrap();
    // Paused: the proxy takes nothing from its frontend.
    let stats = steer.statistics().unwrap();
    assert_eq!(stats.frontend.received_messages, 1);
    assert_eq!(stats.frontend.received_bytes, 3);
    assert_eq!(stats.backend.sent_messages, 1);
    assert_eq!(consumer.try_recv().unwrap(), None);

    steer.resume().unwrap();
    assert_eq!(consumer.recv().unwrap(), "two!");
    let stats = steer.statistics().unwrap();
    assert_eq!(stats.frontend.received_messages, 2);
    assert_eq!(stats.frontend.received_bytes, 7);
    assert_eq!(stats.frontend.sent_messages, 0);
    assert_eq!(stats.backend.sent_messages, 2);
    assert_eq!(stats.backend.sent_bytes, 7);
    assert_eq!(stats.backend.received_messages, 0);

    steer.terminate().unwrap();
    assert_eq!(proxy.recv_timeout(TIMEOUT).unwrap(), Ok(()));
}

#[test]
fn steerable_proxy_with_pair_control() {
    let ctx = Context::new();
    let (proxy, producer, consumer, steer) = steered_streamer::<Pair, Pair>(&ctx);
    pause_resume_statistics_terminate(proxy, producer, consumer, steer);
}

#[test]
fn steerable_proxy_with_rep_control_answers_every_command() {
    let ctx = Context::new();
    let (proxy, producer, consumer, steer) = steered_streamer::<Rep, Req>(&ctx);
    pause_resume_statistics_terminate(proxy, producer, consumer, steer);
}

#[test]
fn steerable_proxy_ignores_unknown_commands_and_ends_on_shutdown() {
    let ctx = Context::new();
    let (proxy, producer, consumer, steer) = steered_streamer::<Pair, Pair>(&ctx);
    steer.socket().send("FROBNICATE").unwrap();
    producer.send("still here").unwrap();
    assert_eq!(consumer.recv().unwrap(), "still here");
    assert_eq!(steer.statistics().unwrap().backend.sent_messages, 1);
    ctx.shutdown().unwrap();
    assert_eq!(proxy.recv_timeout(TIMEOUT).unwrap(), Ok(()));
}

#[test]
fn a_sub_control_socket_steers_the_proxy_as_in_cppzmq() {
    let ctx = Context::new();
    let (in_ep, out_ep, ctl_ep) = (inproc("in"), inproc("out"), inproc("ctl"));
    let frontend = socket::<Pull>(&ctx);
    frontend.bind(&in_ep).unwrap();
    let backend = socket::<Push>(&ctx);
    backend.bind(&out_ep).unwrap();
    let steer = socket::<zmq::XPub>(&ctx);
    steer.bind(&ctl_ep).unwrap();
    let control = socket::<zmq::Sub>(&ctx);
    control.subscribe("").unwrap();
    control.connect(&ctl_ep).unwrap();
    // The subscription has reached the publisher: commands will arrive.
    assert_eq!(steer.recv().unwrap(), b"\x01"[..]);
    let proxy = spawn_bounded(move || Proxy::new(&frontend, &backend).control(&control).run());
    let producer = socket::<Push>(&ctx);
    producer.connect(&in_ep).unwrap();
    let consumer = socket::<Pull>(&ctx);
    consumer.connect(&out_ep).unwrap();
    producer.send("through").unwrap();
    assert_eq!(consumer.recv().unwrap(), "through");
    // A SUB cannot answer STATISTICS: the proxy goes on without replying.
    steer.send("STATISTICS").unwrap();
    steer.send("TERMINATE").unwrap();
    assert_eq!(proxy.recv_timeout(TIMEOUT).unwrap(), Ok(()));
}
