//! The effects that ask the store or the broker something and answer later: topic
//! lists, searches, pages of history, read markers, joining and leaving topics. Each
//! runs on its own task and its answer comes back as an event for the app.

use std::sync::Arc;

use tokio::sync::mpsc;

use crate::app::user::{Event, SEARCH_LIMIT, TYPING_SHOWN_MILLIS, WHO_SETTLE_MILLIS};
use crate::broker::BrokerError;
use crate::broker::user::{ChatBroker, ChatSession};
use crate::domain::wire::AnswerTo;
use crate::domain::{ConversationId, NotifyLevel, PageAt, TopicName};

use super::events::RuntimeEvent;
use super::store_handle::StoreHandle;
use super::supervisor::CurrentSession;

/// How long re-binding the topics waits for the session the app was told of.
const REJOIN_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// What the background effects need: the broker, the current session, the store, and
/// the way back to the event loop.
pub struct Commands<B: ChatBroker> {
    broker: Arc<B>,
    sessions: CurrentSession<B::Session>,
    store: StoreHandle,
    events: mpsc::Sender<RuntimeEvent>,
}

impl<B: ChatBroker> Commands<B> {
    /// Commands on `broker`, the supervisor's current session and `store`, answering on
    /// `events`.
    pub fn new(
        broker: Arc<B>,
        sessions: CurrentSession<B::Session>,
        store: StoreHandle,
        events: mpsc::Sender<RuntimeEvent>,
    ) -> Self {
        Self {
            broker,
            sessions,
            store,
            events,
        }
    }

    /// `/topics`: every topic that exists.
    pub fn list_topics(&self) {
        let broker = Arc::clone(&self.broker);
        self.answer(async move {
            Event::TopicsListed(broker.list_topics().await.map_err(|e| e.to_string()))
        });
    }

    /// `/search`: the newest matching messages of the history.
    pub fn search(&self, query: String) {
        let store = self.store.clone();
        self.answer(async move {
            let q = query.clone();
            match store.run(move |h| h.search(&q, SEARCH_LIMIT)).await {
                Ok(hits) => Event::SearchResults { query, hits },
                Err(err) => Event::CommandFailed(format!("search failed: {err}")),
            }
        });
    }

    /// A page of a conversation's history.
    pub fn load_page(&self, conversation: ConversationId, at: PageAt, limit: usize) {
        let store = self.store.clone();
        self.answer(async move {
            let (whose, which) = (conversation.clone(), at.clone());
            let result = store
                .run(move |h| h.page(&whose, &which, limit))
                .await
                .map_err(|err| err.to_string());
            Event::PageLoaded {
                conversation,
                at,
                result,
            }
        });
    }

    /// How many messages written here are still pending in the store.
    pub async fn pending_count(&self) -> usize {
        self.store.pending_count().await
    }

    /// Answers a presence `join` where it asked, on the current session (nothing is
    /// sent while reconnecting: the joiner hears us when we join again).
    pub fn answer_presence(&self, envelope: crate::domain::Envelope, to: AnswerTo) {
        let Some(session) = self.sessions.borrow().clone() else {
            return;
        };
        tokio::spawn(async move {
            if let Err(err) = session.answer_presence(&envelope, &to).await {
                tracing::debug!(err = %crate::logging::safe(&err), "cannot answer a presence join");
            }
        });
    }

    /// Records that everything in `conversation` has been seen (no answer).
    pub fn mark_read(&self, conversation: ConversationId) {
        let store = self.store.clone();
        tokio::spawn(async move {
            if let Err(err) = store.run(move |h| h.mark_read(&conversation)).await {
                tracing::warn!(%err, "cannot record what was read");
            }
        });
    }

    /// Records that a conversation was closed or opened again (no answer).
    pub fn set_closed(&self, conversation: ConversationId, closed: bool) {
        let store = self.store.clone();
        tokio::spawn(async move {
            if let Err(err) = store
                .run(move |h| h.set_closed(&conversation, closed))
                .await
            {
                tracing::warn!(%err, "cannot record a closed conversation");
            }
        });
    }

