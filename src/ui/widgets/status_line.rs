//! Status lines made of ranked segments: when the terminal is too narrow, the least
//! important segments are dropped first, so what matters most always shows.

use ratatui::text::Span;

use super::wrap::columns;

/// One part of a status line and its rank (higher = more important, dropped last).
pub type Segment = (u8, Span<'static>);

/// Drops the least important segments until the rest, joined by `separator` after one
/// leading space, fit in `width`; returns the spans to draw. One segment always stays.
pub fn fit_segments(
    mut segments: Vec<Segment>,
    width: usize,
    separator: &'static str,
) -> Vec<Span<'static>> {
    let total = |segments: &[Segment]| {
        1 + segments
            .iter()
            .map(|(_, span)| columns(&span.content))
            .sum::<usize>()
            + columns(separator) * segments.len().saturating_sub(1)
    };
    while segments.len() > 1 && total(&segments) > width {
        let least = segments
            .iter()
            .enumerate()
            .min_by_key(|(_, (rank, _))| *rank)
            .map(|(index, _)| index);
        if let Some(index) = least {
            segments.remove(index);
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (_, span)) in segments.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(separator));
        }
        spans.push(span);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_least_important_segments_go_first() {
        let segments = vec![
            (3, Span::raw("alice")),
            (1, Span::raw("help")),
            (2, Span::raw("connected")),
        ];
        assert_eq!(
            text(&fit_segments(segments.clone(), 80, " | ")),
            " alice | help | connected"
        );
        assert_eq!(
            text(&fit_segments(segments.clone(), 18, " | ")),
            " alice | connected"
        );
        assert_eq!(text(&fit_segments(segments, 3, " | ")), " alice");
    }
}
