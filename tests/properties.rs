//! Property tests of everything that reads untrusted input (issue 4, "hostile input,
//! never fatal"): the envelope decoder, the command parser, the name rules, the
//! sanitiser, and the user-mode screen drawn from hostile messages.
//!
//! Each property runs proptest's default 256 cases; `PROPTEST_CASES` changes that, e.g.
//! `PROPTEST_CASES=5000 cargo test --test properties` (about a minute). The expensive ones
//! (drawing screens, deep nesting, bodies at the limit) keep their own smaller count.

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod properties {
    pub mod command;
    pub mod envelope;
    pub mod names;
    pub mod sanitize;
    pub mod strategies;
    pub mod view;
}
