//! The application state machines: `update(state, event) -> effects`, pure and testable
//! without a terminal or a broker. The runtime feeds them events and carries out their
//! effects; the front-ends draw their state.

pub mod admin;
pub mod user;
