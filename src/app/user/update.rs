//! `UserApp::update`: one event in, state changed, effects out. No I/O.

use time::OffsetDateTime;

use crate::domain::command::{self, Command, HELP};
use crate::domain::envelope::{MAX_BODY_BYTES, now_utc_millis};
use crate::domain::{
    ChatMessage, ConversationId, DeliveryStatus, Envelope, MessageId, PresenceState,
};

use super::effect::{Effect, Shown};
use super::event::{Action, Event};
use super::line::{Line, Notice, NoticeLevel};
use super::state::{ConnectionState, UserApp};
use super::view::Pane;

/// What the status bar says once an administrator removed this user.
pub const REMOVED: &str = "removed by an administrator";

impl UserApp {
    /// Applies one event and returns what the runtime must do.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        let mut fx = Vec::new();
        match event {
            Event::Input(line) => self.on_input(&line, &mut fx),
            Event::Key(action) => self.on_action(action, &mut fx),
            Event::Connected { waiting } => self.on_connected(waiting, &mut fx),
            Event::SlowToConnect => self.notice(
                NoticeLevel::Info,
                "the broker is slow to answer (busy?); still trying…".into(),
                &mut fx,
            ),
            Event::Reconnecting {
                reason,
                retry_in_secs,
            } => self.on_reconnecting(reason, retry_in_secs, &mut fx),
            Event::Disconnected(reason) => {
                self.notice(
                    NoticeLevel::Error,
                    format!("disconnected: {reason}"),
                    &mut fx,
                );
                self.connection = ConnectionState::Disconnected(reason);
            }
            Event::RemovedByAdmin => {
                self.notice(
                    NoticeLevel::Error,
                    format!(
                        "you were removed by an administrator: the user {} and its inbox no longer exist; ask an operator to create it again",
                        self.me
                    ),
                    &mut fx,
                );
                self.connection = ConnectionState::Disconnected(REMOVED.to_owned());
            }
            Event::ShutOut(why) => {
                self.notice(NoticeLevel::Error, why.clone(), &mut fx);
                self.connection = ConnectionState::Disconnected(why);
            }
            Event::Received(msg) => self.on_received(msg, &mut fx),
            Event::Presence {
                from,
                state,
                topics,
                answer,
                again,
                away,
            } => {
                self.note_away(&from, state, away);
                self.on_presence(from, state, topics, answer, again, &mut fx);
            }
            Event::Queued(msg) => self.on_queued(msg, &mut fx),
            Event::NotStored { to, text, reason } => self.notice(
                NoticeLevel::Error,
                format!("not sent to {to}: {reason}; your text was: {text}"),
                &mut fx,
            ),
            Event::SendConfirmed(id) => self.set_status(&id, DeliveryStatus::Delivered, &mut fx),
            Event::SendRefused(id, reason) => {
                self.set_status(&id, DeliveryStatus::Refused(reason), &mut fx);
            }
            Event::Blocked(reason) => self.on_blocked(reason, &mut fx),
            Event::ReceivingPaused(reason) => {
                self.receiving_paused = true;
                self.notice(NoticeLevel::Error, reason, &mut fx);
            }
            Event::HistoryDamaged(text) => {
                self.receiving_paused = true;
                self.notice(NoticeLevel::Error, text, &mut fx);
            }
            Event::ReceivingResumed => {
                self.receiving_paused = false;
                self.notice(
                    NoticeLevel::Info,
                    "storing works again: receiving resumed".into(),
                    &mut fx,
                );
            }
            Event::SendFailed(id, reason) => {
                self.set_status(&id, DeliveryStatus::Failed(reason.clone()), &mut fx);
                self.notice(
                    NoticeLevel::Error,
                    format!("not delivered: {reason}"),
                    &mut fx,
                );
            }
            Event::Joined(topic) => {
                self.subscriptions.insert(topic.clone());
                self.announce_topics(&mut fx);
                let id = ConversationId::Topic(topic.clone());
                self.switch_to(id, &mut fx);
                self.notice(NoticeLevel::Info, format!("joined #{topic}"), &mut fx);
            }
            Event::Left(topic) => {
                self.subscriptions.remove(&topic);
                self.announce_topics(&mut fx);
                self.notice(
                    NoticeLevel::Info,
                    format!("left #{topic}: its new posts no longer reach you"),
                    &mut fx,
                );
            }
            Event::TopicGone(topic) => {
                self.subscriptions.remove(&topic);
                self.announce_topics(&mut fx);
                self.notice(
                    NoticeLevel::Error,
                    format!(
                        "#{topic} no longer exists (an operator deleted it): you are no longer in it, and its history is kept; /close #{topic} takes it off the list"
                    ),
                    &mut fx,
                );
            }
            Event::CommandFailed(reason) => self.notice(NoticeLevel::Error, reason, &mut fx),
            Event::TopicsListed(Ok(topics)) => self.on_topics(&topics, &mut fx),
            Event::TopicsListed(Err(reason)) => self.notice(
                NoticeLevel::Error,
                format!("cannot list topics: {reason}"),
                &mut fx,
            ),
            Event::SearchResults { query, hits } => self.on_search_results(&query, hits, &mut fx),
            Event::PresenceSettled => self.presence_settled(&mut fx),
            Event::Typing { at } => self.on_typing(at, &mut fx),
            Event::PeerTyping { from, to } => self.on_peer_typing(from, to, &mut fx),
            Event::TypingExpired(number) => self.typing_expired(number),
            Event::RosterTick => {
                let text = self.roster_text();
                self.notice(NoticeLevel::Info, text, &mut fx);
            }
            Event::Open(id) => self.switch_to(id, &mut fx),
            Event::PageLoaded {
                conversation,
                at,
                result,
            } => self.on_page_loaded(&conversation, &at, result, &mut fx),
            Event::PaneResized { width, height } => self.on_pane_resized(Pane { width, height }),
            Event::Focus(focused) => self.on_focus(focused),
            Event::MouseCapture(on) => self.on_mouse_capture(on, &mut fx),
        }
        fx
    }

    fn on_input(&mut self, line: &str, fx: &mut Vec<Effect>) {
        if self.quitting {
            // The outbox is closing: nothing written now could be stored, so nothing
            // is taken (and nothing shown).
            return;
        }
        let command = match command::parse(line) {
            Ok(Some(command)) => command,
            Ok(None) => return,
            Err(err) => return self.refuse(line, err.to_string(), fx),
        };
        if let Command::Say(text)
        | Command::Msg { text, .. }
        | Command::Me(text)
        | Command::Reply { text, .. }
        | Command::Edit { text, .. } = &command
            && text.len() > MAX_BODY_BYTES
        {
            return self.refuse(line, too_long(text), fx);
        }
        match command {
            Command::Say(text) => {
                let to = self.current_conversation().id.clone();
                if to == ConversationId::Status {
                    let text = "this is the status buffer: /query <user|#topic> or /msg <user|#topic> <text> to talk";
                    return self.refuse(line, text.into(), fx);
                }
                self.send(to, text, fx);
            }
            Command::Msg { to, text } => {
                if to == ConversationId::Status {
                    return self.notice(
                        NoticeLevel::Error,
                        "you cannot send to the status buffer".into(),
                        fx,
                    );
                }
                self.reopen_if_closed(&to, fx);
                self.switch_to(to.clone(), fx);
                self.send(to, text, fx);
            }
            Command::Me(text) => self.send_action(text, fx),
            Command::Reply { back, text } => self.send_reply(back, text, fx),
            Command::Edit { back, text } => self.send_change(back, Some(text), fx),
            Command::Delete(back) => self.send_change(back, None, fx),
            Command::Away(reason) => self.set_away(reason, fx),
            Command::Join(topic) => fx.push(Effect::Join(topic)),
            Command::Leave(topic) => {
                if self.subscriptions.contains(&topic) {
                    fx.push(Effect::Leave(topic));
                } else {
                    self.notice(
                        NoticeLevel::Error,
                        format!("you have not joined #{topic}"),
                        fx,
                    );
                }
            }
            Command::Topics => fx.push(Effect::ListTopics),
            Command::Who(topic) => self.ask_who(topic, fx),
            Command::Switch(id) => self.on_switch(id, fx),
            Command::Query(id) => self.on_query(id, fx),
            Command::Close(id) => self.on_close(id, fx),
            Command::Search(text) => fx.push(Effect::Search(text)),
            Command::Mentions => self.list_mentions(fx),
            Command::Notify(level) => self.set_notify_level(level, fx),
            Command::ReadAll => self.read_all(fx),
            Command::Links => self.list_links(fx),
            Command::Open(number) => self.open_link(number, fx),
            Command::Help => {
                for (usage, what) in HELP {
                    self.notice(NoticeLevel::Info, format!("{usage:<28} {what}"), fx);
                }
                self.notice(
                    NoticeLevel::Info,
                    "keys: F1 help, Tab/Shift-Tab switch, PgUp/PgDn scroll, Ctrl-End newest, Ctrl-C quit".into(),
                    fx,
                );
            }
            Command::Quit => self.quit(fx),
        }
    }

    /// Refuses a typed line: says why, and gives the line back to the input box so that
    /// it can be corrected rather than typed again.
    fn refuse(&mut self, line: &str, why: String, fx: &mut Vec<Effect>) {
        self.notice(NoticeLevel::Error, why, fx);
        fx.push(Effect::GiveBack(line.to_owned()));
    }

    /// Starts leaving: announce it and stop. Safe to call twice.
    pub fn quit(&mut self, fx: &mut Vec<Effect>) {
        if self.quitting {
            return;
        }
        self.quitting = true;
        let current = self.current_conversation().id.clone();
        fx.push(Effect::MarkRead(current));
        if self.connection == ConnectionState::Connected {
            fx.push(Effect::Publish(Envelope::presence(
                self.me.clone(),
                PresenceState::Leave,
            )));
        }
        fx.push(Effect::Quit);
    }

    /// Sends `text` (its size already checked by `on_input`) to `to`.
    fn send(&mut self, to: ConversationId, text: String, fx: &mut Vec<Effect>) {
        let envelope = match &to {
            ConversationId::Direct(user) => Envelope::direct(self.me.clone(), user.clone(), text),
            ConversationId::Topic(topic) => Envelope::topic(self.me.clone(), topic.clone(), text),
            ConversationId::Status => return,
        };
        // What you write is shown where you write it, at the newest line, once it is
        // stored (Event::Queued).
        let index = self.ensure_conversation(to);
        self.go_to_newest(index, fx);
        fx.push(Effect::Publish(envelope));
    }

    /// A message written here is stored: show it, pending, and wait for its answer.
    fn on_queued(&mut self, mut msg: ChatMessage, fx: &mut Vec<Effect>) {
        if self.take_change(&msg, fx) {
            return;
        }
        self.fill_quote(&mut msg);
        self.push_line(msg.clone());
        self.unconfirmed.insert(msg.id.clone(), msg.clone());
        fx.push(Effect::Show(Shown::Message(msg)));
    }

    /// The broker blocks publishing, or stops blocking it: said once each way; the
    /// status bar shows it meanwhile.
    fn on_blocked(&mut self, reason: Option<String>, fx: &mut Vec<Effect>) {
        if self.blocked == reason {
            return;
        }
        let text = match &reason {
            Some(why) => format!(
                "{}: your messages are kept and go out when it lifts",
                blocked_text(why)
            ),
            None => "the broker takes messages again: sending what was kept".to_owned(),
        };
        self.blocked = reason;
        self.notice(NoticeLevel::Error, text, fx);
    }

    fn on_connected(&mut self, waiting: u32, fx: &mut Vec<Effect>) {
        let again = matches!(self.connection, ConnectionState::Reconnecting { .. });
        self.connection = ConnectionState::Connected;
        self.online.insert(self.me.clone());
        self.start_gathering(again, fx);
        if self.away.mine.is_some() {
            // The session's join does not say so: a `here` after it does.
            self.announce_topics(fx);
        }
        if !self.subscriptions.is_empty() {
            // The inbox may have lost its bindings (deleted by an operator and made
            // again): what the sidebar lists must be what reaches the inbox.
            fx.push(Effect::Rejoin(self.subscriptions.iter().cloned().collect()));
        }
        if again {
            // What arrived meanwhile is simply the next part of each conversation.
            return self.notice(
                NoticeLevel::Info,
                "reconnected: what you wrote meanwhile is being sent".into(),
                fx,
            );
        }
        self.backlog_remaining = waiting;
        if waiting > 0 {
            let plural = if waiting == 1 { "" } else { "s" };
            self.notice(
                NoticeLevel::Info,
                format!("{waiting} message{plural} while you were away"),
                fx,
            );
        }
    }

    /// The connection is lost: say so once, then only when the reason changes (a failed
    /// attempt), while the countdown itself lives in the status bar. Who is online stays
    /// as it was: back, the client sends a rejoin (`again`), which those who still list
    /// it do not answer — after a broker restart everyone returns at once, and a cleared
    /// roster would have everyone answer everyone (N² publishes). Someone who left while
    /// we were away stays listed until they come back or leave again, as a killed
    /// client does (docs/protocol.md, presence).
    fn on_reconnecting(&mut self, reason: String, retry_in_secs: u64, fx: &mut Vec<Effect>) {
        let text = match &self.connection {
            ConnectionState::Reconnecting { reason: last, .. } if *last == reason => None,
            ConnectionState::Reconnecting { .. } => Some(format!("still not connected: {reason}")),
            _ => Some(format!(
                "connection lost: {reason}; reconnecting (what you write is kept and sent once connected)"
            )),
        };
        if let Some(text) = text {
            self.notice(NoticeLevel::Error, text, fx);
        }
        // A block belongs to the connection that was told; a new one is told again.
        self.blocked = None;
        self.connection = ConnectionState::Reconnecting {
            reason,
            retry_in_secs,
        };
    }

    fn on_received(&mut self, mut msg: ChatMessage, fx: &mut Vec<Effect>) {
        if self.take_change(&msg, fx) {
            return;
        }
        self.fill_quote(&mut msg);
        self.typing_done(msg.from.as_ref(), &msg.conversation);
        self.reopen_if_closed(&msg.conversation, fx);
        let index = self.ensure_conversation(msg.conversation.clone());
        if self.backlog_remaining > 0 {
            self.backlog_remaining -= 1;
            let height = self.pane_rows();
            let conversation = &mut self.conversations[index];
            if self.away_marked.insert(msg.conversation.clone()) {
                conversation.push(Line::AwaySeparator(0), height);
            }
            let waiting = conversation.paging.missed.iter_mut().rev();
            if let Some(Line::AwaySeparator(count)) = waiting
                .chain(conversation.lines.iter_mut().rev())
                .find(|l| matches!(l, Line::AwaySeparator(_)))
            {
                *count += 1;
            }
        }
        if index != self.current && !msg.is_mine(&self.me) {
            self.conversations[index].unread += 1;
        }
        self.note_arrival(&msg, index, fx);
        self.push_line(msg.clone());
        fx.push(Effect::Show(Shown::Message(msg)));
    }

    fn on_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let count = self.conversations.len();
        match action {
            Action::NextConversation => {
                let id = self.conversations[(self.current + 1) % count].id.clone();
                self.switch_to(id, fx);
            }
            Action::PrevConversation => {
                let id = self.conversations[(self.current + count - 1) % count]
                    .id
                    .clone();
                self.switch_to(id, fx);
            }
            Action::PageUp => self.scroll_up(self.page_rows(), fx),
            Action::PageDown => self.scroll_down(self.page_rows(), fx),
            Action::ScrollUp(rows) => self.scroll_up(rows, fx),
            Action::ScrollDown(rows) => self.scroll_down(rows, fx),
            Action::ScrollToOldest => self.go_to_oldest(fx),
            Action::ScrollToNewest => self.go_to_newest(self.current, fx),
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::Escape if self.help_open => self.help_open = false,
            Action::Escape => self.search = None,
            Action::MoveSelection(by) => self.move_selection(by),
            Action::OpenSelected => self.open_selected(fx),
            Action::Quit => self.quit(fx),
            Action::JumpToActivity => self.jump_to_activity(fx),
            Action::GoTo(number) => self.go_to_number(number, fx),
            Action::ReadAll => self.read_all(fx),
        }
    }

    pub(super) fn switch_to(&mut self, id: ConversationId, fx: &mut Vec<Effect>) {
        let index = self.ensure_conversation(id.clone());
        if index == self.current {
            return;
        }
        let previous = self.current_conversation().id.clone();
        self.conversations[self.current].marked = None;
        fx.push(Effect::MarkRead(previous));
        self.current = index;
        self.conversations[index].clear_unread();
        fx.push(Effect::MarkRead(id.clone()));
        fx.push(Effect::Show(Shown::Switched(id)));
    }

    fn set_status(&mut self, id: &MessageId, status: DeliveryStatus, fx: &mut Vec<Effect>) {
        // A refusal repeated at each retry says nothing new.
        let unchanged = self
            .conversations
            .iter_mut()
            .find_map(|c| c.message_mut(id))
            .or_else(|| self.unconfirmed.get_mut(id))
            .is_some_and(|msg| msg.status == status);
        if unchanged {
            return;
        }
        let in_window = self
            .conversations
            .iter_mut()
            .find_map(|c| c.set_status(id, status.clone()));
        // A message that left its window (a long burst) is still answered, once; a
        // refusal is not an answer: the message waits for its confirm.
        let written = match status {
            DeliveryStatus::Refused(_) => self.unconfirmed.get_mut(id).map(|msg| {
                msg.status = status.clone();
                msg.clone()
            }),
            _ => self.unconfirmed.remove(id),
        };
        let updated = in_window.or_else(|| {
            written.map(|mut msg| {
                msg.status = status;
                msg
            })
        });
        if let Some(msg) = updated {
            fx.push(Effect::Show(Shown::Status(msg)));
        }
    }

    fn push_line(&mut self, msg: ChatMessage) {
        let index = self.ensure_conversation(msg.conversation.clone());
        let height = self.pane_rows();
        self.conversations[index].push(Line::Message(msg), height);
    }

    /// Adds a notice to the current conversation (and to the status buffer's log).
    pub fn notice(&mut self, level: NoticeLevel, text: String, fx: &mut Vec<Effect>) {
        let notice = Notice {
            at: now(),
            level,
            text,
        };
        let height = self.pane_rows();
        if self.current != 0 {
            self.conversations[0].push(Line::Notice(notice.clone()), height);
        }
        self.conversations[self.current].push(Line::Notice(notice.clone()), height);
        fx.push(Effect::Show(Shown::Notice(notice)));
    }
}

/// How the status bar and notices name a broker's block: RabbitMQ says "low on memory"
/// or "low on disk".
pub fn blocked_text(reason: &str) -> String {
    if reason.contains("memory") {
        "broker blocked: memory alarm".to_owned()
    } else if reason.contains("disk") {
        "broker blocked: disk alarm".to_owned()
    } else {
        format!("broker blocked: {reason}")
    }
}

/// Why a message over the size limit is not sent.
fn too_long(text: &str) -> String {
    format!(
        "message not sent: {} bytes is over the limit of {} bytes (64 KiB); your text is back in the input",
        text.len(),
        MAX_BODY_BYTES
    )
}

pub(super) fn now() -> OffsetDateTime {
    now_utc_millis()
}
