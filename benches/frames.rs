//! Render benchmarks of the two front-ends (issue 5), in-process and without a broker.
//!
//! - `user_frame`: one frame of user mode at 200x60 with 1,000, 100,000 and 1,000,000
//!   messages in the open conversation, at the bottom (`bottom`) and after a few
//!   hundred PgUp pages (`scrolled`). Target: under 1 ms, and 1M no more than 1.2x 1k.
//! - `admin_frame`: one frame of the admin console's Queues pane with 10,000 queues at
//!   200x60. Target: under 2 ms.
//! - `admin_refresh`: the admin app absorbing one refresh of 10,000 queue rows (it
//!   re-sorts and re-filters every pane). No target; reported for scale.
//!
//! Frames are drawn on ratatui's `TestBackend`, as the view tests do, and each one is a
//! full repaint: laying the screen out, diffing it against a blank previous frame and
//! writing every cell to the backend (the terminal is cleared, untimed, before each).
//! The apps are built through their public events, outside the timing; the user apps
//! (up to a million messages) only for the cases a filter keeps.
//!
//! Run with `cargo bench --bench frames`; add a filter (`cargo bench --bench frames --
//! user_frame/scrolled`) to run some cases only.

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "frames/admin.rs"]
mod admin;
#[path = "frames/conversation.rs"]
mod conversation;
#[path = "frames/queues.rs"]
mod queues;
#[path = "frames/screen.rs"]
mod screen;
#[path = "frames/user.rs"]
mod user;

use criterion::{criterion_group, criterion_main};

criterion_group!(benches, user::frames, admin::frames, admin::refresh);
criterion_main!(benches);
