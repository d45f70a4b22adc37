"""Use cases of reading rounds and their matches, and of setting the schedule."""

from typing import Any

from matching.adapters.repositories.rounds import Matches
from matching.domain.rounds import CoffeeRound, Match, RoundSchedule
from matching.domain.snapshot import SnapshotEntry
from matching.service_layer.rounds import get_round
from matching.service_layer.unit_of_work import MatchingUnitOfWork
from qplatform.identity import Caller
from qplatform.paging import Page, PageRequest


def list_rounds(*, uow: MatchingUnitOfWork, page: PageRequest) -> Page[CoffeeRound]:
    """Return one page of rounds, the newest first."""
    rounds = uow.rounds
    return Page(rounds.newest_first(offset=page.offset, limit=page.size), rounds.count())


def round_matches(
    *, uow: MatchingUnitOfWork, round_id: str, page: PageRequest
) -> Page[dict[str, Any]]:
    """Return one page of a round's matches with their members and their names."""
    get_round(uow=uow, round_id=round_id)
    matches = uow.matches
    found = [
        shown(matches, m) for m in matches.of_round(round_id, offset=page.offset, limit=page.size)
    ]
    names = uow.participants.names({i for m in found for i in m["member_ids"]})
    for match in found:
        match["members"] = [
            {"member_id": i, "display_name": names.get(i)} for i in match["member_ids"]
        ]
    return Page(found, matches.count_of_round(round_id))


def round_snapshot(
    *, uow: MatchingUnitOfWork, round_id: str, page: PageRequest
) -> Page[SnapshotEntry]:
    """Return one page of who was eligible for a round, in pairing order."""
    get_round(uow=uow, round_id=round_id)
    snapshots = uow.snapshots
    found = snapshots.page(round_id, offset=page.offset, limit=page.size)
    return Page(found, snapshots.count(round_id))


def member_matches(
    *, uow: MatchingUnitOfWork, member_id: str, caller: Caller
) -> list[dict[str, Any]]:
    """Return a member's matches, the newest first (the member or staff only)."""
    caller.ensure_may_act_for(member_id, "see these matches")
    matches = uow.matches
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


def schedule(*, uow: MatchingUnitOfWork) -> RoundSchedule:
    """Return the round schedule."""
    found = uow.rounds.schedule()
    uow.commit()
    return found


def set_schedule(*, uow: MatchingUnitOfWork, settings: dict[str, Any]) -> RoundSchedule:
    """Change the round schedule and commit."""
    found = uow.rounds.schedule()
    for name, value in settings.items():
        setattr(found, name, value)
    uow.commit()
    return found
