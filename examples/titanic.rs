//! Titanic, the disconnected-reliability service (spec 9) on top of
//! Majordomo: three MDP workers on the broker at tcp://localhost:5555 —
//! `titanic.request` stores a request on disk and answers with its UUID,
//! `titanic.reply` returns the stored reply (200), "pending" (300) or
//! "unknown" (400), `titanic.close` deletes both — and a dispatcher that
//! forwards the stored requests to their services once MMI says they have
//! workers, and stores the replies.
//!
//! The guide's disk layout, in the working directory: `.titanic/queue`
//! lists one UUID a line, `-UUID` while pending and `+UUID` once served;
//! `.titanic/UUID.req` and `.titanic/UUID.rep` hold the request (service
//! name first) and the reply, each frame as a 4-byte big-endian length and
//! its bytes. `-v` logs the dispatcher's MDP traffic; under
//! `ZGUIDE_ITERS=N` Titanic stops after closing N requests.
#[path = "mdp/mod.rs"]
mod mdp;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use mdp::mdcliapi::MajorDomoClient;
use mdp::mdwrkapi::MajorDomoWorker;
use std::collections::hash_map::RandomState;
use std::fs::{self, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use zhelpers::scaled;
use zmq::{Multipart, Pair, PollEvents, PollSet, Socket};

const BROKER: &str = "tcp://localhost:5555";
const TITANIC_DIR: &str = ".titanic";

/// The file of the request with `uuid`.
fn request_filename(uuid: &str) -> PathBuf {
    Path::new(TITANIC_DIR).join(format!("{uuid}.req"))
}

/// The file of the reply to the request with `uuid`.
fn reply_filename(uuid: &str) -> PathBuf {
    Path::new(TITANIC_DIR).join(format!("{uuid}.rep"))
}

/// A new random UUID, as 32 lower-case hex digits.
fn generate_uuid() -> String {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    // std's hasher keys are random per process: two random words.
    let word = |salt: u8| {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u128(now);
        hasher.write_u8(salt);
        hasher.finish()
    };
    format!("{:016x}{:016x}", word(0), word(1))
}

/// Whether `uuid` is one Titanic made (so that it names a file in
/// `.titanic` and nothing else).
fn valid_uuid(uuid: &[u8]) -> bool {
    uuid.len() == 32 && uuid.iter().all(u8::is_ascii_hexdigit)
}

/// Writes `frames` to `path`: each as a 4-byte big-endian length, then the
/// bytes.
fn save(path: &Path, frames: &Multipart) -> mdp::Result<()> {
    let mut bytes = Vec::new();
    for frame in frames {
        let len = u32::try_from(frame.len()).map_err(|_| "frame over 4 GiB")?;
        bytes.extend_from_slice(&len.to_be_bytes());
        bytes.extend_from_slice(frame);
    }
    fs::write(path, bytes)?;
    Ok(())
}

/// Reads the frames that [`save`] wrote.
fn load(path: &Path) -> mdp::Result<Multipart> {
    let bytes = fs::read(path)?;
    let mut frames = Multipart::new();
    let mut rest = &bytes[..];
    while let Some((len, tail)) = rest.split_first_chunk::<4>() {
        let len = u32::from_be_bytes(*len) as usize;
        if tail.len() < len {
            break;
        }
        frames.push_back(&tail[..len]);
        rest = &tail[len..];
    }
    if !rest.is_empty() {
        return Err(format!("{}: truncated", path.display()).into());
    }
    Ok(frames)
}

/// The `titanic.request` service: stores each request, passes its UUID to
/// the dispatcher through `pipe`, and answers [200, UUID].
fn titanic_request(pipe: Socket<Pair>) -> mdp::Result<()> {
    let mut worker = MajorDomoWorker::new(BROKER, b"titanic.request", false)?;
    let mut reply = None;
    loop {
        // Send reply if it's not null, and then get next request from
        // broker
        let request = worker.recv(reply.take())?;
        // Ensure message directory exists
        fs::create_dir_all(TITANIC_DIR)?;
        // Generate UUID and save message to disk
        let uuid = generate_uuid();
        save(&request_filename(&uuid), &request)?;
        // Send UUID through to message queue
        pipe.send(uuid.as_str())?;
        // Now send UUID back to client, at the top of the loop
        reply = Some(Multipart::from(["200", uuid.as_str()]));
    }
}

/// The `titanic.reply` service: [UUID] -> [200, reply...], [300] while
/// pending, [400] if unknown.
fn titanic_reply() -> mdp::Result<()> {
    let mut worker = MajorDomoWorker::new(BROKER, b"titanic.reply", false)?;
    let mut reply = None;
    loop {
        let request = worker.recv(reply.take())?;
        let uuid = request.front().map(|u| u.to_vec()).unwrap_or_default();
        if !valid_uuid(&uuid) {
            reply = Some(Multipart::from(["400"]));
            continue;
        }
        let uuid = String::from_utf8_lossy(&uuid);
        let rep_filename = reply_filename(&uuid);
        reply = Some(if rep_filename.exists() {
            let mut stored = load(&rep_filename)?;
            stored.push_front("200");
            stored
        } else if request_filename(&uuid).exists() {
            Multipart::from(["300"]) // pending
        } else {
            Multipart::from(["400"]) // unknown
        });
    }
}

/// The `titanic.close` service: [UUID] -> [200], the request and its
/// reply deleted. Returns after `limit` requests, with the last reply sent.
fn titanic_close(limit: u64) -> mdp::Result<()> {
    let mut worker = MajorDomoWorker::new(BROKER, b"titanic.close", false)?;
    let mut reply = None;
    for _ in 0..limit {
        let request = worker.recv(reply.take())?;
        let uuid = request.front().map(|u| u.to_vec()).unwrap_or_default();
        if valid_uuid(&uuid) {
            let uuid = String::from_utf8_lossy(&uuid);
            // Files that are gone already are fine.
            let _ = fs::remove_file(request_filename(&uuid));
            let _ = fs::remove_file(reply_filename(&uuid));
        }
        reply = Some(Multipart::from(["200"]));
    }
    worker.finish(reply)
}

/// Tries to serve the stored request `uuid`: true once it has a reply
/// (or was closed meanwhile).
fn service_success(client: &mut MajorDomoClient, uuid: &str) -> mdp::Result<bool> {
    // Load request message, service will be first frame
    let filename = request_filename(uuid);
    // If the client already closed request, treat as successful
    if !filename.exists() {
        return Ok(true);
    }
    let mut request = load(&filename)?;
    let service = request.pop_front().unwrap_or_default();
    // Use MMI protocol to check if service is available
    let mmi_reply = client.send(b"mmi.service", [&service])?;
    let service_ok = mmi_reply.is_some_and(|reply| reply.front().is_some_and(|c| c == "200"));
    if !service_ok {
        return Ok(false);
    }
    match client.send(&service, request)? {
        Some(reply) => {
            save(&reply_filename(uuid), &reply)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Runs `service` on a thread; if it fails, Titanic cannot work: say why
/// and end the process.
fn spawn_service(name: &'static str, service: impl FnOnce() -> mdp::Result<()> + Send + 'static) {
    std::thread::spawn(move || {
        if let Err(e) = service() {
            eprintln!("E: {name}: {e}");
            std::process::exit(1);
        }
    });
}

/// Creates `.titanic` and its queue file if they do not exist.
fn ensure_queue(queue: &Path) -> mdp::Result<()> {
    fs::create_dir_all(TITANIC_DIR)?;
    OpenOptions::new().create(true).append(true).open(queue)?;
    Ok(())
}

/// The brute-force dispatcher: tries every pending request in the queue,
/// and marks the ones served with '+'.
fn dispatch(client: &mut MajorDomoClient, queue: &Path) -> mdp::Result<()> {
    let entries = fs::read(queue)?;
    let mut file = OpenOptions::new().write(true).open(queue)?;
    let mut offset = 0;
    for entry in entries.split_inclusive(|&b| b == b'\n') {
        // UUID is prefixed with '-' if still waiting
        if let Some(uuid) = entry.strip_prefix(b"-") {
            let uuid = String::from_utf8_lossy(uuid).trim_end().to_string();
            println!("I: processing request {uuid}");
            if service_success(client, &uuid)? {
                // Mark queue entry as processed
                file.seek(SeekFrom::Start(offset))?;
                file.write_all(b"+")?;
            }
        }
        offset += entry.len() as u64;
    }
    Ok(())
}

fn main() -> mdp::Result<()> {
    let context = zmq::Context::new();
    // Create MDP client session with short timeout
    let mut client = MajorDomoClient::new(BROKER, mdp::verbose())?;
    client.set_timeout(scaled(Duration::from_secs(1)));
    client.set_retries(1); // only 1 attempt

    let request_pipe = context.socket::<Pair>()?;
    request_pipe.bind("inproc://titanic-request")?;
    let peer = context.socket::<Pair>()?;
    peer.connect("inproc://titanic-request")?;
    spawn_service("titanic.request", move || titanic_request(peer));
    spawn_service("titanic.reply", titanic_reply);
    // Tells the dispatcher that titanic.close has closed its last request.
    let done = context.socket::<Pair>()?;
    done.bind("inproc://titanic-done")?;
    let done_peer = context.socket::<Pair>()?;
    done_peer.connect("inproc://titanic-done")?;
    let limit = zhelpers::iterations().unwrap_or(u64::MAX);
    spawn_service("titanic.close", move || {
        titanic_close(limit)?;
        done_peer.send("done")?;
        Ok(())
    });

    let mut items = PollSet::new();
    let new_request = items.add(&request_pipe, PollEvents::IN);
    let closed_all = items.add(&done, PollEvents::IN);
    let queue = Path::new(TITANIC_DIR).join("queue");
    // Main dispatcher loop
    loop {
        // Ensure message directory exists
        ensure_queue(&queue)?;
        // We'll dispatch once per second, if there's no activity
        items.poll(Some(scaled(Duration::from_secs(1))))?;
        if items.is_readable(closed_all) {
            break;
        }
        if items.is_readable(new_request) {
            // Append UUID to queue, prefixed with '-' for pending
            let uuid = request_pipe.recv()?;
            let mut file = OpenOptions::new().append(true).open(&queue)?;
            writeln!(file, "-{uuid}")?;
        }
        // Brute-force dispatcher
        dispatch(&mut client, &queue)?;
    }
    Ok(())
}
