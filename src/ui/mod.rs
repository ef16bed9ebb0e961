//! The front-ends: the ratatui TUI views and line mode.

pub mod user;
pub mod widgets;
