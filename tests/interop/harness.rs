//! Runs the guide samples of `examples/` as child processes, every wait
//! bounded: shared by `tests/guide.rs` and `tests/interop.rs`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long any one process may take before the test fails (generous:
/// CI machines are slow and run several builds).
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The guide's samples use fixed ports (5555...): tests that run them take
/// this lock, so they run one at a time, within this test process (a mutex)
/// and across test binaries running at once (an `flock` on a file in the
/// system's temporary directory). A failed test poisons the mutex; the next
/// one goes on regardless.
pub fn serial() -> PortsGuard {
    static PORTS: Mutex<()> = Mutex::new(());
    let local = PORTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let path = std::env::temp_dir().join("zmq-rs-guide-ports.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    let deadline = Instant::now() + 10 * TIMEOUT;
    // SAFETY: flock on a descriptor that `file` keeps open; LOCK_NB makes it
    // a plain poll, so this never blocks without bound.
    while unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        assert!(
            Instant::now() < deadline,
            "the guide ports lock {} stayed taken",
            path.display()
        );
        thread::sleep(Duration::from_millis(20));
    }
    PortsGuard {
        _file: file,
        _local: local,
    }
}

/// Holds the guide ports (see [`serial`]); the file lock goes with the file.
pub struct PortsGuard {
    _file: std::fs::File,
    _local: MutexGuard<'static, ()>,
}

/// `target/<profile>/examples`, next to this test binary's `deps/`, with
/// the samples built (`cargo test --test guide` does not build examples by
/// itself, so this runs `cargo build --examples` once per test process with
/// the same profile and features; a no-op when they are up to date, and
/// examples whose `required-features` are off are left out).
pub fn examples_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let exe = std::env::current_exe().expect("test binary path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("target/<profile>");
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => "dev",
            Some(other) => other,
        };
        let mut features = Vec::new();
        // The same feature set as this test binary ("default" included),
        // so that cargo finds the examples up to date when `cargo test`
        // built them, and builds nothing twice.
        for (on, name) in [
            (cfg!(feature = "default"), "default"),
            (cfg!(feature = "vendored"), "vendored"),
            (cfg!(feature = "draft"), "draft"),
            (cfg!(feature = "curve"), "curve"),
            (cfg!(feature = "bindgen"), "bindgen"),
            (cfg!(feature = "tokio"), "tokio"),
        ] {
            if on {
                features.push(name);
            }
        }
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "build",
                "--quiet",
                "--no-default-features",
                "--profile",
                profile,
            ])
            .arg("--features")
            .arg(features.join(","));
        if let Some(target_dir) = profile_dir.parent() {
            cargo.arg("--target-dir").arg(target_dir);
        }
        cargo.arg("--examples");
        let status = cargo.status().expect("run cargo build for the examples");
        assert!(
            status.success(),
            "cargo build of the examples failed: {status}"
        );
        profile_dir.join("examples")
    })
}

/// A running sample (or any child process), its output collected on a
/// thread so that it can never block on a full pipe. Dropping it kills the
/// process, so a failing test leaves nothing behind.
pub struct Running {
    name: String,
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    output: Vec<String>,
    reader: Option<JoinHandle<()>>,
    stderr: Option<JoinHandle<String>>,
}

/// What a process printed, and how it ended.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Finished {
    /// The lines of stdout.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// Starts guide sample `name` with `args` and extra environment `env`.
pub fn start(name: &str, args: &[&str], env: &[(&str, &str)]) -> Running {
    let mut command = Command::new(examples_dir().join(name));
    command.args(args).envs(env.iter().copied());
    spawn(name, command)
}

/// Starts any command (a Python peer, say), with piped stdio.
pub fn spawn(name: &str, mut command: Command) -> Running {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, lines) = mpsc::channel();
    let reader = thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut stderr = child.stderr.take().expect("piped stderr");
    let stderr = thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    Running {
        name: name.to_string(),
        stdin: child.stdin.take(),
        child,
        lines,
        output: Vec::new(),
        reader: Some(reader),
        stderr: Some(stderr),
    }
}

impl Running {
    /// The process id (to send it a signal).
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process has exited (it is reaped then: signal it no more).
    pub fn has_exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Writes `text` to the process's standard input.
    pub fn write_stdin(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().expect("stdin still open");
        stdin.write_all(text.as_bytes()).expect("write to stdin");
        stdin.flush().expect("flush stdin");
    }

    /// Closes the process's standard input (end of file).
    pub fn close_stdin(&mut self) {
        drop(self.stdin.take());
    }

    /// Waits (at most [`TIMEOUT`]) for a line of stdout that contains
    /// `needle`, and returns it.
    pub fn wait_for_line(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.output.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => {
                    let name = self.name.clone();
                    let finished = self.kill();
                    panic!("{name}: no line with {needle:?} within {TIMEOUT:?}; {finished:#?}");
                }
            }
        }
    }

    /// Waits (at most [`TIMEOUT`]) for the process to exit; on timeout kills
    /// it and fails. Returns what it printed.
    pub fn finish(mut self) -> Finished {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(20)),
                Ok(None) => {
                    let name = self.name.clone();
                    let finished = self.kill();
                    panic!("{name} did not exit within {TIMEOUT:?}; {finished:#?}");
                }
                Err(e) => panic!("{}: wait failed: {e}", self.name),
            }
        }
        self.collect()
    }

    /// Like [`Running::finish`], and the process must have exited with
    /// success.
    pub fn success(self) -> Finished {
        let name = self.name.clone();
        let finished = self.finish();
        assert!(finished.status.success(), "{name} failed: {finished:#?}");
        finished
    }

    /// Kills the process and returns what it printed.
    pub fn kill(&mut self) -> Finished {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.collect()
    }

    fn collect(&mut self) -> Finished {
        let status = self.child.wait().expect("wait for the child");
        drop(self.stdin.take());
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.output.extend(self.lines.try_iter());
        let stderr = self.stderr.take().map(|h| h.join().unwrap_or_default());
        Finished {
            status,
            stdout: self.output.iter().map(|l| format!("{l}\n")).collect(),
            stderr: stderr.unwrap_or_default(),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A fresh directory of its own for a test whose samples use `ipc://`
/// endpoints (relative paths), so that they never meet another test's
/// sockets; removed when dropped.
pub struct Scratch(PathBuf);

impl Scratch {
    /// Creates the directory for `test` (emptied if it was left behind).
    pub fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("zmq-guide-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the scratch directory");
        Scratch(dir)
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Starts guide sample `name` in this directory, like [`start`].
    pub fn start(&self, name: &str, args: &[&str], env: &[(&str, &str)]) -> Running {
        let mut command = Command::new(examples_dir().join(name));
        command
            .args(args)
            .envs(env.iter().copied())
            .current_dir(&self.0);
        spawn(name, command)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
