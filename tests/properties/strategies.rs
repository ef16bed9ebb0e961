//! Generators shared by the property tests: valid names, hostile text, JSON values.

use proptest::prelude::*;
use serde_json::Value;

/// A valid user name, as the documented rule allows it (any case: input is lowercased).
pub fn user_name() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9][a-zA-Z0-9_-]{0,19}"
}

/// A valid topic name.
pub fn topic_name() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9][a-zA-Z0-9_-]{0,31}"
}

/// Pieces that hostile text is made of: escape sequences whole and cut short, C0 and C1
/// controls, bidi controls, invisible characters, separators, wide and combining
/// characters, emoji joined by a zero-width joiner.
const PIECES: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}[31m",
    "\u{1b}[?1049h",
    "\u{1b}]0;owned\u{7}",
    "\u{1b}]52;c;aGk=\u{1b}\\",
    "\u{1b}P+q\u{1b}\\",
    "\u{1b}c",
    "\u{1b}",
    "\u{1b}[",
    "\u{1b}]8;;http://x\u{7}",
    "\u{9b}31m",
    "\u{9d}0;t\u{9c}",
    "\u{202e}",
    "\u{2066}",
    "\u{2028}",
    "\u{7f}",
    "\u{0}",
    "\u{7}",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\u{8}",
    "é",
    "e\u{301}",
    "日本",
    "🎉",
    "\u{200d}",
    "\u{feff}",
    "\u{200b}",
    "\u{200e}",
    "\u{200f}",
    "\u{061c}",
    "\u{2060}",
    "\u{2069}",
    "👩\u{200d}💻",
    "#",
    "/",
    " ",
    "plain",
];

/// Text a hostile sender (or a careless paste) could produce: hostile pieces mixed with
/// arbitrary characters.
pub fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "[ -~]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// Any text: arbitrary Unicode or hostile text.
pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), hostile_text()]
}

/// An arbitrary JSON value, nested a few levels.
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any_text(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}
