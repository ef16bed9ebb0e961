//! Unit tests of `colour`.

use super::*;

#[test]
fn colours_are_stable() {
    // Fixed expectations: a change of hash would recolour everyone.
    assert_eq!(name_colour(""), PALETTE[0x811c_9dc5_usize % 8]);
    assert_eq!(name_colour("bob"), PALETTE[4]);
    assert_eq!(name_colour("carol"), PALETTE[2]);
    assert_ne!(name_colour("bob"), name_colour("carol"));
}

#[test]
fn names_spread_over_the_palette() {
    let used: std::collections::BTreeSet<String> = (0..200)
        .map(|i| format!("{:?}", name_colour(&format!("user{i}"))))
        .collect();
    assert_eq!(used.len(), PALETTE.len());
}

#[test]
fn own_error_and_warning_colours_are_not_in_the_palette() {
    for colour in [OWN, ERROR, WARNING] {
        assert!(!PALETTE.contains(&colour), "{colour:?}");
    }
}
