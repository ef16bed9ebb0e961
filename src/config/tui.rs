//! The full-screen client's own settings: how it notifies, whether it takes the mouse,
//! and what opens a link. Read from the config file only (`notify`, `notify_command`,
//! `mouse`, `opener`).

use serde::Deserialize;

/// How a notification reaches the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NotifyStyle {
    /// The terminal bell (`BEL`): most terminals flash, mark the tab or beep.
    #[default]
    Bell,
    /// A desktop notification through OSC 9 (iTerm2, kitty, WezTerm, foot, Windows
    /// Terminal), instead of the bell.
    Osc9,
    /// A desktop notification through OSC 777 (urxvt, foot, VTE terminals), instead of
    /// the bell.
    Osc777,
    /// Nothing is written to the terminal (`notify_command` still runs).
    None,
}

/// What the TUI runs with, after the file and the defaults were merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TuiSettings {
    /// How notifications reach the terminal.
    pub notify: NotifyStyle,
    /// A program (and its arguments) run for each notification, without a shell, with
    /// `CHAT_SENDER`, `CHAT_CONVERSATION` and `CHAT_TEXT` in its environment.
    pub notify_command: Option<Vec<String>>,
    /// Whether the TUI takes the mouse at start (F2 toggles it).
    pub mouse: bool,
    /// The program (and its arguments) that opens a link; the link is the last argument.
    pub opener: Vec<String>,
}

impl Default for TuiSettings {
    fn default() -> Self {
        Self {
            notify: NotifyStyle::default(),
            notify_command: None,
            mouse: true,
            opener: vec!["xdg-open".to_owned()],
        }
    }
}

impl TuiSettings {
    /// The file's values over the defaults; an empty command is no command, and an
    /// empty opener is the default one.
    pub fn resolve(
        notify: Option<NotifyStyle>,
        notify_command: Option<Vec<String>>,
        mouse: Option<bool>,
        opener: Option<Vec<String>>,
    ) -> Self {
        let defaults = Self::default();
        Self {
            notify: notify.unwrap_or(defaults.notify),
            notify_command: notify_command
                .filter(|argv| argv.first().is_some_and(|p| !p.is_empty())),
            mouse: mouse.unwrap_or(defaults.mouse),
            opener: opener
                .filter(|argv| argv.first().is_some_and(|p| !p.is_empty()))
                .unwrap_or(defaults.opener),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{FileConfig, Overrides, UserSettings};

    fn tui(text: &str) -> TuiSettings {
        let file = FileConfig::parse(text).unwrap();
        UserSettings::resolve(Overrides::default(), file).tui
    }

    #[test]
    fn the_defaults_ring_the_bell_take_the_mouse_and_open_with_xdg_open() {
        let settings = tui("");
        assert_eq!(settings, TuiSettings::default());
        assert_eq!(settings.notify, NotifyStyle::Bell);
        assert!(settings.mouse);
        assert_eq!(settings.opener, vec!["xdg-open"]);
        assert_eq!(settings.notify_command, None);
    }

    #[test]
    fn the_file_sets_each_key() {
        let settings = tui(
            "notify = \"osc777\"\nnotify_command = [\"notify\", \"-u\"]\nmouse = false\nopener = [\"firefox\", \"--new-tab\"]\n",
        );
        assert_eq!(settings.notify, NotifyStyle::Osc777);
        assert_eq!(
            settings.notify_command,
            Some(vec!["notify".to_owned(), "-u".to_owned()])
        );
        assert!(!settings.mouse);
        assert_eq!(settings.opener, vec!["firefox", "--new-tab"]);
        assert_eq!(tui("notify = \"osc9\"").notify, NotifyStyle::Osc9);
        assert_eq!(tui("notify = \"none\"").notify, NotifyStyle::None);
    }

    #[test]
    fn empty_commands_are_none_and_a_bad_style_names_the_key() {
        let settings = tui("notify_command = []\nopener = [\"\"]\n");
        assert_eq!(settings.notify_command, None);
        assert_eq!(settings.opener, vec!["xdg-open"]);
        let err = FileConfig::parse("notify = \"loud\"").unwrap_err();
        assert!(err.contains("notify"), "{err}");
        assert!(err.contains("bell"), "{err}");
        assert!(FileConfig::parse("mouse = \"yes\"").is_err());
    }
}
