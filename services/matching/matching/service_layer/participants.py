"""Use cases of reading who takes part in coffee trials."""

from matching.domain import errors
from matching.domain.model import Participant
from matching.service_layer.unit_of_work import MatchingUnitOfWork
from qplatform.paging import Page, PageRequest
from qplatform.regions import REGIONS


def get_participant(*, uow: MatchingUnitOfWork, member_id: str) -> Participant:
    """Return the participant who is the member `member_id`."""
    participant = uow.participants.get(member_id)
    if participant is None:
        raise errors.ParticipantNotFound("no participant with that member id")
    return participant


def list_participants(
    *, uow: MatchingUnitOfWork, page: PageRequest, region: str | None = None
) -> Page[Participant]:
    """Return one page of participants, oldest members first, in `region` if given."""
    if region is not None and region not in REGIONS:
        raise errors.UnknownRegion(f"unknown region '{region}'", field="region")
    participants = uow.participants
    items = participants.page(region=region, offset=page.offset, limit=page.size)
    return Page(items=items, total=participants.count(region=region))
