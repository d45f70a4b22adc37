"""Use cases of reading rounds and their matches, and of setting the schedule."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from matching.adapters.round_storage import CoffeeRounds, Matches
from matching.adapters.snapshot_storage import Snapshots
from matching.adapters.storage import Participants
from matching.domain.rounds import CoffeeRound, Match, RoundSchedule
from matching.domain.snapshot import SnapshotEntry
from matching.service_layer.rounds import get_round
from qplatform.db.unit_of_work import UnitOfWork

Item = TypeVar("Item")


@dataclass(frozen=True)
class Page(Generic[Item]):
    """One page of things and how many there are in all."""

    items: Sequence[Item]
    total: int


def list_rounds(*, uow: UnitOfWork, page: int, size: int) -> Page[CoffeeRound]:
    """Return the `page`-th page of rounds, the newest first."""
    rounds = CoffeeRounds(uow.session)
    return Page(rounds.newest_first(offset=(page - 1) * size, limit=size), rounds.count())


def round_matches(*, uow: UnitOfWork, round_id: str, page: int, size: int) -> Page[dict[str, Any]]:
    """Return the `page`-th page of a round's matches with their members and their names."""
    get_round(uow=uow, round_id=round_id)
    matches = Matches(uow.session)
    found = [
        shown(matches, m) for m in matches.of_round(round_id, offset=(page - 1) * size, limit=size)
    ]
    names = Participants(uow.session).names({i for m in found for i in m["member_ids"]})
    for match in found:
        match["members"] = [
            {"member_id": i, "display_name": names.get(i)} for i in match["member_ids"]
        ]
    return Page(found, matches.count_of_round(round_id))


def round_snapshot(*, uow: UnitOfWork, round_id: str, page: int, size: int) -> Page[SnapshotEntry]:
    """Return the `page`-th page of who was eligible for a round, in pairing order."""
    get_round(uow=uow, round_id=round_id)
    snapshots = Snapshots(uow.session)
    found = snapshots.page(round_id, offset=(page - 1) * size, limit=size)
    return Page(found, snapshots.count(round_id))


def member_matches(*, uow: UnitOfWork, member_id: str) -> list[dict[str, Any]]:
    """Return a member's matches, the newest first."""
    matches = Matches(uow.session)
    return [shown(matches, m) for m in matches.of_member(member_id)]


def shown(matches: Matches, match: Match) -> dict[str, Any]:
    """Return a match as the API shows it, with its members."""
    return {
        "id": match.id,
        "round_id": match.round_id,
        "round_number": match.round_number,
        "meeting_format": match.meeting_format,
        "member_ids": matches.members_of(match.id),
    }


def schedule(*, uow: UnitOfWork) -> RoundSchedule:
    """Return the round schedule."""
    found = CoffeeRounds(uow.session).schedule()
    uow.commit()
    return found


def set_schedule(*, uow: UnitOfWork, settings: dict[str, Any]) -> RoundSchedule:
    """Change the round schedule and commit."""
    found = CoffeeRounds(uow.session).schedule()
    for name, value in settings.items():
        setattr(found, name, value)
    uow.commit()
    return found
