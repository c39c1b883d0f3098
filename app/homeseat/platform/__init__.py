"""The client's link to the hub: session, local store (installation id and outbox)."""
