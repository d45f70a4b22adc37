"""Exponential backoff for loops that wait on the broker, the database or a mail server."""


class Backoff:
    """Delays that double from `initial` up to `maximum`, until reset."""

    def __init__(self, *, initial: float, maximum: float) -> None:
        self._initial = initial
        self._maximum = maximum
        self._next = initial

    def next(self) -> float:
        """Return the next delay and double the one after it."""
        delay = self._next
        self._next = min(self._next * 2, self._maximum)
        return delay

    def reset(self) -> None:
        """Start again from the initial delay."""
        self._next = self._initial
