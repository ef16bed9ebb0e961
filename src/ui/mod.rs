//! The front-ends: the ratatui TUI views and line mode.
