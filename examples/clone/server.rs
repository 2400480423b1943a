//! The state a Clone server (models five and six) keeps, and what it does
//! with it: number and publish updates, expire ephemeral values (TTL), and
//! answer snapshot requests. The samples include this file beside
//! `kvmsg.rs` and `zhelpers`.
#![allow(dead_code)]

use crate::kv::KeyValue;
use crate::kvmsg::{self, KvMap, KvMsg};
use crate::zhelpers;

/// The key-value store and the number of the last update.
#[derive(Default)]
pub struct State {
    /// The key-value store.
    pub kvmap: KvMap,
    /// How many updates so far.
    pub sequence: i64,
}

impl State {
    /// Numbers a client's update, publishes it, and stores it; a TTL in
    /// seconds (property `ttl`, scaled by `ZGUIDE_TIME_SCALE`) becomes the
    /// absolute expiry time in the store, as in the guide.
    pub fn publish(
        &mut self,
        mut kvmsg: KvMsg,
        publisher: &zmq::Socket<zmq::Pub>,
    ) -> zmq::Result<()> {
        self.sequence += 1;
        kvmsg.sequence = self.sequence;
        kvmsg.send(publisher)?;
        self.store(kvmsg);
        println!("I: publishing update={}", self.sequence);
        Ok(())
    }

    /// Stores an update, its TTL turned into an expiry time.
    pub fn store(&mut self, mut kvmsg: KvMsg) {
        let ttl = kvmsg.ttl();
        if ttl != 0.0 {
            let expiry = kvmsg::now() + ttl * zhelpers::time_scale();
            kvmsg.set("ttl", format!("{expiry:.6}"));
        }
        kvmsg.store(&mut self.kvmap);
    }

    /// Deletes the values whose time has come and publishes each delete
    /// (an update with an empty body).
    pub fn flush_ttl(&mut self, publisher: &zmq::Socket<zmq::Pub>) -> zmq::Result<()> {
        let now = kvmsg::now();
        let mut expired: Vec<Vec<u8>> = self
            .kvmap
            .iter()
            .filter(|(_, kvmsg)| {
                let ttl = kvmsg.ttl();
                ttl != 0.0 && ttl <= now
            })
            .map(|(key, _)| key.clone())
            .collect();
        expired.sort();
        for key in expired {
            let mut kvmsg = self.kvmap.remove(&key).expect("an expired key");
            kvmsg.body = None;
            self.sequence += 1;
            kvmsg.sequence = self.sequence;
            kvmsg.send(publisher)?;
            println!("I: publishing delete={}", self.sequence);
        }
        Ok(())
    }

    /// Answers a snapshot request `[identity, "ICANHAZ?", subtree]` on the
    /// ROUTER `socket`; `false` (after dumping it) for a bad request.
    pub fn answer_snapshot(
        &self,
        socket: &zmq::Socket<zmq::Router>,
        request: &zmq::Multipart,
    ) -> zmq::Result<bool> {
        if request.len() != 3 || request[1] != "ICANHAZ?" {
            println!("E: bad request, aborting");
            zhelpers::dump(request);
            return Ok(false);
        }
        println!("I: Sending state shapshot={}", self.sequence);
        crate::kv::send_snapshot(socket, &request[0], &self.kvmap, &request[2], self.sequence)?;
        Ok(true)
    }
}
