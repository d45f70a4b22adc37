"""In-memory stand-ins for matching's repositories and unit of work, for the fast tier.

Each repository keeps its aggregates in dicts and answers with the same method names as
the real one (`matching.adapters.repositories`), for the methods the unit tests reach.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from matching.domain.groups import InterestGroup
from matching.domain.model import Base, Participant, Standing
from matching.domain.rounds import (
    COMPLETED,
    REQUESTED,
    RUNNING,
    CoffeeRound,
    Match,
    MatchFeedback,
    RoundSchedule,
)
from matching.domain.upcoming import UpcomingEvent
from qplatform.clock import Clock, FixedClock
from qplatform.db.memory import InMemoryUnitOfWork

MadeMatch = tuple[str, str, Sequence[str]]
NOON = datetime(2027, 1, 15, 12, 0, tzinfo=UTC)


def with_defaults(row: Base) -> Base:
    """Fill what the database would: each column's scalar default left unset."""
    for column in row.__table__.columns:
        default = column.default
        if getattr(row, column.key) is None and default is not None and default.is_scalar:
            setattr(row, column.key, default.arg)
    return row


class FakeParticipants:
    def __init__(self) -> None:
        self.rows: dict[str, Participant] = {}

    def add(self, participant: Participant) -> None:
        self.rows[participant.member_id] = with_defaults(participant)  # type: ignore[assignment]

    def get(self, member_id: str) -> Participant | None:
        return self.rows.get(member_id)

    def names(self, member_ids: set[str]) -> dict[str, str]:
        return {i: p.display_name for i, p in self.rows.items() if i in member_ids}

    def _in(self, region: str | None) -> list[Participant]:
        found = [p for p in self.rows.values() if region is None or p.region == region]
        return sorted(found, key=lambda p: (p.joined_at, p.member_id))

    def page(self, *, region: str | None, offset: int, limit: int) -> Sequence[Participant]:
        return self._in(region)[offset : offset + limit]

    def count(self, *, region: str | None) -> int:
        return len(self._in(region))

    def taking_part(self) -> Sequence[Standing]:
        found = [p for p in self.rows.values() if p.opted_in and not p.left]
        return sorted(found, key=lambda p: p.member_id)

    def clear_skips(self) -> None:
        for participant in self.rows.values():
            participant.skip_next_round = False

    def mark_left_over(self, member_ids: Sequence[str], *, left_over: bool) -> None:
        for member_id in member_ids:
            self.rows[member_id].left_over_last_time = left_over

    def in_q(self) -> Sequence[Participant]:
        return sorted((p for p in self.rows.values() if not p.left), key=lambda p: p.member_id)


class FakeNeverPairs:
    def __init__(self) -> None:
        self.wishes: dict[str, set[str]] = {}

    def of(self, member_id: str) -> list[str]:
        return sorted(self.wishes.get(member_id, set()))

    def replace(self, member_id: str, others: Sequence[str]) -> None:
        self.wishes[member_id] = set(others)

    def all(self) -> dict[str, set[str]]:
        return {m: set(o) for m, o in self.wishes.items() if o}

    def forget(self, member_id: str) -> None:
        self.wishes.pop(member_id, None)
        for others in self.wishes.values():
            others.discard(member_id)


class FakeCoffeeRounds:
    def __init__(self) -> None:
        self.rows: dict[str, CoffeeRound] = {}
        self.kept_schedule: RoundSchedule | None = None

    def add(self, coffee_round: CoffeeRound) -> None:
        self.rows[coffee_round.id] = coffee_round

    def get(self, round_id: str) -> CoffeeRound | None:
        return self.rows.get(round_id)

    def latest_number(self) -> int:
        return max((r.number or 0 for r in self.rows.values()), default=0)

    def latest_completed(self, limit: int) -> Sequence[CoffeeRound]:
        done = sorted((r for r in self.rows.values() if r.state == COMPLETED), key=_number)
        return done[-limit:]

    def newest_first(self, *, offset: int, limit: int) -> Sequence[CoffeeRound]:
        ordered = sorted(self.rows.values(), key=lambda r: (r.requested_at, r.id), reverse=True)
        return ordered[offset : offset + limit]

    def oldest_unfinished(self) -> CoffeeRound | None:
        waiting = [r for r in self.rows.values() if r.state in (REQUESTED, RUNNING)]
        return min(waiting, key=lambda r: (r.requested_at, r.id), default=None)

    def locked(self, round_id: str, claim: str) -> CoffeeRound | None:
        found = self.rows.get(round_id)
        if found is None or found.claim != claim or found.state != RUNNING:
            return None
        return found

    def count(self) -> int:
        return len(self.rows)

    def schedule(self, *, lock: bool = False) -> RoundSchedule:
        if self.kept_schedule is None:
            self.kept_schedule = RoundSchedule(id=1, every_months=1, day_of_month=1, cooldown=6)
        return self.kept_schedule

    def schedule_unless_busy(self) -> RoundSchedule | None:
        return self.schedule()


