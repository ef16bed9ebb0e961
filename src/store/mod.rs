//! Local history: every message received or sent, durable before it is acked.
