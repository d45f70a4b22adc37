"""Use cases, and handlers of incoming events."""
