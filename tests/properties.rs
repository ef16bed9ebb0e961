//! Property tests of everything that reads untrusted input (issue 4, "hostile input,
//! never fatal"): the envelope decoder, the command parser, the name rules, the
//! sanitiser, and the user-mode screen drawn from hostile messages.
//!
//! Each property runs proptest's default 256 cases (the expensive ones fewer); set
//! `PROPTEST_CASES` to run more, e.g. `PROPTEST_CASES=20000 cargo test --test properties`.

mod properties {
    pub mod command;
    pub mod envelope;
    pub mod names;
    pub mod sanitize;
    pub mod strategies;
    pub mod view;
}
