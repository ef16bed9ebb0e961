//! How the console reacts to keys. An open overlay or the focused filter takes the keys
//! first (there letters are text, not commands); Ctrl-C quits from anywhere.

use crate::domain::console::{Action, QueueName, Recipient, Target};
use crate::domain::wire::inbox_queue;

use super::effect::Effect;
use super::event::Key;
use super::form::{Form, FormKind};
use super::pane::Pane;
use super::password::{PasswordForm, PasswordPurpose};
use super::state::{AdminApp, Confirm, DetailsView, NoticeLevel, Overlay};
use super::words;

impl AdminApp {
    /// Routes a key to whatever has the focus.
    pub(super) fn on_key(&mut self, key: Key) -> Vec<Effect> {
        if key == Key::Interrupt {
            return self.quit();
        }
        if !self.passwords.is_empty() {
            self.shown_password_key(key);
            return Vec::new();
        }
        match self.overlay.take() {
            Some(Overlay::Help) => {
                if !matches!(key, Key::Esc | Key::Char('?') | Key::Char('q')) {
                    self.overlay = Some(Overlay::Help);
                }
                Vec::new()
            }
            Some(Overlay::Form(form)) => self.form_key(form, key),
            Some(Overlay::Password(form)) => self.password_key(form, key),
            Some(Overlay::Confirm(confirm)) => self.confirm_key(confirm, key),
            Some(Overlay::Details(view)) => {
                self.details_key(view, key);
                Vec::new()
            }
            None if self.filter_focus => {
                self.filter_key(key);
                Vec::new()
            }
            None => self.command_key(key),
        }
    }

    fn quit(&mut self) -> Vec<Effect> {
        vec![Effect::Quit]
    }

    /// Typing in a form; Enter checks it, Esc closes it.
    fn form_key(&mut self, mut form: Form, key: Key) -> Vec<Effect> {
        match key {
            Key::Esc => return Vec::new(),
            Key::Enter => match form.submit() {
                Ok(Action::Create(Target::User(user))) => {
                    // A new user's name is followed by its password.
                    let form = PasswordForm::new(user, PasswordPurpose::NewAccount);
                    self.open_password_form(form);
                    return Vec::new();
                }
                Ok(action) => return self.start(action),
                Err(error) => form.error = Some(error),
            },
            Key::Backspace => form.backspace(),
            Key::Char(c) => form.push(c),
            _ => {}
        }
        self.overlay = Some(Overlay::Form(form));
        Vec::new()
    }

    /// `y` carries out the confirmed action; any other key cancels it.
    fn confirm_key(&mut self, confirm: Confirm, key: Key) -> Vec<Effect> {
        if matches!(key, Key::Char('y') | Key::Char('Y')) {
            self.start(confirm.action)
        } else {
            self.set_notice(NoticeLevel::Info, format!("cancelled: {}", confirm.action));
            Vec::new()
        }
    }

    /// Scrolling the details; Esc or q closes them.
    fn details_key(&mut self, mut view: DetailsView, key: Key) {
        let page = usize::from(self.viewport_rows.saturating_sub(1).max(1));
        match key {
            Key::Esc | Key::Char('q') | Key::Enter => return,
            Key::Up | Key::Char('k') => view.scroll = view.scroll.saturating_sub(1),
            Key::Down | Key::Char('j') => view.scroll = view.scroll.saturating_add(1),
            Key::PageUp => view.scroll = view.scroll.saturating_sub(page),
            Key::PageDown => view.scroll = view.scroll.saturating_add(page),
            Key::Home | Key::Char('g') => view.scroll = 0,
            Key::End | Key::Char('G') => view.scroll = usize::MAX,
            _ => {}
        }
        let items = match &view.result {
            Some(Ok(details)) => details.items.len(),
            _ => 0,
        };
        view.scroll = view.scroll.min(items.saturating_sub(1));
        self.overlay = Some(Overlay::Details(view));
    }

    /// Typing in the filter edits it live; Enter keeps it, Esc clears it.
    fn filter_key(&mut self, key: Key) {
        let pane = self.pane;
        let keep = self.selected_name(pane);
        let table = &mut self.tables[pane.index()];
        match key {
            Key::Enter => self.filter_focus = false,
            Key::Esc => {
                self.filter_focus = false;
                table.filter.clear();
            }
            Key::Backspace => {
                table.filter.pop();
            }
            Key::Char(c) if !c.is_control() => table.filter.push(c),
            Key::Up | Key::Down | Key::PageUp | Key::PageDown => {
                self.navigate(key);
                return;
            }
            _ => return,
        }
        self.rebuild(pane, keep.as_deref());
    }

    /// Moves the selection; true when the key was a movement key.
    fn navigate(&mut self, key: Key) -> bool {
        let rows = usize::from(self.viewport_rows);
        let page = rows.saturating_sub(1).max(1) as isize;
        let table = &mut self.tables[self.pane.index()];
        match key {
            Key::Up | Key::Char('k') => table.move_by(-1, rows),
            Key::Down | Key::Char('j') => table.move_by(1, rows),
            Key::PageUp => table.move_by(-page, rows),
            Key::PageDown => table.move_by(page, rows),
            Key::Home | Key::Char('g') => table.first(rows),
            Key::End | Key::Char('G') => table.last(rows),
            _ => return false,
        }
        true
    }

