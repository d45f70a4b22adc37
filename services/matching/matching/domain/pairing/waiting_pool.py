"""Members still waiting for a partner, removed and sampled in constant time."""

import random


class WaitingPool:
    """A set of member indexes that can hand out random members cheaply."""

    def __init__(self, members: list[int] | None = None) -> None:
        self._items: list[int] = []
        self._position: dict[int, int] = {}
        for member in members or []:
            self.add(member)

    def __len__(self) -> int:
        return len(self._items)

    def add(self, member: int) -> None:
        """Put `member` in the pool."""
        self._position[member] = len(self._items)
        self._items.append(member)

    def discard(self, member: int) -> None:
        """Take `member` out of the pool, if there."""
        where = self._position.pop(member, None)
        if where is None:
            return
        last = self._items.pop()
        if last != member:
            self._items[where] = last
            self._position[last] = where

    def sample(self, rng: random.Random, size: int) -> list[int]:
        """Return up to `size` members: all of them when the pool is that small."""
        items = self._items
        if len(items) <= size:
            return list(items)
        count = len(items)
        return [items[int(rng.random() * count)] for _ in range(size)]

    def members(self) -> list[int]:
        """Return every member in the pool."""
        return list(self._items)
