//! Report the libzmq version (the guide's `version` sample).
fn main() {
    let v = zmq::version();
    println!("Current 0MQ version is {}.{}.{}", v.major, v.minor, v.patch);
}
