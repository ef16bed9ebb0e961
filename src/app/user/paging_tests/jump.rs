//! A search match jumped to: the page around it, then paging both ways from there.

use super::*;
use crate::domain::{MessageId, SearchHits};

/// Jumps to post `i` as Enter on a search result does, serving the page.
fn jump(h: &mut Harness, i: usize) {
    let hit = h.stored[i].clone();
    h.app.update(Event::SearchResults {
        query: "post".into(),
        hits: SearchHits {
            total: 1,
            newest: vec![hit],
        },
    });
    let fx = h.key(Action::OpenSelected);
    let around = PageAt::Around(MessageId::from_string(format!("p{i}")));
    assert!(pages(&fx).contains(&&around), "{fx:?}");
    h.serve(fx);
}

#[test]
fn a_jump_far_back_shows_the_match_mid_pane_and_pages_back_to_the_newest() {
    let mut h = Harness::new(3_000);
    jump(&mut h, 700);
    let shown = h.on_screen();
    assert_eq!(shown.len(), 20);
    assert_eq!(shown[9], "p700", "ten rows below it: {shown:?}");
    assert!(h.news().paging.newer && h.news().paging.older);
    // Arrivals while there are counted, not loaded.
    h.receive();
    assert_ne!(h.ids().last().unwrap(), "p3000");

    let mut steps = 0;
    while !h.news().is_following() && steps < 10_000 {
        let fx = h.key(Action::ScrollDown(19));
        let before = h.on_screen();
        h.serve(fx);
        assert_eq!(h.on_screen(), before, "no jump");
        assert!(h.news().lines.len() <= WINDOW_LINES);
        steps += 1;
    }
    assert!(h.news().is_following());
    assert_eq!(h.ids().last().unwrap(), "p3000", "the arrival is there");
    let ids = h.ids();
    let mut sorted = ids.clone();
    sorted.dedup();
    assert_eq!(ids, sorted, "nothing twice");
}

#[test]
fn scrolling_up_from_a_match_pages_in_the_older_ones() {
    let mut h = Harness::new(3_000);
    jump(&mut h, 1_500);
    for _ in 0..200 {
        let fx = h.key(Action::ScrollUp(19));
        h.serve(fx);
    }
    assert_eq!(h.on_screen()[0], "p0", "the oldest reached");
    assert!(!h.news().paging.older);
}

#[test]
fn a_jump_near_the_newest_attaches_at_once() {
    let mut h = Harness::new(300);
    jump(&mut h, 295);
    assert!(
        !h.news().paging.newer,
        "the page reached the newest message"
    );
    h.receive();
    assert_eq!(h.ids().last().unwrap(), "p300");
}
