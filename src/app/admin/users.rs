//! The Users pane's account keys: the password form of a new user or a reset (`P`),
//! ban or unban (`b`, asked y/N), and the generated password shown once.

use crate::config::Password;
use crate::domain::console::{AccountState, Action, UserRow};

use super::effect::Effect;
use super::event::Key;
use super::pane::Pane;
use super::password::{PasswordForm, PasswordKey, PasswordPurpose, ShownPassword};
use super::state::{AdminApp, NoticeLevel, Overlay};

impl AdminApp {
    /// The row selected in the Users pane, or why there is none (a sentence naming the
    /// key, for `what`, e.g. `b bans or unbans a user`).
    fn selected_user(&self, what: &str) -> Result<&UserRow, String> {
        if self.pane != Pane::Users {
            return Err(format!("{what}: press 3 for Users and select one"));
        }
        let index = self
            .table(Pane::Users)
            .selected()
            .ok_or_else(|| "no users selected".to_owned())?;
        self.snapshot
            .users
            .get(index)
            .ok_or_else(|| "no users selected".to_owned())
    }

    /// Opens the password form of a new user (after its name) or of a reset.
    pub(super) fn open_password_form(&mut self, form: PasswordForm) {
        self.overlay = Some(Overlay::Password(form));
    }

    /// A key in the password form.
    pub(super) fn password_key(&mut self, form: PasswordForm, key: Key) -> Vec<Effect> {
        match form.key(key) {
            PasswordKey::Stay(form) => {
                self.overlay = Some(Overlay::Password(form));
                Vec::new()
            }
            PasswordKey::Cancel => Vec::new(),
            PasswordKey::Submit(action) => self.start(action),
        }
    }

    /// `P`: a new password for the selected user's account.
    pub(super) fn open_reset(&mut self) {
        let row = match self.selected_user("P sets a new password") {
            Ok(row) => row,
            Err(why) => return self.set_notice(NoticeLevel::Info, why),
        };
        if row.account == AccountState::NoAccount {
            let hint = format!(
                "user {0} has no account (open mode), so no password: press n and type {0} to give it one",
                row.name
            );
            return self.set_notice(NoticeLevel::Info, hint);
        }
        let form = PasswordForm::new(row.name.clone(), PasswordPurpose::Reset);
        self.open_password_form(form);
    }

    /// `b`: asks whether to ban the selected user, or to unban a banned one.
    pub(super) fn ask_ban(&mut self) {
        let row = match self.selected_user("b bans or unbans a user") {
            Ok(row) => row,
            Err(why) => return self.set_notice(NoticeLevel::Info, why),
        };
        let user = row.name.clone();
        let action = match row.account {
            AccountState::Active => Action::Ban(user),
            AccountState::Banned => Action::Unban(user),
            AccountState::NoAccount => {
                let hint = format!(
                    "user {user} has no account (open mode): there is no login to refuse; d deletes its inbox"
                );
                return self.set_notice(NoticeLevel::Info, hint);
            }
            AccountState::Unknown => {
                let hint = format!(
                    "cannot tell whether {user} is banned: the API user may not list accounts (it needs the administrator tag)"
                );
                return self.set_notice(NoticeLevel::Error, hint);
            }
        };
        self.ask(action, None);
    }

    /// Queues a generated password to be shown once.
    pub(super) fn show_password(&mut self, action: &Action, password: Password) {
        let (user, purpose) = match action {
            Action::CreateAccount { user, .. } => (user.clone(), PasswordPurpose::NewAccount),
            Action::SetPassword { user, .. } => (user.clone(), PasswordPurpose::Reset),
            _ => return,
        };
        self.passwords.push_back(ShownPassword {
            user,
            purpose,
            password,
        });
    }

    /// A key while a generated password is shown: Esc or Enter closes it (and drops the
    /// password); every other key is ignored, so that it is not closed by accident.
    pub(super) fn shown_password_key(&mut self, key: Key) {
        if matches!(key, Key::Esc | Key::Enter) {
            self.passwords.pop_front();
        }
    }
}
