"""Use cases of reading who takes part in coffee trials."""

from collections.abc import Sequence
from dataclasses import dataclass

from matching.adapters.storage import Participants
from matching.domain import errors
from matching.domain.model import Participant
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.regions import REGIONS


@dataclass(frozen=True)
class ParticipantPage:
    """One page of participants and how many there are in all."""

    items: Sequence[Participant]
    total: int


def get_participant(*, uow: UnitOfWork, member_id: str) -> Participant:
    """Return the participant who is the member `member_id`."""
    participant = Participants(uow.session).get(member_id)
    if participant is None:
        raise errors.ParticipantNotFound("no participant with that member id")
    return participant


def list_participants(
    *, uow: UnitOfWork, page: int, page_size: int, region: str | None = None
) -> ParticipantPage:
    """Return the `page`-th page of participants, in `region` if given."""
    if region is not None and region not in REGIONS:
        raise errors.UnknownRegion(f"unknown region '{region}'", field="region")
    participants = Participants(uow.session)
    items = participants.page(region=region, offset=(page - 1) * page_size, limit=page_size)
    return ParticipantPage(items=items, total=participants.count(region=region))
