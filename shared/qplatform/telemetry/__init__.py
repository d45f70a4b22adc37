"""Logs and metrics that every process of the platform emits the same way."""
