//! The operator's work on a virtual host under protocol version 3 (issue 14): the shared
//! objects (`chat-tui admin setup`), one RabbitMQ account per chat user with the
//! permissions that let the broker itself refuse every attack on other users' inboxes,
//! bans, and topics. [`Operator`] does it all over the management API; the command line
//! (`runtime::admin::cli`) prints what it did, and the console can call the same
//! functions.

mod api;
mod error;
mod operator;
mod password;
mod permissions;

pub use error::OperatorError;
pub use operator::{
    AddedUser, Banned, ChatUser, InboxLimits, Operator, Removed, SetupStep, TopicMembers, Unbanned,
    UserState,
};
pub use password::{GENERATED_LEN, RandomSourceError, generate_password};
pub use permissions::UserPermissions;
