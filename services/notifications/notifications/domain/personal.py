"""What makes a digest one member's own: their region, interests and groups."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

GROUPS_LISTED = 5
NEW_GROUPS_LISTED = 3
# Choices kept for readers to share; past this they are made afresh, to bound memory.
CHOICES_KEPT = 4096

Entry = dict[str, Any]


@dataclass(frozen=True)
class Reader:
    """The member a digest is for: where they are, what they care about, their groups."""

    region: str | None
    interests: frozenset[str] = frozenset()
    groups: tuple[str, ...] = ()
    # Titles of the open surveys that asked them.
    surveys: tuple[str, ...] = ()


class InterestPicks:
    """Choose up to `limit` entries, those on a reader's interests first, in their own order.

    Readers who share the interests that the entries cover share one choice (up to
    CHOICES_KEPT of them), and each choice looks only at the entries on those interests.
    """

    def __init__(
        self, items: Sequence[tuple[Entry, Collection[str]]], *, limit: int, fill: bool = True
    ) -> None:
        self._entries = [entry for entry, _ in items]
        self._marked = [{**entry, "for_you": True} for entry in self._entries]
        self._on: dict[str, list[int]] = {}
        for n, (_, topics) in enumerate(items):
            for topic in set(topics):
                self._on.setdefault(topic, []).append(n)
        self._vocabulary = frozenset(self._on)
        self._limit, self._fill = limit, fill
        self._chosen: dict[frozenset[str], list[Entry]] = {}

    def pick(self, interests: frozenset[str]) -> list[Entry]:
        """Return the entries for a reader with `interests`, marking those on them."""
        key = interests & self._vocabulary
        chosen = self._chosen.get(key)
        if chosen is None:
            chosen = self._choose(key)
            if len(self._chosen) < CHOICES_KEPT:
                self._chosen[key] = chosen
        return chosen

    def _choose(self, interests: frozenset[str]) -> list[Entry]:
        on_topic = set().union(*(self._on[topic] for topic in interests))
        chosen = sorted(on_topic)[: self._limit]
        if self._fill:
            others = (n for n in range(len(self._entries)) if n not in on_topic)
            chosen = sorted(chosen + list(islice(others, self._limit - len(chosen))))
        return [self._marked[n] if n in on_topic else self._entries[n] for n in chosen]


@dataclass
class GroupNews:
    """What happened in each group last month, and the groups started in it."""

    activity: dict[str, Entry]
    started: InterestPicks = field(default_factory=lambda: InterestPicks([], limit=0))

    def of_member(self, groups: Sequence[str]) -> list[Entry]:
        """Return the news of a member's groups, the busiest first."""
        entries = [self.activity[group] for group in groups if group in self.activity]
        entries.sort(key=lambda entry: (-entry["new_members"], entry["name"]))
        return entries[:GROUPS_LISTED]

    def suggested(self, reader: Reader) -> list[Entry]:
        """Return new groups on a reader's interests that they are not in yet."""
        picks = self.started.pick(reader.interests)
        return [g for g in picks if g["group_id"] not in reader.groups][:NEW_GROUPS_LISTED]
