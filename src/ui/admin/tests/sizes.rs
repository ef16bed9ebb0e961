//! The console draws at every terminal size, in every state, without panicking.

use super::*;

#[test]
fn every_size_draws_without_panicking() {
    let mut states = Vec::new();
    for opener in [
        vec![],
        vec![Key::Char('2')],
        vec![Key::Char('3')],
        vec![Key::Char('4')],
        vec![Key::Char('?')],
        vec![Key::Char('n'), Key::Char('!'), Key::Enter],
        vec![Key::Char('d')],
        vec![Key::Enter],
        vec![Key::Char('/'), Key::Char('x')],
    ] {
        let mut app = busy_app();
        keys(&mut app, &opener);
        states.push(app);
    }
    let (mut stale, t0) = busy();
    stale.update(Event::RefreshFailed {
        error: "down".to_owned(),
        unreachable: true,
        at: t0,
    });
    states.push(stale);
    states.push(AdminApp::new(info(), Instant::now()));
    for width in 1..=120u16 {
        for height in 1..=40u16 {
            let app = &states[usize::from(width + height) % states.len()];
            draw_buffer(app, width, height);
        }
    }
    for app in &states {
        for (width, height) in [(1, 1), (2, 3), (10, 5), (300, 2), (2, 100)] {
            draw_buffer(app, width, height);
        }
    }
}
