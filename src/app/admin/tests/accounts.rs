//! The Users pane's accounts: a new user's password (generated and shown once, or typed
//! twice), a password reset, ban and unban, on the fake console.

use std::time::Instant;

use crate::broker::console::fake::FAKE_PASSWORD;
use crate::config::Password;
use crate::domain::UserName;
use crate::domain::console::{AccountState, Action, NewPassword, Outcome, Target};

use super::*;

fn user(name: &str) -> UserName {
    UserName::parse(name).expect("valid")
}

/// alice online with an active account, bob offline in open mode, carol banned.
fn fake() -> FakeConsole {
    FakeConsole::new()
        .with_user("alice", true, 0)
        .with_account("alice", "alice-pw", false)
        .with_user("bob", false, 3)
        .with_user("carol", false, 0)
        .with_account("carol", "carol-pw", true)
}

/// The console on the Users pane with `name` selected.
fn on_user(fake: &FakeConsole, name: &str) -> AdminApp {
    let mut app = app_with(fake, Instant::now());
    press(&mut app, Key::Char('3'));
    press(&mut app, Key::Char('/'));
    type_text(&mut app, name);
    press(&mut app, Key::Enter);
    assert_eq!(app.selected_name(Pane::Users).as_deref(), Some(name));
    app
}

/// Carries out the one action in `effects` on the fake and feeds its outcome back.
fn carry_out(app: &mut AdminApp, fake: &FakeConsole, effects: &[Effect]) -> Outcome {
    let [Effect::Perform(action)] = effects else {
        panic!("one action: {effects:?}");
    };
    let outcome = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a test runtime")
        .block_on(fake.perform(action))
        .expect("the fake carries it out");
    app.update(Event::ActionDone {
        action: action.clone(),
        outcome: outcome.clone(),
    });
    outcome
}

fn password_form(app: &AdminApp) -> &PasswordForm {
    match app.overlay() {
        Some(Overlay::Password(form)) => form,
        other => panic!("expected the password form, got {other:?}"),
    }
}

#[test]
fn the_users_pane_shows_each_accounts_state() {
    let app = app_with(&fake(), Instant::now());
    let states: Vec<(String, AccountState)> = app
        .snapshot()
        .users
        .iter()
        .map(|u| (u.name.to_string(), u.account))
        .collect();
    assert_eq!(
        states,
        [
            ("alice".to_owned(), AccountState::Active),
            ("bob".to_owned(), AccountState::NoAccount),
            ("carol".to_owned(), AccountState::Banned),
        ]
    );
}

#[test]
fn a_new_user_gets_a_generated_password_shown_once() {
    let fake = fake();
    let mut app = on_user(&fake, "alice");
    press(&mut app, Key::Char('n'));
    type_text(&mut app, "Dave");
    assert!(press(&mut app, Key::Enter).is_empty(), "the name first");
    let form = password_form(&app);
    assert_eq!(
        (form.title(), &form.step),
        ("new user dave".to_owned(), &PasswordStep::Choose)
    );
    let effects = press(&mut app, Key::Enter);
    let expected = Action::CreateAccount {
        user: user("dave"),
        password: NewPassword::Generate,
    };
    assert_eq!(effects, vec![Effect::Perform(expected)]);
    assert_eq!(app.overlay(), None);

    let outcome = carry_out(&mut app, &fake, &effects);
    assert_eq!(outcome, Outcome::Generated(Password::new(FAKE_PASSWORD)));
    assert_eq!(fake.password_of("dave").as_deref(), Some(FAKE_PASSWORD));
    let shown = app.shown_password().expect("the password is shown");
    assert_eq!(shown.user, user("dave"));
    assert_eq!(shown.password.expose(), FAKE_PASSWORD);
    let notice = app.notice().expect("a notice");
    assert!(!notice.text.contains(FAKE_PASSWORD), "{}", notice.text);

    for key in [Key::Char('q'), Key::Char('d'), Key::Down, Key::Tab] {
        assert!(press(&mut app, key).is_empty(), "{key:?} is ignored");
        assert!(app.shown_password().is_some(), "{key:?} does not close it");
    }
    assert!(press(&mut app, Key::Enter).is_empty());
    assert_eq!(app.shown_password(), None);
    let state = format!("{app:?}");
    assert!(!state.contains(FAKE_PASSWORD), "the password is dropped");
    assert_eq!(app.pane(), Pane::Users, "the keys before did nothing");
}