    /// A key with nothing open: a command.
    fn command_key(&mut self, key: Key) -> Vec<Effect> {
        if self.navigate(key) {
            return Vec::new();
        }
        match key {
            Key::Tab => self.pane = self.pane.next(),
            Key::BackTab => self.pane = self.pane.previous(),
            Key::Char(c @ '1'..='4') => {
                let index = usize::from(c as u8 - b'1');
                self.pane = Pane::ALL[index];
            }
            Key::Char('q') => return self.quit(),
            Key::Char('?') => self.overlay = Some(Overlay::Help),
            Key::Char('/') => self.filter_focus = true,
            Key::Char('r') => return vec![Effect::Refresh],
            Key::Char('s') | Key::Char('S') => self.resort(key == Key::Char('S')),
            Key::Char('n') => self.open_create_form(),
            Key::Char('m') => self.open_announce_form(),
            Key::Char('d') | Key::Delete => self.ask_delete(),
            Key::Char('p') => self.ask_purge(),
            Key::Char('P') => self.open_reset(),
            Key::Char('b') => self.ask_ban(),
            Key::Enter => return self.open_details(),
            Key::Esc => {
                let pane = self.pane;
                if self.table(pane).filter.is_empty() {
                    self.notice = None;
                } else {
                    let keep = self.selected_name(pane);
                    self.tables[pane.index()].filter.clear();
                    self.rebuild(pane, keep.as_deref());
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// `s` moves to the next sort column, `S` reverses the direction.
    fn resort(&mut self, reverse: bool) {
        let pane = self.pane;
        let keep = self.selected_name(pane);
        let table = &mut self.tables[pane.index()];
        table.sort = if reverse {
            table.sort.reversed()
        } else {
            table.sort.cycled(pane)
        };
        self.rebuild(pane, keep.as_deref());
    }

    /// Sends an action to the runtime and says it is under way.
    pub(super) fn start(&mut self, action: Action) -> Vec<Effect> {
        self.set_notice(NoticeLevel::Busy, words::doing(&action));
        self.in_flight.push(action.clone());
        vec![Effect::Perform(action)]
    }

    fn open_create_form(&mut self) {
        let kind = match self.pane {
            Pane::Queues => FormKind::NewQueue,
            Pane::Topics => FormKind::NewTopic,
            Pane::Users => FormKind::NewUser,
            Pane::Broker => {
                let hint = "nothing is created in the Broker pane: press 1, 2 or 3 for queues, topics or users";
                self.set_notice(NoticeLevel::Info, hint.to_owned());
                return;
            }
        };
        self.overlay = Some(Overlay::Form(Form::new(kind)));
    }

    fn open_announce_form(&mut self) {
        let to = match self.selected_target() {
            Ok(Target::Topic(topic)) => Recipient::Topic(topic),
            Ok(Target::User(user)) => Recipient::User(user),
            Ok(_) => {
                let hint =
                    "announcements go to a topic or a user: press 2 or 3, select one, then m";
                return self.set_notice(NoticeLevel::Info, hint.to_owned());
            }
            Err(why) => return self.set_notice(NoticeLevel::Info, why),
        };
        self.overlay = Some(Overlay::Form(Form::new(FormKind::Announce(to))));
    }

    fn ask_delete(&mut self) {
        match self.selected_target() {
            Ok(target) => self.ask(Action::Delete(target), None),
            Err(why) => self.set_notice(NoticeLevel::Info, why),
        }
    }

    fn ask_purge(&mut self) {
        let queue = match self.selected_target() {
            Ok(Target::Queue(queue)) => queue,
            Ok(Target::User(user)) => match QueueName::existing(&inbox_queue(&user)) {
                Some(inbox) => inbox,
                None => return self.set_notice(NoticeLevel::Error, "no inbox".to_owned()),
            },
            Ok(_) => {
                let hint =
                    "p purges a queue: select one in Queues (1) or a user's inbox in Users (3)";
                return self.set_notice(NoticeLevel::Info, hint.to_owned());
            }
            Err(why) => return self.set_notice(NoticeLevel::Info, why),
        };
        let ready = self
            .snapshot
            .queues
            .iter()
            .find(|q| q.name == queue.as_str())
            .map(|q| q.ready);
        self.ask(Action::Purge(queue), ready);
    }

    pub(super) fn ask(&mut self, action: Action, ready: Option<u64>) {
        let question = words::question(&action, ready);
        self.overlay = Some(Overlay::Confirm(Confirm { action, question }));
    }

    fn open_details(&mut self) -> Vec<Effect> {
        match self.selected_target() {
            Ok(target) => {
                self.overlay = Some(Overlay::Details(DetailsView {
                    target: target.clone(),
                    result: None,
                    scroll: 0,
                }));
                vec![Effect::FetchDetails(target)]
            }
            Err(why) => {
                self.set_notice(NoticeLevel::Info, why);
                Vec::new()
            }
        }
    }

    /// The selected row of the pane as a target, or why there is none.
    pub fn selected_target(&self) -> Result<Target, String> {
        let pane = self.pane;
        let none = || format!("no {} selected", pane.rows_label());
        let index = self.table(pane).selected().ok_or_else(none)?;
        let s = &self.snapshot;
        match pane {
            Pane::Queues => {
                let row = s.queues.get(index).ok_or_else(none)?;
                QueueName::existing(&row.name)
                    .map(Target::Queue)
                    .ok_or_else(none)
            }
            Pane::Topics => s
                .topics
                .get(index)
                .map(|r| Target::Topic(r.name.clone()))
                .ok_or_else(none),
            Pane::Users => s
                .users
                .get(index)
                .map(|r| Target::User(r.name.clone()))
                .ok_or_else(none),
            Pane::Broker => s
                .connections
                .get(index)
                .map(|r| Target::Connection(r.name.clone()))
                .ok_or_else(none),
        }
    }
}
