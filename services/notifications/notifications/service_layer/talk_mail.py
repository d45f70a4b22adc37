"""Mail about talks: a request to the speaker, and the speaker's answer to the organiser."""

from notifications.domain import letters
from notifications.domain.preferences import TALK_REQUESTS, Preference
from notifications.service_layer.queueing import queue_letter
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.messaging.handlers import ReceivedEvent


def take_requests(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Start mailing a speaker requests for their talks, unless they chose otherwise before."""
    speaker_id = event.data["speaker_id"]
    preferences = uow.preferences
    if preferences.get(speaker_id, TALK_REQUESTS) is None:
        # Offering a talk is asking to be asked: the offer is the consent.
        preferences.add(
            Preference(
                member_id=speaker_id,
                category=TALK_REQUESTS,
                subscribed=True,
                source="offered a talk",
            )
        )


def mail_request(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell the speaker who asks for their talk, with the link to read and answer it."""
    data = event.data
    name, organisation = _named(uow, data["requester_id"])
    queue_letter(
        uow,
        cause_id=event.id,
        member_id=data["speaker_id"],
        template=letters.TALK_REQUESTED,
        context={
            "subject": data["subject"],
            "request_id": data["request_id"],
            "requester_name": name,
            "requester_organisation": organisation,
        },
    )


def mail_answer(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell the organiser whether the speaker accepted or declined."""
    data = event.data
    name, organisation = _named(uow, data["speaker_id"])
    queue_letter(
        uow,
        cause_id=event.id,
        member_id=data["requester_id"],
        template=letters.TALK_ANSWERED,
        context={
            "subject": data["subject"],
            "request_id": data["request_id"],
            "accepted": data["answer"] == "accepted",
            "speaker_name": name,
            "speaker_organisation": organisation,
        },
    )


def _named(uow: NotificationsUnitOfWork, member_id: str) -> tuple[str, str]:
    # Names come from the restricted profile copy; the talk stream carries ids only.
    member = uow.known_members.get(member_id)
    return (member.display_name, member.organisation) if member else ("A Q member", "")
