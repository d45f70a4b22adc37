"""Set-up shared by matching's fast tests: participants and matches, made in memory."""

from datetime import UTC, datetime

from matching.domain.model import MemberDetails, Participant
from matching.domain.rounds import Match
from tests.unit.matching.fakes import FakeMatchingUnitOfWork

JOINED = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def participant(
    uow: FakeMatchingUnitOfWork,
    member_id: str,
    *,
    region: str = "scotland",
    organisation: str = "Trust A",
    **choices: object,
) -> Participant:
    """Keep an opted-in participant `member_id` with `choices` made."""
    details = MemberDetails(
        member_id=member_id,
        display_name=f"Name of {member_id}",
        organisation=organisation,
        job_title="Improvement lead",
        region=region,
        joined_at=JOINED,
    )
    found = Participant.joining(details, opted_in=True, at=JOINED)
    found.change(dict(choices), at=JOINED)
    uow.participants.add(found)
    return found


def match(
    uow: FakeMatchingUnitOfWork, match_id: str, members: list[str], round_id: str = "round-1"
) -> Match:
    """Keep a match of `members` in round `round_id`."""
    made = Match(id=match_id, round_id=round_id, round_number=1, meeting_format="virtual")
    uow.matches.keep(made, members)
    return made
