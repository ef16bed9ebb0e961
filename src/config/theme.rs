//! The `[theme]` table of the config file: a built-in theme and colours of one's own,
//! checked when the file is read so that a typo is named before anything starts.

use std::collections::BTreeMap;
use std::str::FromStr;

use ratatui::style::Color;
use serde::Deserialize;

use crate::ui::theme::{COLOUR_NAMES, THEMES, Theme};

/// `[theme]`: `name` picks a built-in theme, `[theme.colours]` redraws any of the 16
/// colours the views use as another.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    /// `dark` (the default), `light` or `basic16`.
    pub name: Option<String>,
    /// A view's colour (`light-yellow`) and what to draw instead (a colour name,
    /// `#rrggbb` or a 256-colour index).
    #[serde(default)]
    pub colours: BTreeMap<String, String>,
}

impl ThemeConfig {
    /// The theme this asks for, or a sentence naming the key that is wrong.
    pub fn resolve(&self) -> Result<Theme, String> {
        let name = self.name.as_deref().unwrap_or("dark");
        let mut theme = Theme::named(name).ok_or_else(|| {
            format!(
                "theme.name: unknown theme {name:?} (one of: {})",
                THEMES.join(", ")
            )
        })?;
        for (key, value) in &self.colours {
            let from = COLOUR_NAMES
                .iter()
                .find_map(|(known, colour)| (known == key).then_some(*colour))
                .ok_or_else(|| {
                    let names: Vec<&str> = COLOUR_NAMES.iter().map(|(n, _)| *n).collect();
                    format!(
                        "theme.colours.{key}: not a colour the views use (one of: {})",
                        names.join(", ")
                    )
                })?;
            let to = Color::from_str(value).map_err(|_| {
                format!(
                    "theme.colours.{key}: {value:?} is not a colour \
                     (a name like \"light-blue\", \"#rrggbb\" or 0-255)"
                )
            })?;
            theme = theme.with_colour(from, to);
        }
        Ok(theme)
    }
}

#[cfg(test)]
#[path = "theme_tests.rs"]
mod tests;
