//! Coming back: pages after, the newest page (End), the oldest (Home), arrivals that
//! race with a page, notices and own lines while detached.

use super::*;

#[test]
fn reading_back_past_the_cap_drops_the_newest_lines_and_end_brings_them_back() {
    let mut h = Harness::new(5_000);
    while !h.news().paging.newer {
        let fx = h.key(Action::ScrollUp(19));
        let shown = h.on_screen();
        h.serve(fx);
        assert_eq!(h.on_screen(), shown, "no jump");
        assert!(h.news().lines.len() <= WINDOW_LINES);
    }
    assert_eq!(h.news().lines.len(), WINDOW_LINES);
    assert_ne!(h.ids().last().unwrap(), "p4999");
    // Arrivals meanwhile are counted, not loaded.
    h.receive();
    h.receive();
    assert_eq!(h.news().new_below, 2);
    assert_ne!(h.ids().last().unwrap(), "p5001");

    let fx = h.key(Action::ScrollToNewest);
    assert_eq!(pages(&fx), [&PageAt::Newest]);
    h.serve(fx);
    assert!(h.news().is_following());
    assert_eq!(h.news().new_below, 0);
    assert_eq!(h.ids().last().unwrap(), "p5001");
    assert_eq!(h.news().lines.len(), PAGE_MESSAGES);
    assert!(h.news().paging.older && !h.news().paging.newer);
}

#[test]
fn scrolling_back_down_a_detached_window_pages_in_newer_messages() {
    let mut h = Harness::new(3_000);
    while !h.news().paging.newer {
        let fx = h.key(Action::ScrollUp(19));
        h.serve(fx);
    }
    let mut asked_after = 0;
    for _ in 0..10_000 {
        if h.news().is_following() {
            break;
        }
        let fx = h.key(Action::ScrollDown(19));
        let shown = h.on_screen();
        asked_after += pages(&fx)
            .iter()
            .filter(|at| matches!(at, PageAt::After(_)))
            .count();
        h.serve(fx);
        assert_eq!(h.on_screen(), shown, "no jump");
        assert!(h.news().lines.len() <= WINDOW_LINES);
    }
    assert!(asked_after > 0);
    assert!(h.news().is_following());
    assert!(!h.news().paging.newer);
    assert_eq!(h.ids().last().unwrap(), "p2999");
    let ids = h.ids();
    let mut sorted = ids.clone();
    sorted.dedup();
    assert_eq!(ids, sorted, "no message twice");
}

#[test]
fn end_follows_at_once_when_the_window_has_the_newest() {
    let mut h = Harness::new(1_000);
    h.key(Action::ScrollUp(10));
    let fx = h.key(Action::ScrollToNewest);
    assert!(pages(&fx).is_empty());
    assert!(h.news().is_following());
}

#[test]
fn end_while_a_page_is_in_flight_asks_for_the_newest_after_it() {
    let mut h = Harness::new(5_000);
    while !h.news().paging.newer {
        let fx = h.key(Action::ScrollUp(19));
        h.serve(fx);
    }
    let fx = h.key(Action::ScrollUp(usize::MAX));
    assert_eq!(pages(&fx).len(), 1);
    assert!(
        pages(&h.key(Action::ScrollToNewest)).is_empty(),
        "one in flight"
    );
    let after = h.serve(fx);
    assert_eq!(pages(&after), [&PageAt::Newest]);
    h.serve(after);
    assert!(h.news().is_following());
    assert_eq!(h.ids().last().unwrap(), "p4999");
}

#[test]
fn the_newest_page_merges_arrivals_that_raced_with_it() {
    let mut h = Harness::new(5_000);
    while !h.news().paging.newer {
        let fx = h.key(Action::ScrollUp(19));
        h.serve(fx);
    }
    let fx = h.key(Action::ScrollToNewest);
    // p5000 is stored and received before the store reads the page: the page has it.
    h.receive();
    // The store reads the page now.
    let Effect::LoadPage { at, limit, .. } = &fx[0] else {
        panic!("{fx:?}")
    };
    let page = h.page(at, *limit);
    // p5001 is stored after the page was read, and received before the answer.
    h.receive();
    h.app.update(Event::PageLoaded {
        conversation: news(),
        at: PageAt::Newest,
        result: Ok(page),
    });
    // The pump's event for a message the page already had comes late: shown once.
    h.app.update(Event::Received(post(5000)));
    let ids = h.ids();
    let tail: Vec<&str> = ids[ids.len() - 3..].iter().map(String::as_str).collect();
    assert_eq!(tail, ["p4999", "p5000", "p5001"]);
    h.receive();
    assert_eq!(h.ids().last().unwrap(), "p5002");
}

#[test]
fn home_loads_the_oldest_page_and_shows_it_from_the_top() {
    let mut h = Harness::new(1_000);
    let fx = h.key(Action::ScrollToOldest);
    assert_eq!(pages(&fx), [&PageAt::Oldest]);
    h.serve(fx);
    let news = h.news();
    assert_eq!(h.on_screen()[0], "p0");
    assert!(!news.paging.older && news.paging.newer);
    assert_eq!(news.lines.len(), PAGE_MESSAGES);
    h.receive();
    assert_eq!(h.news().lines.len(), PAGE_MESSAGES, "counted, not loaded");
    let fx = h.key(Action::ScrollToNewest);
    h.serve(fx);
    assert_eq!(h.ids().last().unwrap(), "p1000");
}

#[test]
fn writing_while_scrolled_back_returns_to_the_newest() {
    let mut h = Harness::new(5_000);
    h.app.update(Event::Open(news()));
    while !h.news().paging.newer {
        let fx = h.key(Action::ScrollUp(19));
        h.serve(fx);
    }
    let fx = h.app.update(Event::Input("back to the present".into()));
    assert_eq!(pages(&fx), [&PageAt::Newest]);
    let written: Vec<ChatMessage> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Publish(env) => {
                ChatMessage::from_envelope(env, &name("alice"), Direction::Outgoing)
            }
            _ => None,
        })
        .collect();
    h.serve(fx);
    // The outbox stored it: now it is shown.
    for msg in written {
        h.app.update(Event::Queued(msg));
    }
    let news = h.news();
    assert!(news.is_following());
    let Some(Line::Message(mine)) = news.lines.back() else {
        panic!("{:?}", news.lines.back())
    };
    assert!(
        mine.is_mine(&name("alice")),
        "the pending line, not yet stored, is kept"
    );
    assert_eq!(h.ids()[h.ids().len() - 2], "p4999");
}

#[test]
fn notices_while_detached_wait_for_the_newest_lines() {
    let mut h = Harness::new(5_000);
    h.app.update(Event::Open(news()));
    while !h.news().paging.newer {
        let fx = h.key(Action::ScrollUp(19));
        h.serve(fx);
    }
    h.app.update(Event::Input("/frobnicate".into()));
    assert!(!format!("{:?}", h.news().lines).contains("frobnicate"));
    let fx = h.key(Action::ScrollToNewest);
    h.serve(fx);
    assert!(format!("{:?}", h.news().lines.back()).contains("frobnicate"));
}
