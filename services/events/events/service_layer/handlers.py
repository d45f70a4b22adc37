"""What the events service does with the member events it consumes; handlers never commit."""

from events.domain.members import Member
from events.service_layer.registering import locked_event, withdraw
from events.service_layer.talks import forget_talks_of
from events.service_layer.unit_of_work import EventsUnitOfWork
from qplatform.messaging.handlers import Handler, HandlerKey, ReceivedEvent, TombstoneHandler

UNNAMED = "Member"


def name_member(uow: EventsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a member's newest display name, to show organisers and authors by it."""
    member = uow.members.get_or_add(event.data["member_id"])
    if _is_stale(member, event) or member.has_left:
        return
    member.display_name = event.data["display_name"] or UNNAMED
    member.updated_at = event.envelope.time


def unname_member(uow: EventsUnitOfWork, member_id: str) -> None:
    """Forget an erased member's name: the restricted profile topic's tombstone erases it."""
    member = uow.members.get(member_id)
    if member is not None:
        member.display_name = UNNAMED


def forget_member(uow: EventsUnitOfWork, event: ReceivedEvent) -> None:
    """Cancel a leaving member's registrations and anonymise their posts and comments."""
    member_id = event.data["member_id"]
    member = uow.members.get_or_add(member_id)
    member.has_left, member.calendar_secret = True, None
    member.display_name = UNNAMED
    # Lock events in one order, so two members leaving at once cannot deadlock.
    registrations = uow.registrations.of_member(member_id)
    for registration in sorted(registrations, key=lambda r: r.event_id):
        locked_event(uow, registration.event_id)
        uow.registrations.reload(registration)
        if registration.is_active:
            withdraw(uow, registration, reason="member-left")
    for post in uow.posts.by_author(member_id):
        post.author_id = None
    for comment in uow.comments.by_author(member_id):
        comment.author_id = None
    forget_talks_of(uow, member_id)


def _is_stale(member: Member, event: ReceivedEvent) -> bool:
    return member.updated_at is not None and member.updated_at > event.envelope.time


EVENT_HANDLERS: dict[HandlerKey, Handler] = {
    ("member-profile-recorded", 1): name_member,
    ("member-left", 1): forget_member,
}

TOMBSTONE_HANDLERS: dict[str, TombstoneHandler] = {"membership.member-profile": unname_member}
