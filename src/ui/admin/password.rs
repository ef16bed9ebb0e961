//! The password popups: the choice (generated or typed twice), the masked entry, and a
//! generated password shown once. A typed password is only ever drawn as `•`s.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::admin::{PasswordForm, PasswordPurpose, PasswordStep, ShownPassword};
use crate::ui::widgets::colour::ERROR;
use crate::ui::widgets::popup::put_lines;
use crate::ui::widgets::sanitize::sanitize;
use crate::ui::widgets::wrap::wrap;

use super::popup::{frame, inner_width, tail};

/// One `key  what it does` line of the choice.
fn choice(key: &'static str, what: &'static str) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{key:<7}"), Style::new().fg(Color::Cyan)),
        Span::raw(what),
    ])
}

/// A grey hint line.
fn hint(text: &'static str) -> Line<'static> {
    Line::from(Span::styled(text, Style::new().fg(Color::Gray)))
}

/// Draws the password form at its step.
pub(super) fn render_form(form: &PasswordForm, area: Rect, buf: &mut Buffer) {
    let width = inner_width(area);
    let mut lines = Vec::new();
    match &form.step {
        PasswordStep::Choose => {
            lines.push(choice("Enter", "generate a password (shown once)"));
            lines.push(choice("t", "type a password, twice"));
            if form.purpose == PasswordPurpose::NewAccount {
                lines.push(choice("o", "no account: an inbox only (open mode)"));
            }
            lines.push(hint("Esc cancel"));
        }
        PasswordStep::First(input) | PasswordStep::Again { input, .. } => {
            let label = if matches!(form.step, PasswordStep::First(_)) {
                "password: "
            } else {
                "again:    "
            };
            let dots = "•".repeat(input.len());
            let room = width.saturating_sub(label.chars().count() + 1);
            lines.push(Line::from(vec![
                Span::styled(label, Style::new().fg(Color::Cyan)),
                Span::raw(tail(&dots, room).to_owned()),
                Span::styled("▏", Style::new().fg(Color::LightYellow)),
            ]));
            if let Some(error) = &form.error {
                for row in wrap(&sanitize(error), width) {
                    lines.push(Line::from(Span::styled(
                        row.to_owned(),
                        Style::new().fg(ERROR),
                    )));
                }
            }
            lines.push(hint("Enter ok · Esc cancel · never shown"));
        }
    }
    let colour = if form.error.is_some() {
        ERROR
    } else {
        Color::Cyan
    };
    let title = format!(" {} ", sanitize(&form.title()));
    let inner = frame(area, lines.len(), title, colour, buf);
    put_lines(&lines, inner, buf);
}

/// Draws a generated password, with the warning that it is shown this once.
pub(super) fn render_shown(shown: &ShownPassword, area: Rect, buf: &mut Buffer) {
    let width = inner_width(area);
    let whose = match shown.purpose {
        PasswordPurpose::NewAccount => format!("the password of the new user {}:", shown.user),
        PasswordPurpose::Reset => format!("the new password of {}:", shown.user),
    };
    let mut lines: Vec<Line<'_>> = wrap(&sanitize(&whose), width)
        .into_iter()
        .map(|row| Line::from(row.to_owned()))
        .collect();
    lines.push(Line::from(Span::styled(
        format!("  {}", sanitize(shown.password.expose())),
        Style::new()
            .fg(Color::LightYellow)
            .add_modifier(Modifier::BOLD),
    )));
    for row in wrap("copy it now: it is not shown again", width) {
        lines.push(Line::from(Span::styled(
            row.to_owned(),
            Style::new().add_modifier(Modifier::BOLD),
        )));
    }
    lines.push(hint("Enter or Esc closes"));
    let inner = frame(
        area,
        lines.len(),
        " password · shown once ".to_owned(),
        Color::LightYellow,
        buf,
    );
    put_lines(&lines, inner, buf);
}
