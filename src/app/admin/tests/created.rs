//! What the operator just created is selected once a refresh shows it.

use std::time::{Duration, Instant};

use super::*;

#[test]
fn what_was_just_created_is_selected_once_it_shows() {
    let t0 = Instant::now();
    let fake = sample_fake();
    let mut app = app_with(&fake, t0);
    press(&mut app, Key::Char('3'));
    press(&mut app, Key::Char('n'));
    type_text(&mut app, "aaron");
    press(&mut app, Key::Enter);
    let effects = press(&mut app, Key::Enter);
    let [Effect::Perform(action)] = effects.as_slice() else {
        panic!("one action: {effects:?}");
    };
    let outcome = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a test runtime")
        .block_on(fake.perform(action));
    let outcome = outcome.expect("created");
    app.update(Event::ActionDone {
        action: action.clone(),
        outcome,
    });
    press(&mut app, Key::Enter);
    assert_eq!(app.selected_name(Pane::Users).as_deref(), Some("alice"));
    refresh(&mut app, &fake, t0 + Duration::from_secs(1));
    assert_eq!(app.selected_name(Pane::Users).as_deref(), Some("aaron"));
    press(&mut app, Key::Down);
    refresh(&mut app, &fake, t0 + Duration::from_secs(2));
    assert_eq!(
        app.selected_name(Pane::Users).as_deref(),
        Some("alice"),
        "only once"
    );
}
