//! Unit tests of `layout`.

use super::*;

#[test]
fn centres_and_shrinks() {
    let area = Rect::new(0, 0, 80, 24);
    assert_eq!(centred(area, 20, 10), Rect::new(30, 7, 20, 10));
    assert_eq!(centred(area, 200, 100), area);
    assert_eq!(centred(Rect::ZERO, 5, 5), Rect::ZERO);
}

#[test]
fn splits_never_underflow() {
    let area = Rect::new(2, 3, 10, 2);
    assert_eq!(
        split_bottom(area, 5),
        (Rect::new(2, 3, 10, 0), Rect::new(2, 3, 10, 2))
    );
    assert_eq!(
        split_bottom(area, 1),
        (Rect::new(2, 3, 10, 1), Rect::new(2, 4, 10, 1))
    );
    assert_eq!(
        split_left(area, 20),
        (Rect::new(2, 3, 10, 2), Rect::new(12, 3, 0, 2))
    );
}

#[test]
fn split_top_never_underflows() {
    let area = Rect::new(2, 3, 10, 4);
    assert_eq!(
        split_top(area, 1),
        (Rect::new(2, 3, 10, 1), Rect::new(2, 4, 10, 3))
    );
    assert_eq!(split_top(area, 9), (area, Rect::new(2, 7, 10, 0)));
}
