// A socket cannot be moved (here: to another thread) while a poller
// borrows it.
use zmq::{Context, PollEvents, Poller, Pull};

fn main() {
    let ctx = Context::new();
    let pull = ctx.socket::<Pull>().unwrap();
    let mut poller = Poller::new();
    poller.add(&pull, PollEvents::IN, ()).unwrap();
    std::thread::spawn(move || pull.recv());
    let _ = poller.len();
}
