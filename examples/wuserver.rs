//! Weather update server: binds a PUB socket to tcp://*:5556 and publishes
//! random weather updates ("zipcode temperature relhumidity").
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use zhelpers::randrange;

fn main() -> zmq::Result<()> {
    let context = zmq::Context::new();
    let publisher = context.socket::<zmq::Pub>()?;
    publisher.bind("tcp://*:5556")?;

    for _ in zhelpers::forever() {
        // Get values that will fool the boss
        let zipcode = randrange(1, 100_000);
        let temperature = randrange(-80, 135);
        let relhumidity = randrange(10, 60);

        // Send the update to all subscribers
        publisher.send(format!("{zipcode:05} {temperature} {relhumidity}"))?;
    }
    Ok(())
}
