"""The events service's repositories: one module per family of aggregates, none commits."""
