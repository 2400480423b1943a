//! The Binary Star state machine (`bstar/mod.rs`, the guide's `bstar`
//! class, which `bstarsrv` and `bstarsrv2` run) on its own: prints what
//! every event does in every state. A state message from the peer means
//! the peer is alive; a client request is answered or dropped depending
//! on whether the peer was heard from within two heartbeats ("alive") or
//! not ("silent").
#[path = "bstar/mod.rs"]
mod bstar;
#[path = "zhelpers/mod.rs"]
mod zhelpers;

use bstar::{Event, State, transition};

fn main() {
    for state in State::ALL {
        for event in Event::ALL {
            let cases: &[(bool, &str)] = if event == Event::ClientRequest {
                &[(true, " (peer alive)"), (false, " (peer silent)")]
            } else {
                &[(true, "")]
            };
            for &(peer_alive, peer) in cases {
                let outcome = match transition(state, event, peer_alive) {
                    Ok(step) => {
                        let answer = match (event, step.accept) {
                            (Event::ClientRequest, true) => ", answer",
                            (Event::ClientRequest, false) => ", drop",
                            _ => "",
                        };
                        let note = step.note.map(|n| format!(": {n}")).unwrap_or_default();
                        format!("{:?}{answer}{note}", step.state)
                    }
                    Err(fatal) => format!("exit: {fatal}"),
                };
                println!("{state:?} + {event:?}{peer} -> {outcome}");
            }
        }
    }
}
