//! Unit tests of `keys`.

use super::*;

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn name(n: &str) -> crate::domain::UserName {
    crate::domain::UserName::parse(n).unwrap()
}

/// alice, with conversations with bob and bobby and #news, and carol online.
fn app() -> UserApp {
    use crate::domain::{ConversationId, PresenceState, TopicName};
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), time::UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    for who in ["bob", "bobby"] {
        app.update(Event::Open(ConversationId::Direct(name(who))));
    }
    app.update(Event::Open(ConversationId::Topic(
        TopicName::parse("news").unwrap(),
    )));
    app.update(Event::Open(ConversationId::Status));
    app.update(Event::Presence {
        from: name("carol"),
        state: PresenceState::Join,
        topics: vec![],
        answer: None,
        again: false,
        away: None,
    });
    app
}

/// Feeds keys (no modifiers) and returns what the app got.
fn press(input: &mut InputBox, app: &UserApp, keys: &[KeyEvent]) -> Vec<Event> {
    keys.iter()
        .filter_map(|k| read_terminal(TermEvent::Key(*k), input, app))
        .collect()
}

fn typed(text: &str) -> Vec<KeyEvent> {
    text.chars()
        .map(|c| key(KeyCode::Char(c), KeyModifiers::NONE))
        .collect()
}

#[test]
fn maps_the_documented_keys() {
    let none = KeyModifiers::NONE;
    assert_eq!(map_key(key(KeyCode::Enter, none)), KeyIntent::Submit);
    assert_eq!(
        map_key(key(KeyCode::Enter, KeyModifiers::ALT)),
        KeyIntent::Newline
    );
    assert_eq!(
        map_key(key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        KeyIntent::App(Action::Quit)
    );
    assert_eq!(map_key(key(KeyCode::Tab, none)), KeyIntent::Complete);
    assert_eq!(
        map_key(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        KeyIntent::CompleteBack
    );
    assert_eq!(
        map_key(key(KeyCode::Right, KeyModifiers::ALT)),
        KeyIntent::App(Action::NextConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::Left, KeyModifiers::ALT)),
        KeyIntent::App(Action::PrevConversation)
    );
    assert!(
        matches!(map_key(key(KeyCode::Left, none)), KeyIntent::Edit(_)),
        "Left alone moves the cursor"
    );
    assert_eq!(
        map_key(key(KeyCode::Char('g'), KeyModifiers::CONTROL)),
        KeyIntent::OpenSwitcher
    );
    assert_eq!(
        map_key(key(KeyCode::Char('x'), KeyModifiers::CONTROL)),
        KeyIntent::OpenEditor,
        "Ctrl-X is the editor, not the editor widget's cut"
    );
    assert_eq!(
        map_key(key(KeyCode::Char('n'), KeyModifiers::CONTROL)),
        KeyIntent::App(Action::NextConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::Char('p'), KeyModifiers::CONTROL)),
        KeyIntent::App(Action::PrevConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::PageUp, none)),
        KeyIntent::App(Action::PageUp)
    );
    assert_eq!(
        map_key(key(KeyCode::PageDown, none)),
        KeyIntent::App(Action::PageDown)
    );
    assert_eq!(
        map_key(key(KeyCode::Home, KeyModifiers::CONTROL)),
        KeyIntent::App(Action::ScrollToOldest)
    );
    assert_eq!(
        map_key(key(KeyCode::End, KeyModifiers::CONTROL)),
        KeyIntent::App(Action::ScrollToNewest)
    );
    assert!(
        matches!(map_key(key(KeyCode::End, none)), KeyIntent::Edit(_)),
        "End alone moves the cursor in the input box"
    );
    assert_eq!(
        map_key(key(KeyCode::F(1), none)),
        KeyIntent::App(Action::ToggleHelp)
    );
    assert_eq!(map_key(key(KeyCode::Up, none)), KeyIntent::HistoryPrev);
    assert_eq!(map_key(key(KeyCode::Down, none)), KeyIntent::HistoryNext);
    assert!(matches!(
        map_key(key(KeyCode::Char('x'), none)),
        KeyIntent::Edit(_)
    ));
}

