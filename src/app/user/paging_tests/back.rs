//! Reading back: the first page, pages before, the cap while following, stale and
//! failed answers.

use super::*;

#[test]
fn the_first_page_is_kept_and_says_whether_there_is_more() {
    let h = Harness::new(1_000);
    assert_eq!(h.news().lines.len(), FIRST_PAGE);
    assert!(h.news().paging.older);
    assert!(!h.news().paging.newer);
    let short = Harness::new(10);
    assert!(!short.news().paging.older, "fewer than a page: that is all");
}

#[test]
fn scrolling_near_the_oldest_loaded_line_asks_for_the_page_before_once() {
    let mut h = Harness::new(1_000);
    assert!(
        pages(&h.key(Action::ScrollUp(5))).is_empty(),
        "far from the top"
    );
    let fx = h.key(Action::ScrollUp(40));
    assert_eq!(pages(&fx), [&before(850)]);
    assert!(matches!(
        fx[0],
        Effect::LoadPage {
            limit: PAGE_MESSAGES,
            ..
        }
    ));
    assert!(
        pages(&h.key(Action::ScrollUp(40))).is_empty(),
        "one in flight"
    );
    assert!(
        pages(&h.key(Action::ScrollUp(1_000))).is_empty(),
        "still one"
    );
    assert_eq!(
        h.on_screen()[0],
        "p850",
        "stopped at the oldest loaded line"
    );
}

#[test]
fn a_prepended_page_keeps_the_same_rows_on_screen() {
    let mut h = Harness::new(1_000);
    let fx = h.key(Action::ScrollUp(60));
    let shown = h.on_screen();
    let more = h.serve(fx);
    assert!(more.is_empty(), "{more:?}");
    assert_eq!(h.news().lines.len(), FIRST_PAGE + PAGE_MESSAGES);
    assert_eq!(h.on_screen(), shown);
    assert_eq!(h.ids()[0], "p650");
    // The next page comes when the view nears the new top, and again keeps the view.
    let fx = h.key(Action::ScrollUp(200));
    assert_eq!(pages(&fx), [&before(650)]);
    let shown = h.on_screen();
    h.serve(fx);
    assert_eq!(h.on_screen(), shown);
}

#[test]
fn following_arrivals_trim_the_oldest_lines_beyond_the_cap() {
    let mut h = Harness::new(100);
    assert!(!h.news().paging.older);
    for _ in 0..2_000 {
        h.receive();
    }
    let news = h.news();
    assert_eq!(news.lines.len(), WINDOW_LINES);
    assert!(news.is_following());
    assert!(news.paging.older, "the trimmed ones are in the store");
    assert_eq!(h.ids()[0], format!("p{}", 2_100 - WINDOW_LINES));
    assert_eq!(h.ids().last().unwrap(), "p2099");
}

#[test]
fn arrivals_while_scrolled_back_keep_the_view_and_are_counted() {
    let mut h = Harness::new(FIRST_PAGE);
    h.key(Action::ScrollUp(30));
    let shown = h.on_screen();
    for _ in 0..5 {
        h.receive();
    }
    assert_eq!(h.on_screen(), shown);
    assert_eq!(h.news().new_below, 5);
    assert_eq!(h.news().lines.len(), FIRST_PAGE + 5);
    h.key(Action::ScrollDown(1_000));
    assert!(h.news().is_following());
    assert_eq!(h.news().new_below, 0);
    assert_eq!(
        h.on_screen().last().unwrap(),
        &format!("p{}", FIRST_PAGE + 4)
    );
}

#[test]
fn arrivals_at_the_cap_while_reading_the_oldest_lines_detach_the_window() {
    let mut h = Harness::new(100);
    for _ in 0..(WINDOW_LINES - 100) {
        h.receive();
    }
    assert!(
        pages(&h.key(Action::ScrollUp(usize::MAX))).is_empty(),
        "all loaded"
    );
    let shown = h.on_screen();
    assert_eq!(shown[0], "p0");
    for _ in 0..3 {
        h.receive();
    }
    assert_eq!(h.on_screen(), shown, "the lines on screen stay");
    assert!(h.news().paging.newer);
    assert_eq!(h.news().lines.len(), WINDOW_LINES);
    assert_eq!(h.news().new_below, 3);
    let fx = h.key(Action::ScrollToNewest);
    h.serve(fx);
    assert_eq!(h.ids().last().unwrap(), &format!("p{}", WINDOW_LINES + 2));
}

#[test]
fn an_answer_for_a_window_that_moved_meanwhile_is_dropped() {
    let mut h = Harness::new(1_000);
    let fx = h.key(Action::ScrollUp(60));
    let Effect::LoadPage { at, limit, .. } = &fx[0] else {
        panic!("{fx:?}")
    };
    let page = h.page(at, *limit);
    // Back to following, and enough arrivals to trim the oldest loaded line.
    h.key(Action::ScrollToNewest);
    for _ in 0..WINDOW_LINES {
        h.receive();
    }
    let before = h.news().clone();
    h.app.update(Event::PageLoaded {
        conversation: news(),
        at: at.clone(),
        result: Ok(page.clone()),
    });
    let mut after = h.news().clone();
    assert_eq!(after.paging.in_flight, None);
    after.paging.in_flight = before.paging.in_flight.clone();
    assert_eq!(after, before, "the window is unchanged");
    // An answer nobody asked for (again, or for another page) changes nothing.
    let fx = h.app.update(Event::PageLoaded {
        conversation: news(),
        at: at.clone(),
        result: Ok(page),
    });
    assert!(fx.is_empty());
    assert_eq!(h.news().lines, before.lines);
}

#[test]
fn a_failed_page_says_why_and_can_be_asked_again() {
    let mut h = Harness::new(1_000);
    let fx = h.key(Action::ScrollUp(60));
    let fx = h.app.update(Event::PageLoaded {
        conversation: news(),
        at: pages(&fx)[0].clone(),
        result: Err("database is locked".into()),
    });
    assert!(fx.iter().any(
        |e| matches!(e, Effect::Show(Shown::Notice(n)) if n.text.contains("database is locked"))
    ));
    assert_eq!(pages(&h.key(Action::ScrollUp(1))), [&before(850)]);
}