#[test]
fn a_typed_password_is_asked_twice_and_a_mismatch_stays_in_the_form() {
    let fake = fake();
    let mut app = on_user(&fake, "alice");
    press(&mut app, Key::Char('n'));
    type_text(&mut app, "erin");
    press(&mut app, Key::Enter);
    press(&mut app, Key::Char('t'));
    type_text(&mut app, "correct horse");
    press(&mut app, Key::Enter);
    type_text(&mut app, "correct house");
    assert!(
        press(&mut app, Key::Enter).is_empty(),
        "a mismatch sends nothing"
    );
    assert!(app.in_flight().is_empty());
    let form = password_form(&app);
    assert!(matches!(form.step, PasswordStep::First(_)), "{form:?}");
    assert!(form.error.as_deref().is_some_and(|e| e.contains("differ")));
    let state = format!("{app:?}");
    assert!(!state.contains("horse"), "what was typed is never printed");

    type_text(&mut app, "correct horse");
    press(&mut app, Key::Enter);
    type_text(&mut app, "correct horse");
    let effects = press(&mut app, Key::Enter);
    let expected = Action::CreateAccount {
        user: user("erin"),
        password: NewPassword::Typed(Password::new("correct horse")),
    };
    assert_eq!(effects, vec![Effect::Perform(expected)]);
    assert_eq!(carry_out(&mut app, &fake, &effects), Outcome::Done);
    assert_eq!(app.shown_password(), None, "a typed password is not shown");
    assert_eq!(fake.password_of("erin").as_deref(), Some("correct horse"));
    assert!(!format!("{app:?}").contains("horse"));
}

#[test]
fn o_creates_an_open_mode_inbox_without_an_account() {
    let fake = fake();
    let mut app = on_user(&fake, "alice");
    press(&mut app, Key::Char('n'));
    type_text(&mut app, "frank");
    press(&mut app, Key::Enter);
    let effects = press(&mut app, Key::Char('o'));
    assert_eq!(
        effects,
        vec![Effect::Perform(Action::Create(Target::User(user("frank"))))]
    );
    carry_out(&mut app, &fake, &effects);
    assert_eq!(fake.password_of("frank"), None);
    assert!(fake.bindings("chat.user.frank").is_some(), "the inbox");
}

#[test]
fn capital_p_resets_a_password_and_shows_the_new_one_once() {
    let fake = fake();
    let mut app = on_user(&fake, "carol");
    press(&mut app, Key::Char('P'));
    assert_eq!(password_form(&app).title(), "new password for carol");
    let effects = press(&mut app, Key::Char('g'));
    assert_eq!(
        effects,
        vec![Effect::Perform(Action::SetPassword {
            user: user("carol"),
            password: NewPassword::Generate,
        })]
    );
    carry_out(&mut app, &fake, &effects);
    assert_eq!(fake.password_of("carol").as_deref(), Some(FAKE_PASSWORD));
    let shown = app.shown_password().expect("shown once");
    assert_eq!(shown.purpose, PasswordPurpose::Reset);
    press(&mut app, Key::Esc);
    assert_eq!(app.shown_password(), None, "Esc closes it too");
}

#[test]
fn an_open_mode_user_has_no_password_to_reset_and_nothing_to_ban() {
    let fake = fake();
    let mut app = on_user(&fake, "bob");
    for key in ['P', 'b'] {
        assert!(press(&mut app, Key::Char(key)).is_empty());
        assert_eq!(app.overlay(), None, "{key}");
        let notice = app.notice().expect("a hint");
        assert!(notice.text.contains("no account"), "{key}: {}", notice.text);
    }
    press(&mut app, Key::Char('1'));
    for key in ['P', 'b'] {
        press(&mut app, Key::Char(key));
        assert_eq!(app.overlay(), None);
        let notice = app.notice().expect("a hint");
        assert!(notice.text.contains("press 3"), "{key}: {}", notice.text);
    }
}

