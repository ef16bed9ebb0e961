use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use super::*;

fn painted(theme: &Theme, fg: Color, bg: Color) -> (Color, Color) {
    let mut buf = Buffer::empty(Rect::new(0, 0, 2, 1));
    buf.set_string(0, 0, "x", Style::new().fg(fg).bg(bg));
    theme.paint(&mut buf);
    (buf[(0, 0)].fg, buf[(0, 0)].bg)
}

#[test]
fn every_built_in_theme_has_a_name_and_dark_changes_nothing() {
    for name in THEMES {
        assert!(Theme::named(name).is_some(), "{name}");
    }
    assert_eq!(Theme::named("solarized"), None);
    let dark = Theme::named("dark").unwrap();
    for (_, colour) in COLOUR_NAMES {
        assert_eq!(painted(&dark, colour, Color::Reset), (colour, Color::Reset));
    }
}

#[test]
fn light_darkens_foregrounds_and_lightens_the_bars() {
    let light = Theme::named("light").unwrap();
    // The status bar: white on dark grey becomes black on light grey.
    let (fg, bg) = painted(&light, Color::White, Color::DarkGray);
    assert_eq!(fg, Color::Black);
    assert_eq!(bg, Color::Rgb(215, 215, 215));
    // Own lines (light yellow) are readable on white: dark enough.
    let (fg, _) = painted(&light, Color::LightYellow, Color::Reset);
    let Color::Rgb(r, g, b) = fg else {
        panic!("{fg:?}")
    };
    assert!(u16::from(r) + u16::from(g) + u16::from(b) < 384, "{fg:?}");
    // The terminal's own colours stay its own.
    assert_eq!(
        painted(&light, Color::Reset, Color::Reset),
        (Color::Reset, Color::Reset)
    );
}

#[test]
fn basic16_sends_only_the_sixteen_colours() {
    let basic = Theme::named("basic16")
        .unwrap()
        .with_colour(Color::Cyan, Color::Rgb(250, 10, 10))
        .with_colour(Color::Green, Color::Indexed(46));
    assert_eq!(
        painted(&basic, Color::Cyan, Color::Reset).0,
        Color::LightRed
    );
    assert_eq!(
        painted(&basic, Color::Green, Color::Reset).0,
        Color::LightGreen
    );
    assert_eq!(
        painted(&basic, Color::Indexed(244), Color::Reset).0,
        Color::DarkGray
    );
    assert_eq!(
        painted(&basic, Color::Indexed(3), Color::Reset).0,
        Color::Yellow
    );
    assert_eq!(
        painted(&basic, Color::Yellow, Color::Blue),
        (Color::Yellow, Color::Blue)
    );
}

#[test]
fn a_users_colour_goes_on_top_of_the_theme() {
    let light = Theme::named("light")
        .unwrap()
        .with_colour(Color::LightYellow, Color::Indexed(130));
    assert_eq!(
        painted(&light, Color::LightYellow, Color::Reset).0,
        Color::Indexed(130)
    );
    assert_eq!(
        painted(&light, Color::Cyan, Color::Reset).0,
        Color::Rgb(0, 110, 130),
        "the rest of the theme stays"
    );
}
