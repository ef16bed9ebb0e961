//! Names from the broker are untrusted: no control or bidi character reaches the terminal.

use super::*;

#[test]
fn hostile_names_cannot_reach_the_terminal() {
    let fake = FakeConsole::new()
        .with_queue("evil\u{1b}[2J\u{1b}]0;pwned\u{7}name", 1, 0)
        .with_queue("rtl\u{202e}txt", 1, 0);
    let mut app = AdminApp::new(info(), Instant::now());
    app.update(Event::Refreshed {
        snapshot: snapshot_of(&fake, &[]),
        at: Instant::now(),
        took: Duration::ZERO,
    });
    app.update(Event::Key(Key::Char('d')));
    for width in [120, 40] {
        let shown = screen(&app, width, 24);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown}"
        );
        assert!(!shown.contains('\u{7}'));
    }
    assert!(screen(&app, 120, 24).contains("evilname"));
}
