// A socket cannot be dropped while a poll set borrows it.
use zmq::{Context, PollEvents, PollSet, Pull};

fn main() {
    let ctx = Context::new();
    let pull = ctx.socket::<Pull>().unwrap();
    let mut set = PollSet::new();
    set.add(&pull, PollEvents::IN);
    drop(pull);
    set.poll(None).unwrap();
}
