"""Kafka plumbing: a producer, topic provisioning, the outbox relay, the consumer runner."""
