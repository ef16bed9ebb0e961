//! Themes: the colours every view draws in, redrawn for the terminal's background.
//!
//! The views name one of the 16 standard colours for each thing they draw (cyan borders,
//! light-yellow own lines, dark-grey times). A theme maps those names to the colours the
//! terminal is asked for, foreground and background apart, after a frame is drawn and
//! before it is sent ([`paint`]): `dark` keeps them (the views were made on a dark
//! background), `light` gives darker foregrounds and lighter bars for a light
//! background, `basic16` sends nothing but the 16 standard colours (for terminals
//! without 256 or true colours: colours a user set are brought to the nearest of them).
//! A user's own `[theme.colours]` go on top of any theme. `NO_COLOR` is honoured below
//! this: the terminal library then sends no colour at all, and what the views mark by
//! reverse video or bold stays marked.

use std::sync::OnceLock;

use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// The built-in themes, by the name the config uses.
pub const THEMES: [&str; 3] = ["dark", "light", "basic16"];

/// The 16 colours a view may name, by the names the config uses, in ANSI order (0–15).
pub const COLOUR_NAMES: [(&str, Color); 16] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

/// How a frame's colours are redrawn.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Theme {
    /// Foreground colours redrawn as others.
    fg: Vec<(Color, Color)>,
    /// Background colours redrawn as others.
    bg: Vec<(Color, Color)>,
    /// Only the 16 standard colours reach the terminal.
    basic16: bool,
}

impl Theme {
    /// A built-in theme by name (one of [`THEMES`]).
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "dark" => Some(Self::default()),
            "light" => Some(light()),
            "basic16" => Some(Self {
                basic16: true,
                ..Self::default()
            }),
            _ => None,
        }
    }

    /// This theme with `from` drawn as `to` wherever a view names it (foreground and
    /// background).
    pub fn with_colour(mut self, from: Color, to: Color) -> Self {
        for map in [&mut self.fg, &mut self.bg] {
            map.retain(|(named, _)| *named != from);
            map.push((from, to));
        }
        self
    }

    /// Whether drawing with this theme changes nothing.
    fn is_identity(&self) -> bool {
        self.fg.is_empty() && self.bg.is_empty() && !self.basic16
    }

    /// The colour sent for a foreground (`fg`) or background colour a view named.
    fn colour(&self, named: Color, fg: bool) -> Color {
        let map = if fg { &self.fg } else { &self.bg };
        let colour = map
            .iter()
            .find_map(|(from, to)| (*from == named).then_some(*to))
            .unwrap_or(named);
        if self.basic16 {
            nearest_basic(colour)
        } else {
            colour
        }
    }

    /// Redraws every cell of `buf` in this theme's colours.
    pub fn paint(&self, buf: &mut Buffer) {
        if self.is_identity() {
            return;
        }
        for cell in &mut buf.content {
            cell.fg = self.colour(cell.fg, true);
            cell.bg = self.colour(cell.bg, false);
        }
    }
}

/// For a light background: darker foregrounds, light bars and selections.
fn light() -> Theme {
    let fg = [
        (Color::Yellow, Color::Rgb(135, 95, 0)),
        (Color::LightYellow, Color::Rgb(150, 80, 0)),
        (Color::Green, Color::Rgb(0, 120, 0)),
        (Color::LightGreen, Color::Rgb(40, 130, 40)),
        (Color::Cyan, Color::Rgb(0, 110, 130)),
        (Color::LightCyan, Color::Rgb(0, 90, 150)),
        (Color::Blue, Color::Rgb(0, 40, 180)),
        (Color::LightBlue, Color::Rgb(40, 90, 200)),
        (Color::Magenta, Color::Rgb(140, 0, 140)),
        (Color::LightMagenta, Color::Rgb(170, 0, 100)),
        (Color::Red, Color::Rgb(180, 0, 0)),
        (Color::LightRed, Color::Rgb(190, 40, 40)),
        (Color::Gray, Color::Rgb(90, 90, 90)),
        (Color::DarkGray, Color::Rgb(120, 120, 120)),
        (Color::White, Color::Black),
    ];
    let bg = [
        (Color::DarkGray, Color::Rgb(215, 215, 215)),
        (Color::Blue, Color::Rgb(185, 210, 255)),
        (Color::Cyan, Color::Rgb(175, 225, 235)),
    ];
    Theme {
        fg: fg.to_vec(),
        bg: bg.to_vec(),
        basic16: false,
    }
}

/// The nearest of the 16 standard colours (xterm's values), for `basic16`.
fn nearest_basic(colour: Color) -> Color {
    let rgb = match colour {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(n) if n >= 16 => indexed_rgb(n),
        Color::Indexed(n) => return COLOUR_NAMES[usize::from(n)].1,
        other => return other,
    };
    let distance = |(r, g, b): (u8, u8, u8)| {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
        d(r, rgb.0) + d(g, rgb.1) + d(b, rgb.2)
    };
    let (index, _) = XTERM_16
        .iter()
        .enumerate()
        .min_by_key(|(_, value)| distance(**value))
        .unwrap_or((7, &(0, 0, 0)));
    COLOUR_NAMES[index].1
}

/// xterm's RGB values of ANSI colours 0–15.
const XTERM_16: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// The RGB value of a 256-colour index of 16 or more.
fn indexed_rgb(n: u8) -> (u8, u8, u8) {
    if n >= 232 {
        let level = 8 + (n - 232) * 10;
        return (level, level, level);
    }
    let cube = n - 16;
    let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
    (level(cube / 36), level((cube / 6) % 6), level(cube % 6))
}

static THEME: OnceLock<Theme> = OnceLock::new();

/// Sets the theme every frame is drawn in, once at start-up (later calls are ignored).
pub fn install(theme: Theme) {
    let _ = THEME.set(theme);
}

/// Redraws a finished frame in the installed theme (none installed: as drawn).
pub fn paint(buf: &mut Buffer) {
    if let Some(theme) = THEME.get() {
        theme.paint(buf);
    }
}

#[cfg(test)]
#[path = "theme_tests.rs"]
mod tests;
