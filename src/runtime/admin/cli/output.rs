//! How the listings print: an aligned table (numbers to the right), or one JSON array.

use crate::broker::accounts::{ChatUser, TopicMembers};

/// The chat users as a table with a header line, one row per user, as listed.
pub fn users_table(users: &[ChatUser]) -> String {
    let rows = users
        .iter()
        .map(|u| {
            vec![
                u.name.clone(),
                if u.account { "yes" } else { "no" }.to_owned(),
                u.state.as_str().to_owned(),
                u.connections.to_string(),
                u.messages.to_string(),
            ]
        })
        .collect::<Vec<_>>();
    table(
        &["NAME", "ACCOUNT", "STATE", "CONNECTIONS", "MESSAGES"],
        &[false, false, false, true, true],
        &rows,
    )
}

/// The chat users as one JSON array (fields `name`, `account`, `state`, `connections`,
/// `messages`) and a newline.
pub fn users_json(users: &[ChatUser]) -> String {
    json_line(users)
}

/// The topics as a table with a header line.
pub fn topics_table(topics: &[TopicMembers]) -> String {
    let rows = topics
        .iter()
        .map(|t| vec![t.name.clone(), t.members.to_string()])
        .collect::<Vec<_>>();
    table(&["TOPIC", "MEMBERS"], &[false, true], &rows)
}

/// The topics as one JSON array (fields `name`, `members`) and a newline.
pub fn topics_json(topics: &[TopicMembers]) -> String {
    json_line(topics)
}

fn json_line<T: serde::Serialize>(items: &[T]) -> String {
    // Plain structs of strings, numbers and booleans always serialise.
    let mut line = serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned());
    line.push('\n');
    line
}

/// Columns two spaces apart, each as wide as its widest cell; `right` says which are
/// aligned to the right. No trailing spaces.
fn table(header: &[&str], right: &[bool], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or(0);
            if i > 0 {
                line.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                line.push_str(&format!("{cell:>width$}"));
            } else {
                line.push_str(&format!("{cell:<width$}"));
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::broker::accounts::UserState;

    fn user(
        name: &str,
        account: bool,
        state: UserState,
        connections: usize,
        messages: u64,
    ) -> ChatUser {
        ChatUser {
            name: name.into(),
            account,
            state,
            connections,
            messages,
        }
    }

    #[test]
    fn users_print_as_an_aligned_table() {
        let users = [
            user("alice", true, UserState::Active, 2, 0),
            user("bob", true, UserState::Banned, 0, 12345),
            user("carol-open", false, UserState::Active, 1, 7),
        ];
        assert_eq!(
            users_table(&users),
            "\
NAME        ACCOUNT  STATE   CONNECTIONS  MESSAGES
alice       yes      active            2         0
bob         yes      banned            0     12345
carol-open  no       active            1         7
"
        );
        assert_eq!(
            users_table(&[]),
            "NAME  ACCOUNT  STATE  CONNECTIONS  MESSAGES\n"
        );
    }

    #[test]
    fn users_print_as_one_json_array() {
        let users = [
            user("alice", true, UserState::Active, 2, 0),
            user("bob", false, UserState::Banned, 0, 3),
        ];
        let text = users_json(&users);
        assert!(text.ends_with("]\n") && text.lines().count() == 1, "{text}");
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            parsed,
            serde_json::json!([
                {"name": "alice", "account": true, "state": "active", "connections": 2, "messages": 0},
                {"name": "bob", "account": false, "state": "banned", "connections": 0, "messages": 3},
            ])
        );
        assert_eq!(users_json(&[]), "[]\n");
    }

    #[test]
    fn topics_print_as_a_table_or_json() {
        let topics = [
            TopicMembers {
                name: "news".into(),
                members: 3,
            },
            TopicMembers {
                name: "a-very-long-topic".into(),
                members: 120,
            },
        ];
        assert_eq!(
            topics_table(&topics),
            "\
TOPIC              MEMBERS
news                     3
a-very-long-topic      120
"
        );
        let parsed: serde_json::Value = serde_json::from_str(&topics_json(&topics)).expect("JSON");
        assert_eq!(
            parsed[1],
            serde_json::json!({"name": "a-very-long-topic", "members": 120})
        );
    }
}