#[test]
fn escape_goes_to_the_app_and_releases_are_ignored() {
    assert_eq!(
        map_key(key(KeyCode::Esc, KeyModifiers::NONE)),
        KeyIntent::Escape
    );
    let mut input = InputBox::new();
    assert_eq!(
        read_terminal(
            TermEvent::Key(key(KeyCode::Esc, KeyModifiers::NONE)),
            &mut input,
            &app()
        ),
        Some(Event::Key(Action::Escape)),
        "the app closes its help on Esc"
    );
    let mut release = key(KeyCode::Char('x'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(map_key(release), KeyIntent::Ignore);
}

#[test]
fn a_submitted_line_leaves_the_input_box_empty_and_edits_stay_in_it() {
    let app = app();
    let mut input = InputBox::new();
    for c in "hi".chars() {
        let typed = read_terminal(
            TermEvent::Key(key(KeyCode::Char(c), KeyModifiers::NONE)),
            &mut input,
            &app,
        );
        assert_eq!(typed, None, "typing is the input box's business");
    }
    let sent = read_terminal(
        TermEvent::Key(key(KeyCode::Enter, KeyModifiers::NONE)),
        &mut input,
        &app,
    );
    assert_eq!(sent, Some(Event::Input("hi".into())));
    assert_eq!(input.text(), "");
    let paged = read_terminal(
        TermEvent::Key(key(KeyCode::PageUp, KeyModifiers::NONE)),
        &mut input,
        &app,
    );
    assert_eq!(paged, Some(Event::Key(Action::PageUp)));
}

#[test]
fn tab_completes_a_name_and_cycles_both_ways_then_any_key_ends_it() {
    let app = app();
    let mut input = InputBox::new();
    let tab = key(KeyCode::Tab, KeyModifiers::NONE);
    let back = key(KeyCode::BackTab, KeyModifiers::SHIFT);
    press(&mut input, &app, &typed("b"));
    assert!(
        press(&mut input, &app, &[tab]).is_empty(),
        "Tab never switches"
    );
    assert_eq!(
        input.text(),
        "bob: ",
        "a name starting the line gets a colon"
    );
    let shown: Vec<&str> = input
        .completion()
        .unwrap()
        .candidates()
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(shown, ["bob: ", "bobby: "]);
    press(&mut input, &app, &[tab]);
    assert_eq!(input.text(), "bobby: ");
    press(&mut input, &app, &[tab]);
    assert_eq!(input.text(), "bob: ", "round again");
    press(&mut input, &app, &[back]);
    assert_eq!(input.text(), "bobby: ");
    press(&mut input, &app, &typed("hi"));
    assert_eq!(input.completion(), None, "typing ends cycling");
    assert_eq!(input.text(), "bobby: hi");
    press(&mut input, &app, &[tab]);
    assert_eq!(input.text(), "bobby: hi", "nobody starts with hi");
}

#[test]
fn tab_completes_commands_topics_and_names_inside_a_line() {
    let app = app();
    let tab = key(KeyCode::Tab, KeyModifiers::NONE);
    let mut input = InputBox::new();
    press(&mut input, &app, &typed("/jo"));
    press(&mut input, &app, &[tab]);
    assert_eq!(input.text(), "/join ");
    press(&mut input, &app, &typed("#n"));
    press(&mut input, &app, &[tab]);
    assert_eq!(input.text(), "/join #news ");
    let mut input = InputBox::new();
    press(&mut input, &app, &typed("ask ca"));
    press(&mut input, &app, &[tab]);
    assert_eq!(input.text(), "ask carol ", "mid-line, a space and no colon");
    let mut input = InputBox::new();
    press(&mut input, &app, &typed("x bo"));
    press(&mut input, &app, &[key(KeyCode::Left, KeyModifiers::NONE)]);
    press(&mut input, &app, &[tab]);
    assert_eq!(
        input.text(),
        "x bob o",
        "the word is what is before the cursor"
    );
}

#[test]
fn esc_ends_completion_and_drops_a_selection() {
    let app = app();
    let mut input = InputBox::new();
    press(&mut input, &app, &typed("b"));
    press(&mut input, &app, &[key(KeyCode::Tab, KeyModifiers::NONE)]);
    press(&mut input, &app, &[key(KeyCode::Esc, KeyModifiers::NONE)]);
    assert_eq!(input.completion(), None);
    assert_eq!(input.text(), "bob: ");
    input.textarea.select_all();
    press(&mut input, &app, &[key(KeyCode::Esc, KeyModifiers::NONE)]);
    assert!(!input.textarea.is_selecting());
}

#[test]
fn the_switcher_filters_moves_and_opens_without_touching_the_draft() {
    let app = app();
    let mut input = InputBox::new();
    press(&mut input, &app, &typed("draft"));
    press(
        &mut input,
        &app,
        &[key(KeyCode::Char('g'), KeyModifiers::CONTROL)],
    );
    assert!(input.switcher.is_some());
    press(&mut input, &app, &typed("BO"));
    assert_eq!(input.switcher.as_ref().unwrap().query(), "BO");
    let opened = press(
        &mut input,
        &app,
        &[
            key(KeyCode::Down, KeyModifiers::NONE),
            key(KeyCode::Enter, KeyModifiers::NONE),
        ],
    );
    assert_eq!(
        opened,
        [Event::Open(crate::domain::ConversationId::Direct(name(
            "bobby"
        )))]
    );
    assert!(input.switcher.is_none());
    assert_eq!(input.text(), "draft", "the draft stays where it was");
    press(
        &mut input,
        &app,
        &[key(KeyCode::Char('g'), KeyModifiers::CONTROL)],
    );
    let closed = press(&mut input, &app, &[key(KeyCode::Esc, KeyModifiers::NONE)]);
    assert!(closed.is_empty() && input.switcher.is_none());
    press(
        &mut input,
        &app,
        &[key(KeyCode::Char('g'), KeyModifiers::CONTROL)],
    );
    let quit = press(
        &mut input,
        &app,
        &[key(KeyCode::Char('c'), KeyModifiers::CONTROL)],
    );
    assert_eq!(quit, [Event::Key(Action::Quit)], "Ctrl-C still quits");
}

#[test]
fn readline_keys_delete_to_the_line_start_a_word_and_to_the_end() {
    let app = app();
    let ctrl = |c| key(KeyCode::Char(c), KeyModifiers::CONTROL);
    let left = key(KeyCode::Left, KeyModifiers::NONE);
    let mut input = InputBox::new();
    press(&mut input, &app, &typed("hello big world"));
    press(&mut input, &app, &[ctrl('w')]);
    assert_eq!(
        input.text(),
        "hello big ",
        "Ctrl-W: the word before the cursor"
    );
    press(&mut input, &app, &[left, left, left, left, ctrl('k')]);
    assert_eq!(input.text(), "hello ", "Ctrl-K: to the end of the line");
    press(&mut input, &app, &typed("there"));
    press(&mut input, &app, &[left, left, ctrl('u')]);
    assert_eq!(
        input.text(),
        "re",
        "Ctrl-U: to the start of the line, not undo"
    );
    press(&mut input, &app, &[ctrl('y')]);
    assert_eq!(input.text(), "hello there", "Ctrl-Y puts back what was cut");
}

#[test]
fn ctrl_z_undoes_and_alt_z_redoes() {
    let app = app();
    let mut input = InputBox::new();
    press(&mut input, &app, &typed("abc"));
    press(
        &mut input,
        &app,
        &[key(KeyCode::Char('z'), KeyModifiers::CONTROL)],
    );
    assert_eq!(input.text(), "ab");
    press(
        &mut input,
        &app,
        &[key(KeyCode::Char('z'), KeyModifiers::ALT)],
    );
    assert_eq!(input.text(), "abc");
    press(
        &mut input,
        &app,
        &[key(KeyCode::Char('z'), KeyModifiers::CONTROL)],
    );
    press(
        &mut input,
        &app,
        &[key(
            KeyCode::Char('Z'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        )],
    );
    assert_eq!(input.text(), "abc", "Ctrl-Shift-Z redoes too");
}

#[test]
fn a_long_terminal_paste_asks_and_only_enter_or_esc_answer() {
    let app = app();
    let mut input = InputBox::new();
    let long: String = (1..=700).map(|n| format!("line {n}\n")).collect();
    assert_eq!(
        read_terminal(TermEvent::Paste(long), &mut input, &app),
        None
    );
    assert_eq!(input.held_paste_lines(), Some(700));
    press(&mut input, &app, &typed("x"));
    assert_eq!(input.text(), "", "other keys wait for the answer");
    let sent = press(&mut input, &app, &[key(KeyCode::Enter, KeyModifiers::NONE)]);
    assert!(sent.is_empty(), "Enter inserts the paste, it does not send");
    assert_eq!(input.text().lines().count(), 700);
    input.take();
    read_terminal(TermEvent::Paste("a\n".repeat(11)), &mut input, &app);
    press(&mut input, &app, &[key(KeyCode::Esc, KeyModifiers::NONE)]);
    assert_eq!(
        (input.held_paste_lines(), input.text()),
        (None, String::new())
    );
    read_terminal(TermEvent::Paste("a\n".repeat(11)), &mut input, &app);
    let quit = press(
        &mut input,
        &app,
        &[key(KeyCode::Char('c'), KeyModifiers::CONTROL)],
    );
    assert_eq!(quit, [Event::Key(Action::Quit)], "Ctrl-C still quits");
    let mut short = InputBox::new();
    read_terminal(TermEvent::Paste("a\nb".into()), &mut short, &app);
    assert_eq!(short.text(), "a\nb", "a short paste goes in at once");
}

#[test]
fn ctrl_r_searches_what_was_sent_and_enter_takes_it_without_sending() {
    let app = app();
    let mut input = InputBox::new();
    let enter = key(KeyCode::Enter, KeyModifiers::NONE);
    for line in ["first question", "an answer"] {
        press(&mut input, &app, &typed(line));
        press(&mut input, &app, &[enter]);
    }
    press(
        &mut input,
        &app,
        &[key(KeyCode::Char('r'), KeyModifiers::CONTROL)],
    );
    press(&mut input, &app, &typed("que"));
    assert_eq!(
        input.search_prompt().as_deref(),
        Some("(reverse-i-search) 'que': first question")
    );
    let sent = press(&mut input, &app, &[enter]);
    assert!(
        sent.is_empty(),
        "Enter accepts into the box, it does not send"
    );
    assert_eq!(input.text(), "first question");
    let sent = press(&mut input, &app, &[enter]);
    assert_eq!(sent, [Event::Input("first question".into())]);
    press(
        &mut input,
        &app,
        &[key(KeyCode::Char('r'), KeyModifiers::CONTROL)],
    );
    let quit = press(
        &mut input,
        &app,
        &[key(KeyCode::Char('c'), KeyModifiers::CONTROL)],
    );
    assert_eq!(quit, [Event::Key(Action::Quit)], "Ctrl-C still quits");
}

#[test]
fn alt_keys_move_through_what_is_unread() {
    assert_eq!(
        map_key(key(KeyCode::Char('a'), KeyModifiers::ALT)),
        KeyIntent::App(Action::JumpToActivity)
    );
    assert_eq!(
        map_key(key(
            KeyCode::Char('A'),
            KeyModifiers::ALT | KeyModifiers::SHIFT
        )),
        KeyIntent::App(Action::ReadAll)
    );
    assert_eq!(
        map_key(key(KeyCode::Char('1'), KeyModifiers::ALT)),
        KeyIntent::App(Action::GoTo(1))
    );
    assert_eq!(
        map_key(key(KeyCode::Char('9'), KeyModifiers::ALT)),
        KeyIntent::App(Action::GoTo(9))
    );
    // Without Alt they are typed; Alt-0 is not a conversation.
    for code in [KeyCode::Char('a'), KeyCode::Char('1')] {
        assert!(matches!(
            map_key(key(code, KeyModifiers::NONE)),
            KeyIntent::Edit(_)
        ));
    }
    assert!(matches!(
        map_key(key(KeyCode::Char('0'), KeyModifiers::ALT)),
        KeyIntent::Edit(_)
    ));
}

#[test]
fn the_input_keys_can_be_bound_in_the_config_file() {
    use crate::ui::user::keymap::Keymap;
    let mut keymap = Keymap::default();
    let bound = [
        ("complete", KeyIntent::Complete),
        ("complete_back", KeyIntent::CompleteBack),
        ("quick_switcher", KeyIntent::OpenSwitcher),
        ("reverse_search", KeyIntent::ReverseSearch),
        ("edit_in_editor", KeyIntent::OpenEditor),
        ("delete_to_line_start", KeyIntent::DeleteToLineStart),
        ("undo", KeyIntent::Undo),
        ("redo", KeyIntent::Redo),
    ];
    for (n, (action, _)) in bound.iter().enumerate() {
        keymap.bind(action, &format!("f{}", n + 2)).unwrap();
    }
    for (n, (action, intent)) in bound.into_iter().enumerate() {
        let pressed = TermEvent::Key(key(KeyCode::F(n as u8 + 2), KeyModifiers::NONE));
        let TermEvent::Key(read) = keymap.remap(pressed) else {
            panic!("a key stays a key");
        };
        assert_eq!(map_key(read), intent, "{action}");
    }
}
