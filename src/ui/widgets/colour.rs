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

/// The stable colour of a name: an FNV-1a hash of its bytes picks from [`PALETTE`]
/// (unlike `std`'s hasher it never changes between runs or Rust versions).
pub fn name_colour(name: &str) -> Color {
    let hash = name.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    PALETTE[hash as usize % PALETTE.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_stable() {
        // Fixed expectations: a change of hash would recolour everyone.
        assert_eq!(name_colour(""), PALETTE[0x811c_9dc5_usize % 8]);
        assert_eq!(name_colour("bob"), PALETTE[4]);
        assert_eq!(name_colour("carol"), PALETTE[2]);
        assert_ne!(name_colour("bob"), name_colour("carol"));
    }

    #[test]
    fn names_spread_over_the_palette() {
        let used: std::collections::BTreeSet<String> = (0..200)
            .map(|i| format!("{:?}", name_colour(&format!("user{i}"))))
            .collect();
        assert_eq!(used.len(), PALETTE.len());
    }

    #[test]
    fn own_error_and_warning_colours_are_not_in_the_palette() {
        for colour in [OWN, ERROR, WARNING] {
            assert!(!PALETTE.contains(&colour), "{colour:?}");
        }
    }
}
