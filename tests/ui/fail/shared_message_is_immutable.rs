// A message's bytes are only reachable mutably through `get_mut`, which
// checks that the buffer is not shared; there is no `DerefMut`/`IndexMut`.
fn main() {
    let mut msg = zmq::Message::from(vec![0u8; 64]);
    let _shared = msg.clone();
    msg[0] = 1;
}
