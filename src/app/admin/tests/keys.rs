//! Panes, navigation, help, quitting, and keys as text where text has the focus.

use std::time::Instant;

use super::*;

#[test]
fn tab_shift_tab_and_digits_switch_panes() {
    let mut app = app_with(&sample_fake(), Instant::now());
    assert_eq!(app.pane(), Pane::Queues);
    press(&mut app, Key::Tab);
    assert_eq!(app.pane(), Pane::Topics);
    press(&mut app, Key::BackTab);
    press(&mut app, Key::BackTab);
    assert_eq!(app.pane(), Pane::Broker, "Shift-Tab wraps around");
    press(&mut app, Key::Tab);
    assert_eq!(app.pane(), Pane::Queues, "Tab wraps around");
    for (digit, pane) in ['1', '2', '3', '4'].into_iter().zip(Pane::ALL) {
        assert!(press(&mut app, Key::Char(digit)).is_empty());
        assert_eq!(app.pane(), pane);
    }
}

#[test]
fn arrows_vi_keys_pages_and_ends_move_the_selection() {
    let fake = FakeConsole::new().with_queues(50);
    let mut app = app_with(&fake, Instant::now());
    app.update(Event::Viewport { rows: 10 });
    let at = |app: &AdminApp| app.table(Pane::Queues).selected_position();
    press(&mut app, Key::Down);
    press(&mut app, Key::Char('j'));
    assert_eq!(at(&app), 2);
    press(&mut app, Key::Char('k'));
    assert_eq!(at(&app), 1);
    press(&mut app, Key::Up);
    press(&mut app, Key::Up);
    assert_eq!(at(&app), 0, "stops at the top");
    press(&mut app, Key::PageDown);
    assert_eq!(at(&app), 9, "a page is the viewport less one row");
    assert_eq!(app.table(Pane::Queues).offset(), 0);
    press(&mut app, Key::PageDown);
    assert_eq!(at(&app), 18);
    assert_eq!(
        app.table(Pane::Queues).offset(),
        9,
        "scrolled to keep it in view"
    );
    press(&mut app, Key::PageUp);
    assert_eq!(at(&app), 9);
    press(&mut app, Key::End);
    assert_eq!(at(&app), 49);
    assert_eq!(app.table(Pane::Queues).offset(), 40);
    press(&mut app, Key::Home);
    assert_eq!(at(&app), 0);
    press(&mut app, Key::Char('G'));
    assert_eq!(at(&app), 49);
    press(&mut app, Key::Char('g'));
    assert_eq!((at(&app), app.table(Pane::Queues).offset()), (0, 0));
    press(&mut app, Key::Down);
    assert_eq!(
        app.selected_name(Pane::Queues).as_deref(),
        Some("queue-00001")
    );
}

#[test]
fn each_pane_keeps_its_own_selection() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Down);
    press(&mut app, Key::Char('3'));
    press(&mut app, Key::Down);
    assert_eq!(app.selected_name(Pane::Users).as_deref(), Some("bob"));
    assert_eq!(app.selected_name(Pane::Queues).as_deref(), Some("billing"));
}

#[test]
fn help_opens_and_closes() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('?'));
    assert_eq!(app.overlay(), Some(&Overlay::Help));
    assert!(
        press(&mut app, Key::Char('d')).is_empty(),
        "keys do nothing under help"
    );
    assert_eq!(app.overlay(), Some(&Overlay::Help));
    press(&mut app, Key::Char('?'));
    assert_eq!(app.overlay(), None);
    press(&mut app, Key::Char('?'));
    press(&mut app, Key::Esc);
    assert_eq!(app.overlay(), None);
}

#[test]
fn q_quits_and_esc_then_q_quits_from_an_overlay() {
    let mut app = app_with(&sample_fake(), Instant::now());
    assert_eq!(press(&mut app, Key::Char('q')), vec![Effect::Quit]);

    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('n'));
    assert!(
        press(&mut app, Key::Char('q')).is_empty(),
        "q is text in a form"
    );
    assert!(press(&mut app, Key::Esc).is_empty());
    assert_eq!(app.overlay(), None);
    assert_eq!(press(&mut app, Key::Char('q')), vec![Effect::Quit]);

    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('/'));
    press(&mut app, Key::Char('q'));
    assert_eq!(
        app.table(Pane::Queues).filter(),
        "q",
        "q is text in the filter"
    );
    press(&mut app, Key::Esc);
    assert_eq!(press(&mut app, Key::Char('q')), vec![Effect::Quit]);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    for opener in [
        Key::Char('n'),
        Key::Char('/'),
        Key::Char('?'),
        Key::Char('d'),
        Key::Enter,
    ] {
        let mut app = app_with(&sample_fake(), Instant::now());
        press(&mut app, opener);
        assert_eq!(
            press(&mut app, Key::Interrupt),
            vec![Effect::Quit],
            "{opener:?}"
        );
    }
}

#[test]
fn r_refreshes_now() {
    let mut app = app_with(&sample_fake(), Instant::now());
    assert_eq!(press(&mut app, Key::Char('r')), vec![Effect::Refresh]);
}

#[test]
fn letters_in_a_form_are_text_not_commands() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('n'));
    assert!(type_text(&mut app, "dpqrs2?/").is_empty());
    let Some(Overlay::Form(form)) = app.overlay() else {
        panic!("the form stays open: {:?}", app.overlay());
    };
    assert_eq!(form.input, "dpqrs2?/");
    assert_eq!(app.pane(), Pane::Queues);
}
