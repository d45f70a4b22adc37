"""Worked analyses of the event streams, and a generated month to try them on."""
