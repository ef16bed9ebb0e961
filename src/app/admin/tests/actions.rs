//! Forms, confirmations, announcements, details and the outcome of actions.

use std::time::Instant;

use crate::domain::console::{Action, Details, Outcome, QueueName, Recipient, Target};
use crate::domain::{TopicName, UserName};

use super::*;

fn queue(name: &str) -> Target {
    Target::Queue(QueueName::parse(name).expect("valid"))
}

fn topic(name: &str) -> TopicName {
    TopicName::parse(name).expect("valid")
}

fn user(name: &str) -> UserName {
    UserName::parse(name).expect("valid")
}

fn form_error(app: &AdminApp) -> Option<String> {
    match app.overlay() {
        Some(Overlay::Form(form)) => form.error.clone(),
        other => panic!("expected a form, got {other:?}"),
    }
}

#[test]
fn new_in_each_pane_creates_its_kind() {
    for (digit, text, target) in [
        ('1', "orders-eu", queue("orders-eu")),
        ('2', "#Sport", Target::Topic(topic("sport"))),
    ] {
        let mut app = app_with(&sample_fake(), Instant::now());
        press(&mut app, Key::Char(digit));
        press(&mut app, Key::Char('n'));
        type_text(&mut app, text);
        let action = Action::Create(target);
        assert_eq!(
            press(&mut app, Key::Enter),
            vec![Effect::Perform(action.clone())]
        );
        assert_eq!(app.overlay(), None);
        assert_eq!(app.in_flight(), [action]);
        let notice = app.notice().expect("a notice");
        assert_eq!(notice.level, NoticeLevel::Busy);
        assert!(notice.text.starts_with("creating "), "{}", notice.text);
    }
}

#[test]
fn forms_refuse_bad_names_and_emit_nothing() {
    for (digit, text, why) in [
        ('1', "", "empty"),
        ('1', "amq.mine", "reserved"),
        ('2', "", "empty"),
        ('2', "news room", "' ' is not allowed"),
        ('3', "al!ce", "'!' is not allowed"),
        ('3', "a-very-long-user-name-indeed", "characters"),
        ('3', "_x", "starts with"),
    ] {
        let mut app = app_with(&sample_fake(), Instant::now());
        press(&mut app, Key::Char(digit));
        press(&mut app, Key::Char('n'));
        type_text(&mut app, text);
        assert!(press(&mut app, Key::Enter).is_empty(), "{text:?}");
        let error = form_error(&app).expect("an error in the form");
        assert!(error.contains(why), "{text:?}: {error}");
        assert!(app.in_flight().is_empty());
        press(&mut app, Key::Char('x'));
        assert_eq!(form_error(&app), None, "typing clears the refusal");
    }
}

#[test]
fn backspace_edits_and_esc_cancels_a_form() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('n'));
    type_text(&mut app, "abx");
    press(&mut app, Key::Backspace);
    let Some(Overlay::Form(form)) = app.overlay() else {
        panic!("form open");
    };
    assert_eq!(form.input, "ab");
    assert!(press(&mut app, Key::Esc).is_empty());
    assert_eq!(app.overlay(), None);
}

#[test]
fn nothing_is_created_in_the_broker_pane() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('4'));
    assert!(press(&mut app, Key::Char('n')).is_empty());
    assert_eq!(app.overlay(), None);
    assert!(app.notice().expect("a hint").text.contains("Broker pane"));
}

#[test]
fn delete_asks_naming_the_item_and_only_y_performs() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Down);
    assert!(press(&mut app, Key::Char('d')).is_empty());
    let Some(Overlay::Confirm(confirm)) = app.overlay() else {
        panic!("a confirmation");
    };
    assert_eq!(confirm.question, "Delete queue billing? y/N");
    assert!(press(&mut app, Key::Char('n')).is_empty());
    assert_eq!(app.overlay(), None);
    assert!(app.notice().expect("said").text.starts_with("cancelled"));
    press(&mut app, Key::Delete);
    assert!(press(&mut app, Key::Enter).is_empty(), "Enter is not yes");
    press(&mut app, Key::Delete);
    let delete = Action::Delete(queue("billing"));
    assert_eq!(
        press(&mut app, Key::Char('y')),
        vec![Effect::Perform(delete)]
    );
    assert_eq!(app.notice().expect("busy").text, "deleting queue billing…");
}

#[test]
fn delete_in_each_pane() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('2'));
    press(&mut app, Key::Char('d'));
    let expect = Effect::Perform(Action::Delete(Target::Topic(topic("news"))));
    assert_eq!(press(&mut app, Key::Char('Y')), vec![expect]);
    press(&mut app, Key::Char('3'));
    press(&mut app, Key::Char('d'));
    let Some(Overlay::Confirm(confirm)) = app.overlay() else {
        panic!("a confirmation");
    };
    assert!(
        confirm.question.starts_with("Delete user alice"),
        "{}",
        confirm.question
    );
    let expect = Effect::Perform(Action::Delete(Target::User(user("alice"))));
    assert_eq!(press(&mut app, Key::Char('y')), vec![expect]);
    press(&mut app, Key::Char('4'));
    press(&mut app, Key::Char('d'));
    let name = app.selected_name(Pane::Broker).expect("a connection");
    let Some(Overlay::Confirm(confirm)) = app.overlay() else {
        panic!("a confirmation");
    };
    assert_eq!(confirm.question, format!("Close connection {name}? y/N"));
    let expect = Effect::Perform(Action::Delete(Target::Connection(name)));
    assert_eq!(press(&mut app, Key::Char('y')), vec![expect]);
    assert_eq!(app.in_flight().len(), 3);
}

