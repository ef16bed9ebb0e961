use super::*;
use crate::domain::{TopicName, UserName};

#[test]
fn a_level_set_is_kept_changed_and_forgotten() {
    let mut h = History::open_in_memory().unwrap();
    let news = ConversationId::Topic(TopicName::parse("news").unwrap());
    let bob = ConversationId::Direct(UserName::parse("bob").unwrap());
    assert_eq!(h.notify_levels().unwrap(), []);
    h.set_notify_level(&news, Some(NotifyLevel::None)).unwrap();
    h.set_notify_level(&bob, Some(NotifyLevel::Mentions))
        .unwrap();
    h.set_notify_level(&news, Some(NotifyLevel::All)).unwrap();
    assert_eq!(
        h.notify_levels().unwrap(),
        [
            (news.clone(), NotifyLevel::All),
            (bob.clone(), NotifyLevel::Mentions)
        ]
    );
    h.set_notify_level(&bob, None).unwrap();
    h.set_notify_level(&bob, None).unwrap();
    assert_eq!(h.notify_levels().unwrap(), [(news, NotifyLevel::All)]);
}
