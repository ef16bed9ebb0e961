use super::*;

fn bob() -> UserName {
    UserName::parse("bob").expect("valid")
}

/// Feeds `keys` to a form, expecting it to stay open; returns it.
fn after(mut form: PasswordForm, keys: &[Key]) -> PasswordForm {
    for key in keys {
        form = match form.key(*key) {
            PasswordKey::Stay(form) => form,
            other => panic!("the form closed at {key:?}: {other:?}"),
        };
    }
    form
}

fn chars(text: &str) -> Vec<Key> {
    text.chars().map(Key::Char).collect()
}

#[test]
fn enter_or_g_asks_for_a_generated_password() {
    for key in [Key::Enter, Key::Char('g')] {
        let form = PasswordForm::new(bob(), PasswordPurpose::NewAccount);
        assert_eq!(
            form.key(key),
            PasswordKey::Submit(Action::CreateAccount {
                user: bob(),
                password: NewPassword::Generate,
            })
        );
        let form = PasswordForm::new(bob(), PasswordPurpose::Reset);
        assert_eq!(
            form.key(key),
            PasswordKey::Submit(Action::SetPassword {
                user: bob(),
                password: NewPassword::Generate,
            })
        );
    }
}

#[test]
fn a_typed_password_must_match_its_second_entry() {
    let mut keys = vec![Key::Char('t')];
    keys.extend(chars("s3cret!"));
    keys.push(Key::Enter);
    let form = after(PasswordForm::new(bob(), PasswordPurpose::Reset), &keys);
    let PasswordStep::Again { first, input } = &form.step else {
        panic!("the second entry: {form:?}");
    };
    assert_eq!(first.expose(), "s3cret!");
    assert!(input.is_empty());

    let form = after(form, &chars("s3cret?"));
    let form = after(form, &[Key::Enter]);
    assert!(
        matches!(&form.step, PasswordStep::First(input) if input.is_empty()),
        "a mismatch starts over: {form:?}"
    );
    let error = form.error.clone().expect("the mismatch is said");
    assert!(error.contains("differ"), "{error}");

    let mut keys = chars("good-one");
    keys.push(Key::Enter);
    keys.extend(chars("good-onX"));
    keys.push(Key::Backspace);
    keys.push(Key::Char('e'));
    let form = after(form, &keys);
    assert_eq!(form.error, None, "typing clears the refusal");
    assert_eq!(
        form.key(Key::Enter),
        PasswordKey::Submit(Action::SetPassword {
            user: bob(),
            password: NewPassword::Typed(Password::new("good-one")),
        })
    );
}

#[test]
fn an_empty_password_is_refused() {
    let form = after(
        PasswordForm::new(bob(), PasswordPurpose::NewAccount),
        &[Key::Char('t'), Key::Enter],
    );
    assert!(matches!(form.step, PasswordStep::First(_)));
    assert!(form.error.as_deref().is_some_and(|e| e.contains("empty")));
}

#[test]
fn o_makes_an_open_mode_inbox_but_only_for_a_new_user() {
    let form = PasswordForm::new(bob(), PasswordPurpose::NewAccount);
    assert_eq!(
        form.key(Key::Char('o')),
        PasswordKey::Submit(Action::Create(Target::User(bob())))
    );
    let reset = after(
        PasswordForm::new(bob(), PasswordPurpose::Reset),
        &[Key::Char('o')],
    );
    assert_eq!(reset.step, PasswordStep::Choose);
}

#[test]
fn esc_cancels_at_every_step() {
    for keys in [vec![], vec![Key::Char('t')], chars("tab\r")] {
        let keys: Vec<Key> = keys
            .into_iter()
            .map(|k| if k == Key::Char('\r') { Key::Enter } else { k })
            .collect();
        let form = after(PasswordForm::new(bob(), PasswordPurpose::Reset), &keys);
        assert_eq!(form.key(Key::Esc), PasswordKey::Cancel);
    }
}

#[test]
fn debug_never_shows_what_was_typed() {
    let mut keys = vec![Key::Char('t')];
    keys.extend(chars("hunter2"));
    let typing = after(PasswordForm::new(bob(), PasswordPurpose::Reset), &keys);
    let mut again = keys.clone();
    again.push(Key::Enter);
    again.extend(chars("hunt"));
    let second = after(PasswordForm::new(bob(), PasswordPurpose::Reset), &again);
    for form in [typing, second] {
        let debug = format!("{form:?}");
        assert!(!debug.contains("hunt"), "{debug}");
    }
}
