//! The front-ends: the ratatui TUI views, the terminal, the input box, and line mode.

pub mod admin;
pub mod plain;
pub mod terminal;
pub mod theme;
pub mod user;
pub mod widgets;
