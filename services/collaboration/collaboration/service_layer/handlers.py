"""What collaboration does when other services' events arrive: it keeps its copy of members."""

from collaboration.domain.model import Member
from collaboration.service_layer.erasure import erase_member
from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork
from qplatform.messaging.handlers import Handler, HandlerKey, ReceivedEvent, TombstoneHandler


def keep_member(uow: CollaborationUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a member's name, region and interests from their profile, or refresh the copy."""
    data = event.data
    members = uow.members
    known = members.get(data["member_id"])
    if known is not None and known.left:
        return
    interests = sorted({*(data.get("interests") or []), *(data.get("expertise") or [])})
    members.keep(
        Member(
            member_id=data["member_id"],
            display_name=data.get("display_name") or "",
            region=data["region"],
            # A later coffee match says more than the choice made on joining.
            coffee_trials=bool(data.get("coffee_trials")) or bool(known and known.coffee_trials),
            interests=interests,
            left=False,
        )
    )


def forget_member(uow: CollaborationUnitOfWork, event: ReceivedEvent) -> None:
    """Erase what collaboration holds about a member who left."""
    erase_member(uow, event.data["member_id"])


def note_application(uow: CollaborationUnitOfWork, event: ReceivedEvent) -> None:
    """Remember the wave of an application to Q, to know the member's wave if approved."""
    if event.data.get("wave_id"):
        uow.members.note_application(event.data["application_id"], event.data["wave_id"])


def place_in_wave(uow: CollaborationUnitOfWork, event: ReceivedEvent) -> None:
    """Record the recruitment wave of a member whose application was approved."""
    uow.members.place_in_wave(event.data["application_id"], event.data["member_id"])


def forget_application(uow: CollaborationUnitOfWork, event: ReceivedEvent) -> None:
    """Drop the wave of an application closed without a member."""
    uow.members.forget_application(event.data["application_id"])


def attend(uow: CollaborationUnitOfWork, event: ReceivedEvent) -> None:
    """Count a member with a place at an event, or recorded there, among its attendees."""
    if event.data.get("attendance", "attended") == "attended":
        uow.members.attend(event.data["event_id"], event.data["member_id"], since=uow.clock.now())


def stop_attending(uow: CollaborationUnitOfWork, event: ReceivedEvent) -> None:
    """Take a member who gave up their place off an event's attendees."""
    uow.members.stop_attending(event.data["event_id"], event.data["member_id"])


def count_coffee_match(uow: CollaborationUnitOfWork, event: ReceivedEvent) -> None:
    """Count the members of a coffee match as coffee participants."""
    members = uow.members
    for member_id in event.data["member_ids"]:
        member = members.get(member_id)
        if member is not None and not member.left:
            member.coffee_trials = True


EVENT_HANDLERS: dict[HandlerKey, Handler] = {
    ("member-profile-recorded", 1): keep_member,
    ("member-left", 1): forget_member,
    ("application-submitted", 1): note_application,
    ("application-submitted", 2): note_application,
    ("application-approved", 1): place_in_wave,
    ("application-rejected", 1): forget_application,
    ("application-withdrawn", 1): forget_application,
    ("registration-confirmed", 1): attend,
    ("waitlist-promoted", 1): attend,
    ("attendance-recorded", 1): attend,
    ("registration-cancelled", 1): stop_attending,
    ("match-made", 1): count_coffee_match,
}

# The profile topic's tombstone follows member-left; it erases a copy a late record made.
TOMBSTONE_HANDLERS: dict[str, TombstoneHandler] = {"membership.member-profile": erase_member}
