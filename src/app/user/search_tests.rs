//! `/search`: the count, the list and the jump to a match.

use super::test_fixtures::{app, dm_from as dm, last_notice, name};
use super::*;
use crate::domain::{ChatMessage, ConversationId, MessagePage, PageAt, SearchHits};

fn found(app: &mut UserApp, query: &str, total: usize, newest: Vec<ChatMessage>) -> Vec<Effect> {
    app.update(Event::SearchResults {
        query: query.into(),
        hits: SearchHits { total, newest },
    })
}

#[test]
fn the_true_count_is_said_and_the_listed_ones_are_named() {
    let mut app = app();
    let fx = app.update(Event::Input("/search cake".into()));
    assert_eq!(fx, vec![Effect::Search("cake".into())]);
    let hits: Vec<_> = (0..3).map(|i| dm("bob", &format!("cake {i}"))).collect();
    let fx = found(&mut app, "cake", 150, hits);
    assert_eq!(
        last_notice(&app),
        "150 messages contain \"cake\" (the newest 3 are listed)"
    );
    let printed: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Show(Shown::Notice(n)) => Some(n.text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(printed.len(), 4, "the count, then each match for line mode");
    assert!(printed[1].ends_with(" bob: cake 0"), "{}", printed[1]);
    let list = app.search.as_ref().expect("the list is open");
    assert_eq!((list.total, list.hits.len(), list.selected), (150, 3, 0));
    assert_eq!(
        notices_count(&app),
        1,
        "the matches are listed, not added to the conversation"
    );

    found(&mut app, "pie", 0, vec![]);
    assert_eq!(last_notice(&app), "no message contains \"pie\"");
    assert!(app.search.is_none());
    found(&mut app, "one", 1, vec![dm("bob", "one")]);
    assert_eq!(last_notice(&app), "1 message contains \"one\"");
}

fn notices_count(app: &UserApp) -> usize {
    app.current_conversation()
        .lines
        .iter()
        .filter(|l| matches!(l, Line::Notice(_)))
        .count()
}

#[test]
fn the_cursor_moves_within_the_list_and_esc_closes_it() {
    let mut app = app();
    let hits: Vec<_> = (0..5).map(|i| dm("bob", &format!("x{i}"))).collect();
    found(&mut app, "x", 5, hits);
    let selected = |app: &UserApp| app.search.as_ref().unwrap().selected;
    app.update(Event::Key(Action::MoveSelection(-1)));
    assert_eq!(selected(&app), 0, "stops at the top");
    app.update(Event::Key(Action::MoveSelection(3)));
    assert_eq!(selected(&app), 3);
    app.update(Event::Key(Action::MoveSelection(10)));
    assert_eq!(selected(&app), 4, "stops at the bottom");
    app.update(Event::Key(Action::MoveSelection(isize::MIN)));
    assert_eq!(selected(&app), 0);

    app.help_open = true;
    app.update(Event::Key(Action::Escape));
    assert!(
        !app.help_open && app.search.is_some(),
        "Esc closes the help first"
    );
    app.update(Event::Key(Action::Escape));
    assert!(app.search.is_none());
}

#[test]
fn enter_opens_the_match_in_its_conversation_with_the_history_around_it() {
    let mut app = app();
    app.pane = Pane {
        width: 80,
        height: 4,
    };
    let older: Vec<_> = (0..20).map(|i| dm("carol", &format!("m{i}"))).collect();
    let target = older[10].clone();
    found(&mut app, "m", 2, vec![dm("bob", "m"), target.clone()]);
    app.update(Event::Key(Action::MoveSelection(1)));
    let fx = app.update(Event::Key(Action::OpenSelected));
    let carol = ConversationId::Direct(name("carol"));
    assert!(app.search.is_none(), "the list closes");
    assert_eq!(app.current_conversation().id, carol);
    let at = PageAt::Around(target.id.clone());
    assert!(
        fx.iter().any(
            |e| matches!(e, Effect::LoadPage { conversation, at: asked, .. }
            if *conversation == carol && *asked == at)
        ),
        "{fx:?}"
    );

    app.update(Event::PageLoaded {
        conversation: carol.clone(),
        at,
        result: Ok(MessagePage {
            messages: older,
            more: true,
        }),
    });
    let conversation = app.current_conversation();
    assert_eq!(conversation.marked.as_ref(), Some(&target.id));
    let (bottom, _) = conversation.bottom();
    assert_eq!(
        bottom, 12,
        "the match (line 10) sits mid-pane: two rows below it"
    );
    assert!(
        conversation.paging.newer,
        "newer ones are paged in on the way down"
    );

    app.update(Event::Key(Action::NextConversation));
    let carol_again = app.position(&carol).unwrap();
    assert_eq!(
        app.conversations[carol_again].marked, None,
        "unmarked on leaving"
    );
}

#[test]
fn a_match_no_longer_stored_is_said_and_the_window_kept() {
    let mut app = app();
    let target = dm("bob", "gone");
    app.update(Event::Received(dm("bob", "kept")));
    found(&mut app, "gone", 1, vec![target.clone()]);
    app.update(Event::Key(Action::OpenSelected));
    let bob = ConversationId::Direct(name("bob"));
    app.update(Event::PageLoaded {
        conversation: bob,
        at: PageAt::Around(target.id.clone()),
        result: Ok(MessagePage::default()),
    });
    assert!(last_notice(&app).contains("no longer in the history"));
    let conversation = app.current_conversation();
    assert!(conversation.lines.iter().any(|l| matches!(l,
        Line::Message(m) if m.content == crate::domain::Content::Text("kept".into()))));
    assert_eq!(conversation.marked, None);
}

#[test]
fn a_match_says_where_it_was_and_who_wrote_it() {
    let app = app();
    let mut mine = dm("bob", "to bob");
    mine.from = Some(name("alice"));
    let line = app.search_line(&mine);
    assert!(line.ends_with(" you → bob: to bob"), "{line}");
    let line = app.search_line(&dm("bob", "from bob"));
    assert!(line.ends_with(" bob: from bob"), "{line}");
    assert!(!line.contains("bob bob"), "{line}");
}
