"""Notifications' repositories: one module per family of aggregates, none of them commits."""
