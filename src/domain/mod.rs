//! The domain: names, the wire envelope and the wire's names, conversations, chat lines
//! and commands.
//! No I/O here; everything is unit-tested on its own.

pub mod command;
pub mod console;
pub mod conversation;
pub mod envelope;
pub mod marks;
pub mod message;
pub mod name;
mod natural_order;
pub mod notify;
pub mod page;
pub mod receive;
pub mod wire;

pub use command::{Command, CommandError};
pub use conversation::ConversationId;
pub use envelope::{Envelope, MessageId, Payload, PresenceState, Unreadable};
pub use message::{ChatMessage, Content, DeliveryStatus, Direction};
pub use name::{NameError, TopicName, UserName};
pub use natural_order::natural_order;
pub use notify::NotifyLevel;
pub use page::{MessagePage, PageAt, SearchHits};
pub use receive::{Provenance, Trust};
