"""The Q Platform's own library: the event contract, the outbox and inbox, and web plumbing."""
