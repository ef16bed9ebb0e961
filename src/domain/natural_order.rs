//! The order in which people read names: `bob2` before `bob10`.

/// Orders names as a person reads them: runs of digits by their value (`bob2` before
/// `bob10`), the rest as text.
pub fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let digits = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
                let (da, db) = (digits(a), digits(b));
                let trim = |s: &[u8]| -> Vec<u8> {
                    s.iter().copied().skip_while(|c| *c == b'0').collect()
                };
                let (na, nb) = (trim(&a[..da]), trim(&b[..db]));
                let order = na.len().cmp(&nb.len()).then_with(|| na.cmp(&nb));
                if order != std::cmp::Ordering::Equal {
                    return order;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::natural_order;
    use std::cmp::Ordering;

    #[test]
    fn digit_runs_compare_by_value_and_the_rest_as_text() {
        let mut names = vec!["bob10", "bob2", "alice", "bob02x", "bob", "bob2a", "b0b"];
        names.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            names,
            ["alice", "b0b", "bob", "bob2", "bob2a", "bob02x", "bob10"]
        );
        assert_eq!(natural_order("x007", "x7"), Ordering::Equal);
        assert_eq!(natural_order("", "a"), Ordering::Less);
    }
}