    /// Records the level a conversation notifies at (no answer).
    pub fn set_notify_level(&self, conversation: ConversationId, level: Option<NotifyLevel>) {
        let store = self.store.clone();
        tokio::spawn(async move {
            if let Err(err) = store
                .run(move |h| h.set_notify_level(&conversation, level))
                .await
            {
                tracing::warn!(%err, "cannot record a notify level");
            }
        });
    }

    /// Binds the inbox again to each topic the user is in, on the current session: quiet
    /// when the binding is there; a topic that no longer exists is forgotten here and
    /// told to the app ([`Event::TopicGone`]); any other refusal is said.
    pub fn rejoin(&self, topics: Vec<TopicName>) {
        let mut sessions = self.sessions.clone();
        let store = self.store.clone();
        let events = self.events.clone();
        tokio::spawn(async move {
            // The app hears of a session just before it becomes the current one.
            let current = sessions.wait_for(Option::is_some);
            let session = match tokio::time::timeout(REJOIN_WAIT, current).await {
                Ok(Ok(session)) => session.clone(),
                _ => return,
            };
            let Some(session) = session else {
                return;
            };
            for topic in topics {
                let event = match session.join(&topic).await {
                    Ok(()) => continue,
                    Err(BrokerError::NoSuchTopic(_)) => {
                        let gone = topic.clone();
                        if let Err(err) = store.run(move |h| h.set_subscribed(&gone, false)).await {
                            tracing::warn!(%err, "cannot record a subscription");
                        }
                        Event::TopicGone(topic)
                    }
                    Err(err) => Event::CommandFailed(format!(
                        "cannot subscribe your inbox to #{topic} again: {err}"
                    )),
                };
                if events.send(RuntimeEvent::App(event)).await.is_err() {
                    return;
                }
            }
        });
    }

    /// Joins or leaves a topic on the broker, then records it locally so the sidebar
    /// lists the topic after a restart. While reconnecting it says it cannot.
    pub fn change_subscription(&self, topic: TopicName, subscribed: bool) {
        let session = self.sessions.borrow().clone();
        let store = self.store.clone();
        self.answer(async move {
            let Some(session) = session else {
                let verb = if subscribed { "join" } else { "leave" };
                return Event::CommandFailed(format!(
                    "cannot {verb} #{topic} now: not connected to the broker; try again once reconnected"
                ));
            };
            let done = if subscribed {
                session.join(&topic).await
            } else {
                session.leave(&topic).await
            };
            if let Err(err) = done {
                return Event::CommandFailed(err.to_string());
            }
            let recorded = topic.clone();
            if let Err(err) = store
                .run(move |h| h.set_subscribed(&recorded, subscribed))
                .await
            {
                tracing::warn!(%err, "cannot record a subscription");
            }
            if subscribed {
                Event::Joined(topic)
            } else {
                Event::Left(topic)
            }
        });
    }

    /// While quitting: a [`RuntimeEvent::StillSending`] every second, until the event
    /// loop stops listening.
    pub fn tick_while_quitting(&self) {
        let events = self.events.clone();
        tokio::spawn(async move {
            let mut timer = tokio::time::interval(std::time::Duration::from_secs(1));
            timer.tick().await;
            loop {
                timer.tick().await;
                if events.send(RuntimeEvent::StillSending).await.is_err() {
                    return;
                }
            }
        });
    }

    /// Tells the app, a moment from now, that the answers to our join are in.
    pub fn settle_presence(&self) {
        self.answer(async {
            tokio::time::sleep(std::time::Duration::from_millis(WHO_SETTLE_MILLIS)).await;
            Event::PresenceSettled
        });
    }

    /// Tells the app when the typing notice `number` is no longer shown.
    pub fn expire_typing(&self, number: u64) {
        self.answer(async move {
            tokio::time::sleep(std::time::Duration::from_millis(TYPING_SHOWN_MILLIS)).await;
            Event::TypingExpired(number)
        });
    }

    /// Runs `work` in the background and feeds its answer back to the app.
    fn answer(&self, work: impl Future<Output = Event> + Send + 'static) {
        let events = self.events.clone();
        tokio::spawn(async move {
            let event = work.await;
            let _ = events.send(RuntimeEvent::App(event)).await;
        });
    }
}