#[test]
fn b_bans_after_a_confirmation_and_toggles_to_unban() {
    let fake = fake();
    let mut app = on_user(&fake, "alice");
    assert!(press(&mut app, Key::Char('b')).is_empty());
    let Some(Overlay::Confirm(confirm)) = app.overlay() else {
        panic!("a confirmation: {:?}", app.overlay());
    };
    assert_eq!(confirm.action, Action::Ban(user("alice")));
    assert!(
        confirm.question.starts_with("Ban alice?"),
        "{}",
        confirm.question
    );
    assert!(press(&mut app, Key::Char('n')).is_empty(), "N keeps her");
    assert_eq!(fake.is_banned("alice"), Some(false));

    press(&mut app, Key::Char('b'));
    let effects = press(&mut app, Key::Char('y'));
    assert_eq!(effects, vec![Effect::Perform(Action::Ban(user("alice")))]);
    let outcome = carry_out(&mut app, &fake, &effects);
    assert_eq!(
        outcome,
        Outcome::Banned {
            already: false,
            closed: 1
        }
    );
    assert_eq!(
        app.notice().map(|n| n.text.as_str()),
        Some("banned alice; closed 1 connection")
    );
    assert_eq!(fake.is_banned("alice"), Some(true));
    assert_eq!(fake.closed_connections().len(), 1);

    refresh(&mut app, &fake, Instant::now());
    press(&mut app, Key::Char('b'));
    let Some(Overlay::Confirm(confirm)) = app.overlay() else {
        panic!("a confirmation: {:?}", app.overlay());
    };
    assert_eq!(confirm.action, Action::Unban(user("alice")));
    let effects = press(&mut app, Key::Char('y'));
    carry_out(&mut app, &fake, &effects);
    assert_eq!(
        app.notice().map(|n| n.text.as_str()),
        Some("unbanned alice")
    );
    assert_eq!(fake.is_banned("alice"), Some(false));
}

#[test]
fn two_generated_passwords_are_shown_one_after_the_other() {
    let fake = fake();
    let mut app = on_user(&fake, "alice");
    for name in ["gus", "hal"] {
        app.update(Event::ActionDone {
            action: Action::CreateAccount {
                user: user(name),
                password: NewPassword::Generate,
            },
            outcome: Outcome::Generated(Password::new(format!("pw-of-{name}"))),
        });
    }
    let first = app.shown_password().expect("the first");
    assert_eq!(first.password.expose(), "pw-of-gus");
    press(&mut app, Key::Enter);
    let second = app.shown_password().expect("then the second");
    assert_eq!(second.password.expose(), "pw-of-hal");
    press(&mut app, Key::Enter);
    assert_eq!(app.shown_password(), None);
}

#[test]
fn deleting_a_user_removes_its_account_and_inbox() {
    let fake = fake();
    let mut app = on_user(&fake, "alice");
    press(&mut app, Key::Char('d'));
    let effects = press(&mut app, Key::Char('y'));
    assert_eq!(
        effects,
        vec![Effect::Perform(Action::Delete(Target::User(user("alice"))))]
    );
    carry_out(&mut app, &fake, &effects);
    assert_eq!(fake.password_of("alice"), None, "the account is gone");
    assert_eq!(fake.bindings("chat.user.alice"), None, "the inbox is gone");
}

#[test]
fn b_explains_when_the_accounts_could_not_be_listed() {
    let fake = fake();
    let mut snapshot = snapshot_of(&fake, &[]);
    for row in &mut snapshot.users {
        row.account = AccountState::Unknown;
    }
    let at = Instant::now();
    let mut app = AdminApp::new(info(), at);
    app.update(Event::Refreshed {
        snapshot,
        at,
        took: std::time::Duration::ZERO,
    });
    press(&mut app, Key::Char('3'));
    assert!(press(&mut app, Key::Char('b')).is_empty());
    assert_eq!(app.overlay(), None, "nothing is asked");
    let notice = app.notice().expect("why");
    assert_eq!(notice.level, NoticeLevel::Error);
    assert!(notice.text.contains("administrator"), "{}", notice.text);
}
