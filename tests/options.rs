//! Every readable-and-writable socket option round-trips through its typed
//! setter and getter; read-only options read; restricted write-only options
//! are accepted by the socket types that offer them.

mod common;

use std::time::Duration;
use zmq::{
    Context, CurveKey, Dealer, Error, Mechanism, PollEvents, Pub, Pull, Push, Rep, Req, Router,
    Socket, SocketKind, Stream, Sub, XPub, XSub,
};

/// Sets each value and reads it back.
macro_rules! round_trip {
    ($s:expr; $( $set:ident / $get:ident : $($v:expr),+ ; )*) => {$(
        $(
            let v = $v;
            $s.$set(v.clone()).unwrap_or_else(|e| panic!("{}({:?}): {e}", stringify!($set), v));
            assert_eq!($s.$get().unwrap_or_else(|e| panic!("{}: {e}", stringify!($get))), v, "{}", stringify!($get));
        )+
    )*};
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn every_general_option_round_trips() {
    let ctx = Context::new();
    let s = ctx.socket::<Dealer>().unwrap();
    round_trip! { s;
        set_affinity / affinity: 0u64, 3u64;
        set_backlog / backlog: 50, 200;
        set_bindtodevice / bindtodevice: "lo", "eth0";
        set_connect_timeout / connect_timeout: ms(0), ms(1500);
        set_handshake_ivl / handshake_ivl: ms(0), ms(2000);
        set_heartbeat_ivl / heartbeat_ivl: ms(0), ms(500);
        set_heartbeat_ttl / heartbeat_ttl: ms(0), ms(2000);
        set_heartbeat_timeout / heartbeat_timeout: ms(0), ms(700);
        set_immediate / immediate: true, false;
        set_ipv4only / ipv4only: false, true;
        set_ipv6 / ipv6: true, false;
        set_linger / linger: None, Some(ms(0)), Some(ms(250));
        set_maxmsgsize / maxmsgsize: Some(1u64 << 40), None;
        set_multicast_hops / multicast_hops: 5, 1;
        set_multicast_maxtpdu / multicast_maxtpdu: 1400, 1500;
        set_plain_password / plain_password: "secret", "other";
        set_plain_server / plain_server: true, false;
        set_plain_username / plain_username: "admin", "user";
        set_rate / rate: 1000, 100;
        set_rcvbuf / rcvbuf: Some(65536), None;
        set_rcvhwm / rcvhwm: 0, 10, 1000;
        set_rcvtimeo / rcvtimeo: Some(ms(10)), None;
        set_reconnect_ivl / reconnect_ivl: None, Some(ms(100));
        set_reconnect_ivl_max / reconnect_ivl_max: ms(5000), ms(0);
        set_recovery_ivl / recovery_ivl: ms(5000), ms(10000);
        set_sndbuf / sndbuf: Some(65536), None;
        set_sndhwm / sndhwm: 0, 10, 1000;
        set_sndtimeo / sndtimeo: Some(ms(10)), None;
        set_socks_proxy / socks_proxy: "127.0.0.1:1080", "";
        set_tcp_keepalive / tcp_keepalive: Some(true), Some(false), None;
        set_tcp_keepalive_cnt / tcp_keepalive_cnt: Some(3), None;
        set_tcp_keepalive_idle / tcp_keepalive_idle: Some(60), None;
        set_tcp_keepalive_intvl / tcp_keepalive_intvl: Some(10), None;
        set_tcp_maxrt / tcp_maxrt: ms(3000), ms(0);
        set_tos / tos: 0x10, 0;
        set_use_fd / use_fd: 3, -1;
        set_zap_domain / zap_domain: "global", "other";
        set_routing_id / routing_id: b"peer-1".to_vec(), vec![0u8, 1, 2];
        set_conflate / conflate: true, false;
    }
    assert_eq!(s.curve_server().is_ok(), zmq::has("curve"));
    // PLAIN credentials select the mechanism; the empty name resets it.
    assert_eq!(s.mechanism().unwrap(), Mechanism::Plain);
    s.set_plain_username("").unwrap();
    assert_eq!(s.mechanism().unwrap(), Mechanism::Null);
}

#[test]
fn curve_options_round_trip_in_binary_and_z85() {
    if !zmq::has("curve") {
        // Without CURVE libzmq refuses the options.
        let ctx = Context::new();
        let s = ctx.socket::<Req>().unwrap();
        assert_eq!(s.set_curve_server(true), Err(Error::InvalidArgument));
        return;
    }
    let ctx = Context::new();
    let s = ctx.socket::<Req>().unwrap();
    let pair = zmq::CurveKeyPair::new().unwrap();
    s.set_curve_publickey(pair.public).unwrap();
    assert_eq!(s.curve_publickey().unwrap(), pair.public);
    s.set_curve_secretkey(pair.secret.to_z85()).unwrap();
    assert_eq!(s.curve_secretkey().unwrap(), pair.secret);
    let server = zmq::CurveKeyPair::new().unwrap();
    s.set_curve_serverkey(server.public.as_bytes()).unwrap();
    assert_eq!(s.curve_serverkey().unwrap(), server.public);
    assert_eq!(s.mechanism().unwrap(), Mechanism::Curve);
    s.set_curve_server(true).unwrap();
    assert!(s.curve_server().unwrap());
    assert_eq!(
        CurveKey::from_z85(&server.public.to_z85()).unwrap(),
        server.public
    );
}

#[test]
fn gssapi_and_vmci_options_follow_the_build() {
    let ctx = Context::new();
    let s = ctx.socket::<Req>().unwrap();
    if zmq::has("gssapi") {
        round_trip! { s;
            set_gssapi_server / gssapi_server: true, false;
            set_gssapi_plaintext / gssapi_plaintext: true, false;
            set_gssapi_principal / gssapi_principal: "p";
            set_gssapi_service_principal / gssapi_service_principal: "svc";
            set_gssapi_principal_nametype / gssapi_principal_nametype: 1;
            set_gssapi_service_principal_nametype / gssapi_service_principal_nametype: 2;
        }
    } else {
        assert_eq!(s.set_gssapi_server(true), Err(Error::InvalidArgument));
    }
    if zmq::has("vmci") {
        round_trip! { s;
            set_vmci_buffer_size / vmci_buffer_size: 4096u64;
            set_vmci_buffer_min_size / vmci_buffer_min_size: 128u64;
            set_vmci_buffer_max_size / vmci_buffer_max_size: 1u64 << 20;
            set_vmci_connect_timeout / vmci_connect_timeout: Some(ms(100)), None;
        }
    } else {
        assert_eq!(s.set_vmci_buffer_size(4096), Err(Error::InvalidArgument));
    }
}

#[test]
fn read_only_options() {
    let ctx = Context::new();
    let s = ctx.socket::<Rep>().unwrap();
    assert_eq!(s.socket_type().unwrap(), SocketKind::Rep.raw());
    assert_eq!(s.mechanism().unwrap(), Mechanism::Null);
    assert!(!s.rcvmore().unwrap());
    assert!(!s.thread_safe().unwrap());
    assert!(s.fd().unwrap() >= 0);
    assert_eq!(s.events().unwrap(), PollEvents::empty());
    assert_eq!(s.last_endpoint().unwrap(), "");
    s.bind("tcp://127.0.0.1:*").unwrap();
    assert!(s.last_endpoint().unwrap().starts_with("tcp://127.0.0.1:"));
}

#[test]
fn restricted_options_on_their_socket_types() {
    let ctx = Context::new();
    let sub = ctx.socket::<Sub>().unwrap();
    sub.set_subscribe(b"a").unwrap();
    sub.set_unsubscribe(b"a").unwrap();
    round_trip! { sub; set_invert_matching / invert_matching: true, false; }
    let publisher = ctx.socket::<Pub>().unwrap();
    publisher.set_xpub_nodrop(true).unwrap();
    publisher.set_conflate(true).unwrap();
    let router = ctx.socket::<Router>().unwrap();
    router.set_router_mandatory(true).unwrap();
    router.set_router_handover(true).unwrap();
    router.set_probe_router(true).unwrap();
    router.set_connect_routing_id(b"next").unwrap();
    router.set_router_raw(false).unwrap();
    let req = ctx.socket::<Req>().unwrap();
    req.set_req_correlate(true).unwrap();
    req.set_req_relaxed(true).unwrap();
    let xpub = ctx.socket::<XPub>().unwrap();
    xpub.set_xpub_verbose(true).unwrap();
    xpub.set_xpub_verboser(true).unwrap();
    xpub.set_xpub_manual(true).unwrap();
    xpub.set_xpub_welcome_msg(b"welcome").unwrap();
    let stream = ctx.socket::<Stream>().unwrap();
    stream.set_stream_notify(false).unwrap();
    stream.set_connect_routing_id(b"raw").unwrap();
    let push: Socket<Push> = ctx.socket().unwrap();
    push.set_conflate(true).unwrap();
    let pull: Socket<Pull> = ctx.socket().unwrap();
    pull.set_conflate(true).unwrap();
    let _xsub = ctx.socket::<XSub>().unwrap();
    // A dynamic socket offers every option; libzmq judges.
    let dynamic = ctx.dynamic_socket(SocketKind::Pull).unwrap();
    assert_eq!(dynamic.set_req_relaxed(true), Err(Error::InvalidArgument));
}

#[cfg(feature = "draft")]
#[test]
fn draft_options_round_trip() {
    let ctx = Context::new();
    let s = ctx.socket::<Router>().unwrap();
    round_trip! { s;
        set_zap_enforce_domain / zap_enforce_domain: true, false;
        set_loopback_fastpath / loopback_fastpath: true, false;
        set_in_batch_size / in_batch_size: 100, 8192;
        set_out_batch_size / out_batch_size: 100, 8192;
        set_reconnect_stop / reconnect_stop: zmq::sys::ZMQ_RECONNECT_STOP_CONN_REFUSED, 0;
        set_router_notify / router_notify: zmq::sys::ZMQ_NOTIFY_CONNECT, 0;
        set_priority / priority: 1, 0;
        set_socks_username / socks_username: "u";
        set_socks_password / socks_password: "p";
    }
    s.set_metadata("X-App:demo").unwrap();
    s.set_hello_msg(b"hi").unwrap();
    s.set_disconnect_msg(b"bye").unwrap();
    s.set_busy_poll(true).unwrap();
    let xpub = ctx.socket::<XPub>().unwrap();
    xpub.set_only_first_subscribe(true).unwrap();
    xpub.set_xpub_manual_last_value(true).unwrap();
    assert_eq!(xpub.topics_count().unwrap(), 0);
    let xsub = ctx.socket::<XSub>().unwrap();
    xsub.set_xsub_verbose_unsubscribe(true).unwrap();
    let d = ctx.socket::<Dealer>().unwrap();
    d.set_hiccup_msg(b"oops").unwrap();
    let radio = ctx.socket::<zmq::Radio>().unwrap();
    round_trip! { radio; set_multicast_loop / multicast_loop: false, true; }
}