def _number(coffee_round: CoffeeRound) -> int:
    return coffee_round.number or 0


class FakeMatches:
    def __init__(self) -> None:
        self.rows: dict[str, Match] = {}
        self.members: dict[str, list[str]] = {}

    def keep(self, match: Match, members: Sequence[str]) -> None:
        """Keep `match` with its `members` (test set-up; rounds keep theirs in `adding`)."""
        self.rows[match.id] = match
        self.members[match.id] = list(members)

    @contextmanager
    def adding(self, round_id: str, round_number: int, made: Sequence[MadeMatch]) -> Iterator[None]:
        for match_id, meeting_format, members in made:
            match = Match(
                id=match_id,
                round_id=round_id,
                round_number=round_number,
                meeting_format=meeting_format,
            )
            self.keep(match, members)
        yield

    def get(self, match_id: str) -> Match | None:
        return self.rows.get(match_id)

    def members_of(self, match_id: str) -> list[str]:
        return sorted(self.members.get(match_id, []))

    def count_of_round(self, round_id: str) -> int:
        return sum(m.round_id == round_id for m in self.rows.values())

    def rounds(
        self, after_round: int, before_round: int | None = None
    ) -> dict[int, list[tuple[str, ...]]]:
        found: dict[int, list[tuple[str, ...]]] = {}
        for match in self.rows.values():
            number = match.round_number
            if number > after_round and (before_round is None or number < before_round):
                found.setdefault(number, []).append(tuple(self.members_of(match.id)))
        return {n: found[n] for n in sorted(found)}

    def rename_member(self, member_id: str, anonymous_id: str) -> None:
        for members in self.members.values():
            members[:] = [anonymous_id if m == member_id else m for m in members]


class FakeFeedbackAnswers:
    def __init__(self, matches: FakeMatches) -> None:
        self.rows: dict[tuple[str, str], MatchFeedback] = {}
        self._matches = matches

    def get(self, match_id: str, member_id: str) -> MatchFeedback | None:
        return self.rows.get((match_id, member_id))

    def add(self, feedback: MatchFeedback) -> None:
        self.rows[(feedback.match_id, feedback.member_id)] = feedback

    def outcomes_of_round(self, round_id: str) -> list[tuple[str, str, int | None]]:
        return [
            (f.match_id, f.outcome, f.rating)
            for f in self.rows.values()
            if self._matches.rows[f.match_id].round_id == round_id
        ]


class FakeSnapshots:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    @contextmanager
    def adding(self, rows: Sequence[dict[str, Any]]) -> Iterator[None]:
        self.rows.extend(rows)
        yield

    def anonymise(self, member_id: str, anonymous_id: str) -> None:
        for row in self.rows:
            if row["member_id"] == member_id:
                row.update(member_id=anonymous_id, organisation="")


class FakeInterestGroups:
    def __init__(self) -> None:
        self.groups: dict[str, InterestGroup] = {}
        self.members: dict[str, set[str]] = {}

    def keep(self, group: InterestGroup) -> None:
        self.groups[group.group_id] = group

    def join(self, group_id: str, member_id: str) -> None:
        if group_id in self.groups:
            self.members.setdefault(group_id, set()).add(member_id)

    def forget_member(self, member_id: str) -> None:
        for members in self.members.values():
            members.discard(member_id)

    def joined_by(self, member_id: str) -> set[str]:
        return {g for g, members in self.members.items() if member_id in members}

    def with_sizes(self) -> Sequence[tuple[InterestGroup, int]]:
        ordered = sorted(self.groups.values(), key=lambda g: g.name)
        return [(g, len(self.members.get(g.group_id, set()))) for g in ordered]


class FakeUpcomingEvents:
    def __init__(self) -> None:
        self.rows: dict[str, UpcomingEvent] = {}

    def keep(self, event: UpcomingEvent) -> None:
        self.rows[event.event_id] = event

    def forget(self, event_id: str) -> None:
        self.rows.pop(event_id, None)

    def starting_after(self, moment: datetime) -> Sequence[UpcomingEvent]:
        later = [e for e in self.rows.values() if e.starts_at > moment]
        return sorted(later, key=lambda e: e.starts_at)


class FakeMatchingUnitOfWork(InMemoryUnitOfWork):
    """Matching's unit of work over in-memory repositories; what it commits stays readable."""

    def __init__(self, clock: Clock | None = None) -> None:
        super().__init__(source="matching", clock=clock or FixedClock(NOON))
        self.participants = FakeParticipants()
        self.never_pairs = FakeNeverPairs()
        self.rounds = FakeCoffeeRounds()
        self.matches = FakeMatches()
        self.feedback = FakeFeedbackAnswers(self.matches)
        self.snapshots = FakeSnapshots()
        self.groups = FakeInterestGroups()
        self.upcoming_events = FakeUpcomingEvents()
