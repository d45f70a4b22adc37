"""What matching does when other services' events arrive."""

from matching.adapters.storage import Participants
from matching.domain.model import MemberDetails, Participant
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.consumer import Handler, HandlerKey, ReceivedEvent


def add_participant(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Keep a new member as a coffee-trial participant, or refresh the copy already kept."""
    details = MemberDetails(
        member_id=event.data["member_id"],
        display_name=event.data["display_name"],
        organisation=event.data["organisation"],
        job_title=event.data["job_title"],
        region=event.data["region"],
        joined_at=event.data["joined_at"],
    )
    participants = Participants(uow.session)
    participant = participants.get(details.member_id)
    if participant is None:
        participants.add(Participant.joining(details))
    else:
        # The same member announced again (a replay or a re-sent event): update, never duplicate.
        participant.record(details)


EVENT_HANDLERS: dict[HandlerKey, Handler] = {
    ("member-joined", 1): add_participant,
}
