use ratatui::style::Color;

use super::*;
use crate::config::FileConfig;

#[test]
fn the_theme_table_is_read_and_checked_with_the_file() {
    let file = FileConfig::parse(
        "[theme]\nname = \"light\"\n[theme.colours]\nlight-yellow = \"#aa5500\"\ncyan = \"blue\"\n",
    )
    .unwrap();
    let theme = file.theme.as_ref().unwrap();
    assert_eq!(theme.name.as_deref(), Some("light"));
    let expected = Theme::named("light")
        .unwrap()
        .with_colour(Color::Cyan, Color::Blue)
        .with_colour(Color::LightYellow, Color::Rgb(0xaa, 0x55, 0));
    assert_eq!(theme.resolve().unwrap(), expected);
    assert_eq!(FileConfig::parse("").unwrap().theme(), Theme::default());
}

#[test]
fn a_bad_theme_names_the_key_and_what_would_do() {
    let cases = [
        (
            "[theme]\nname = \"solar\"\n",
            "theme.name: unknown theme \"solar\" (one of: dark, light, basic16)",
        ),
        (
            "[theme.colours]\npurple = \"red\"\n",
            "theme.colours.purple: not a colour the views use (one of: black, red",
        ),
        (
            "[theme.colours]\ncyan = \"#12\"\n",
            "theme.colours.cyan: \"#12\" is not a colour",
        ),
        ("[theme]\nnmae = \"dark\"\n", "unknown field `nmae`"),
    ];
    for (text, expected) in cases {
        let err = FileConfig::parse(text).unwrap_err();
        assert!(err.contains(expected), "{text:?}: {err}");
    }
}