#[test]
fn server_named_queues_can_still_be_deleted() {
    let fake = FakeConsole::new().with_queue("amq.gen-abc", 0, 0);
    let mut app = app_with(&fake, Instant::now());
    assert!(press(&mut app, Key::Char('d')).is_empty());
    let Some(Overlay::Confirm(confirm)) = app.overlay() else {
        panic!("a confirmation");
    };
    assert!(
        confirm.question.contains("queue amq.gen-abc"),
        "{}",
        confirm.question
    );
    let queue = QueueName::existing("amq.gen-abc").expect("listed");
    assert_eq!(
        press(&mut app, Key::Char('y')),
        vec![Effect::Perform(Action::Delete(Target::Queue(queue)))]
    );
}

#[test]
fn purge_asks_with_the_count_for_queues_and_inboxes() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::End);
    press(&mut app, Key::Char('p'));
    let Some(Overlay::Confirm(confirm)) = app.overlay() else {
        panic!("a confirmation");
    };
    assert_eq!(confirm.question, "Purge queue orders (1234 ready)? y/N");
    let purge = Action::Purge(QueueName::parse("orders").expect("valid"));
    assert_eq!(
        press(&mut app, Key::Char('y')),
        vec![Effect::Perform(purge)]
    );
    press(&mut app, Key::Char('3'));
    press(&mut app, Key::Down);
    press(&mut app, Key::Char('p'));
    let purge = Action::Purge(QueueName::parse("chat.user.bob").expect("valid"));
    assert_eq!(
        press(&mut app, Key::Char('y')),
        vec![Effect::Perform(purge)]
    );
    press(&mut app, Key::Char('2'));
    assert!(press(&mut app, Key::Char('p')).is_empty());
    assert_eq!(app.overlay(), None, "topics have nothing to purge");
    assert!(app.notice().expect("hint").text.contains("purges a queue"));
}

#[test]
fn m_announces_to_the_selected_topic_or_user() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('2'));
    press(&mut app, Key::Char('m'));
    assert!(
        press(&mut app, Key::Enter).is_empty(),
        "empty text is refused"
    );
    assert!(form_error(&app).expect("refused").contains("empty"));
    type_text(&mut app, "  maintenance at 18:00 ");
    let expect = Action::Announce {
        to: Recipient::Topic(topic("news")),
        text: "maintenance at 18:00".to_owned(),
    };
    assert_eq!(press(&mut app, Key::Enter), vec![Effect::Perform(expect)]);
    press(&mut app, Key::Char('3'));
    press(&mut app, Key::Down);
    press(&mut app, Key::Char('m'));
    type_text(&mut app, "hi bob");
    let expect = Action::Announce {
        to: Recipient::User(user("bob")),
        text: "hi bob".to_owned(),
    };
    assert_eq!(press(&mut app, Key::Enter), vec![Effect::Perform(expect)]);
    press(&mut app, Key::Char('1'));
    assert!(press(&mut app, Key::Char('m')).is_empty());
    assert_eq!(app.overlay(), None, "queues get no announcements");
}

#[test]
fn outcomes_update_the_notice_and_refresh() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('n'));
    type_text(&mut app, "orders");
    press(&mut app, Key::Enter);
    let action = Action::Create(queue("orders"));
    let effects = app.update(Event::ActionFailed {
        action: action.clone(),
        error: "queue orders already exists".to_owned(),
    });
    assert_eq!(effects, vec![Effect::Refresh]);
    assert!(app.in_flight().is_empty());
    let notice = app.notice().expect("the error");
    assert_eq!(notice.level, NoticeLevel::Error);
    assert_eq!(
        notice.text,
        "could not create queue orders: queue orders already exists"
    );
    let effects = app.update(Event::ActionDone {
        action: Action::Delete(queue("billing")),
        outcome: Outcome::Done,
    });
    assert_eq!(effects, vec![Effect::Refresh]);
    let notice = app.notice().expect("done");
    assert_eq!(
        (notice.level, notice.text.as_str()),
        (NoticeLevel::Info, "deleted queue billing")
    );
    press(&mut app, Key::Esc);
    assert_eq!(app.notice(), None, "Esc dismisses the notice");
}

#[test]
fn enter_fetches_details_and_shows_them_when_they_arrive() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('2'));
    let target = Target::Topic(topic("news"));
    assert_eq!(
        press(&mut app, Key::Enter),
        vec![Effect::FetchDetails(target.clone())]
    );
    let Some(Overlay::Details(view)) = app.overlay() else {
        panic!("details open");
    };
    assert_eq!(
        (view.target.clone(), view.result.clone()),
        (target.clone(), None)
    );
    let details = Details {
        title: "topic #news".to_owned(),
        fields: vec![],
        items_title: "subscribers".to_owned(),
        items: (0..40).map(|i| format!("user{i}")).collect(),
    };
    app.update(Event::Details {
        target: Target::Topic(topic("random")),
        result: Err("late answer for another item".to_owned()),
    });
    let Some(Overlay::Details(view)) = app.overlay() else {
        panic!("details open");
    };
    assert_eq!(view.result, None, "answers for other items are ignored");
    app.update(Event::Details {
        target: target.clone(),
        result: Ok(details.clone()),
    });
    press(&mut app, Key::Down);
    press(&mut app, Key::End);
    press(&mut app, Key::PageDown);
    press(&mut app, Key::PageDown);
    press(&mut app, Key::PageDown);
    let Some(Overlay::Details(view)) = app.overlay() else {
        panic!("details open");
    };
    assert_eq!(view.result, Some(Ok(details)));
    assert_eq!(view.scroll, 39, "scrolling stops at the last item");
    press(&mut app, Key::Esc);
    assert_eq!(app.overlay(), None);
}
