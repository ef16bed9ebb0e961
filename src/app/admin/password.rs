//! The password steps of a new user and of a password reset: choose a generated
//! password (the default) or type one twice, masked; and the generated password shown
//! once afterwards. No password text is ever printed by `Debug` here.

use crate::config::Password;
use crate::domain::UserName;
use crate::domain::console::{Action, NewPassword, Target};

use super::event::Key;

/// Text typed into a password field. It is drawn as `•`s and its `Debug` shows `***`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Masked(String);

impl Masked {
    /// How many characters were typed (one `•` each).
    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn push(&mut self, c: char) {
        if !c.is_control() {
            self.0.push(c);
        }
    }

    fn backspace(&mut self) {
        self.0.pop();
    }
}

impl std::fmt::Debug for Masked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Masked(***)")
    }
}

/// What the password is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordPurpose {
    /// A new user's account.
    NewAccount,
    /// A new password for an existing account.
    Reset,
}

/// Where the password form is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordStep {
    /// Choosing: a generated password (Enter or `g`), one typed twice (`t`), or, for a
    /// new user, no account at all (`o`: an open-mode inbox).
    Choose,
    /// Typing the password.
    First(Masked),
    /// Typing it again; it must match the first.
    Again {
        /// What was typed first.
        first: Password,
        /// What is typed now.
        input: Masked,
    },
}

/// The password form of one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordForm {
    /// Whose password.
    pub user: UserName,
    /// What for.
    pub purpose: PasswordPurpose,
    /// Where the form is.
    pub step: PasswordStep,
    /// Why the last Enter was refused, if it was.
    pub error: Option<String>,
}

/// What a key did to a password form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PasswordKey {
    /// The form stays open, changed or not.
    Stay(PasswordForm),
    /// Esc: closed, nothing sent.
    Cancel,
    /// Done: carry out this action.
    Submit(Action),
}

impl PasswordForm {
    /// A form at its first step, the choice.
    pub fn new(user: UserName, purpose: PasswordPurpose) -> Self {
        Self {
            user,
            purpose,
            step: PasswordStep::Choose,
            error: None,
        }
    }

    /// The form's title: `new user bob` or `new password for bob`.
    pub fn title(&self) -> String {
        match self.purpose {
            PasswordPurpose::NewAccount => format!("new user {}", self.user),
            PasswordPurpose::Reset => format!("new password for {}", self.user),
        }
    }

    /// The action that sets `password`.
    fn action(&self, password: NewPassword) -> Action {
        let user = self.user.clone();
        match self.purpose {
            PasswordPurpose::NewAccount => Action::CreateAccount { user, password },
            PasswordPurpose::Reset => Action::SetPassword { user, password },
        }
    }

    /// Handles one key.
    pub(super) fn key(mut self, key: Key) -> PasswordKey {
        if key == Key::Esc {
            return PasswordKey::Cancel;
        }
        match (&mut self.step, key) {
            (PasswordStep::Choose, Key::Enter | Key::Char('g')) => {
                return PasswordKey::Submit(self.action(NewPassword::Generate));
            }
            (PasswordStep::Choose, Key::Char('t')) => {
                self.step = PasswordStep::First(Masked::default());
            }
            (PasswordStep::Choose, Key::Char('o'))
                if self.purpose == PasswordPurpose::NewAccount =>
            {
                return PasswordKey::Submit(Action::Create(Target::User(self.user)));
            }
            (PasswordStep::First(input), Key::Enter) => {
                if input.is_empty() {
                    self.error = Some("the password is empty; type one".to_owned());
                } else {
                    let first = Password::new(std::mem::take(&mut input.0));
                    self.step = PasswordStep::Again {
                        first,
                        input: Masked::default(),
                    };
                    self.error = None;
                }
            }
            (PasswordStep::Again { first, input }, Key::Enter) => {
                if input.0 == first.expose() {
                    let password = NewPassword::Typed(first.clone());
                    return PasswordKey::Submit(self.action(password));
                }
                self.step = PasswordStep::First(Masked::default());
                self.error = Some("the two passwords differ; type it again, twice".to_owned());
            }
            (PasswordStep::First(input) | PasswordStep::Again { input, .. }, Key::Char(c)) => {
                input.push(c);
                self.error = None;
            }
            (PasswordStep::First(input) | PasswordStep::Again { input, .. }, Key::Backspace) => {
                input.backspace();
            }
            _ => {}
        }
        PasswordKey::Stay(self)
    }
}

/// A generated password on screen, until Esc or Enter closes it; then it is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownPassword {
    /// Whose.
    pub user: UserName,
    /// Why it was made.
    pub purpose: PasswordPurpose,
    /// The password.
    pub password: Password,
}

#[cfg(test)]
#[path = "password_tests.rs"]
mod tests;
