//! Everything that talks to RabbitMQ: topology, the user session, the management API.
