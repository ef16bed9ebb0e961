//! Colours for names: each person keeps the same colour everywhere, in every session.

use ratatui::style::Color;

/// The colours other people's names are drawn in; readable on dark and light themes,
/// and none of them is [`OWN`], red (errors) or the warning colour.
pub const PALETTE: [Color; 8] = [
    Color::Cyan,
    Color::Green,
    Color::Magenta,
    Color::Blue,
    Color::LightCyan,
    Color::LightGreen,
    Color::LightMagenta,
    Color::LightBlue,
];

/// The colour of your own lines.
pub const OWN: Color = Color::LightYellow;

/// Errors and failed sends.
pub const ERROR: Color = Color::Red;

/// Unreadable messages and other warnings.
pub const WARNING: Color = Color::Yellow;

/// Highlights: a message that names you, the count of them in the sidebar.
pub const HIGHLIGHT: Color = Color::LightRed;

/// An operator's announcement.
pub const ANNOUNCEMENT: Color = Color::LightMagenta;

/// The stable colour of a name: an FNV-1a hash of its bytes picks from [`PALETTE`]
/// (unlike `std`'s hasher it never changes between runs or Rust versions).
pub fn name_colour(name: &str) -> Color {
    let hash = name.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    PALETTE[hash as usize % PALETTE.len()]
}

#[cfg(test)]
#[path = "colour_tests.rs"]
mod tests;
