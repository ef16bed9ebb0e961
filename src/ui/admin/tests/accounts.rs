//! The Users pane's accounts on screen: each user's state, the password choice, the
//! masked entry with a mismatch, and a generated password shown once.

use crate::broker::console::fake::FAKE_PASSWORD;
use crate::domain::UserName;
use crate::domain::console::{Action, NewPassword};

use super::*;

/// alice online with an account, bob in open mode, carol banned; Users pane.
fn accounts_app() -> AdminApp {
    let fake = FakeConsole::new()
        .with_topic("news")
        .with_user("alice", true, 0)
        .with_account("alice", "a", false)
        .with_user("bob", false, 3)
        .with_user("carol", false, 12)
        .with_account("carol", "c", true)
        .with_subscription("alice", "news");
    let t0 = Instant::now();
    let mut app = AdminApp::new(info(), t0);
    app.update(Event::Refreshed {
        snapshot: snapshot_of(&fake, &[]),
        at: t0,
        took: Duration::from_millis(20),
    });
    keys(&mut app, &[Key::Char('3')]);
    app
}

#[test]
fn users_with_accounts() {
    let app = accounts_app();
    let shown = screen(&app, 120, 35);
    for word in ["active", "no account", "banned"] {
        assert!(shown.contains(word), "{word}: {shown}");
    }
    both_sizes!(app);
}

#[test]
fn password_choice() {
    let mut app = accounts_app();
    keys(&mut app, &[Key::Char('n')]);
    text_keys(&mut app, "dave");
    keys(&mut app, &[Key::Enter]);
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn password_mismatch() {
    let mut app = accounts_app();
    keys(&mut app, &[Key::Char('P'), Key::Char('t')]);
    text_keys(&mut app, "secret-one");
    keys(&mut app, &[Key::Enter]);
    text_keys(&mut app, "secret-two");
    keys(&mut app, &[Key::Enter]);
    let shown = screen(&app, 80, 24);
    assert!(!shown.contains("secret"), "{shown}");
    assert!(shown.contains("differ"), "{shown}");
    assert_snapshot!(shown);
    text_keys(&mut app, "tops");
    let shown = screen(&app, 80, 24);
    assert!(!shown.contains("tops"), "{shown}");
    assert!(shown.contains("password: ••••▏"), "{shown}");
}

#[test]
fn password_shown_once() {
    let mut app = accounts_app();
    app.update(Event::ActionDone {
        action: Action::CreateAccount {
            user: UserName::parse("dave").expect("valid"),
            password: NewPassword::Generate,
        },
        outcome: crate::domain::console::Outcome::Generated(crate::config::Password::new(
            FAKE_PASSWORD,
        )),
    });
    both_sizes!(&app);
    app.update(Event::Key(Key::Enter));
    assert!(!screen(&app, 120, 35).contains(FAKE_PASSWORD), "closed");
}
