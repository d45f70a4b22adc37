"""What notifications does with each event it consumes; handlers never commit."""

from functools import partial

from notifications.domain.copies import KnownCoffeeRound, KnownEvent, KnownPost, KnownRegion
from notifications.domain.interests import topics_of
from notifications.domain.letters import WELCOME
from notifications.domain.model import Contact, address_hash
from notifications.domain.preferences import ASKED_AT_JOINING, Preference
from notifications.service_layer import (
    applicants,
    collaboration_mail,
    community,
    event_mail,
    feedback,
    moderation,
    suggestion_mail,
    talk_mail,
)
from notifications.service_layer.erasure import erase_member
from notifications.service_layer.queueing import queue_letter
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.config import Settings
from qplatform.messaging.handlers import Handler, HandlerKey, ReceivedEvent, TombstoneHandler
from qplatform.revocations import with_access_endings

EVENT_FIELDS = ("title", "kind", "pillar", "region", "starts_at", "ends_at", "timezone", "capacity")


def record_contact(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep the member's newest contact details; start their preferences from consent."""
    data = event.data
    contacts = uow.contacts
    contact = contacts.get(data["member_id"])
    if contact is None:
        contact = Contact(member_id=data["member_id"])
        contacts.add(contact)
    contact.email = data["email"]
    contact.display_name = data["display_name"]
    contact.consents = list(data["consents"])
    contact.updated_at = event.envelope.time
    _seed_preferences(uow, contact)
    _lift_stale_suppression(uow, contact)


def _seed_preferences(uow: NotificationsUnitOfWork, contact: Contact) -> None:
    preferences = uow.preferences
    for category in ASKED_AT_JOINING:
        if preferences.get(contact.member_id, category) is None:
            preferences.add(
                Preference(
                    member_id=contact.member_id,
                    category=category,
                    subscribed=category in contact.consents,
                    source="consent at joining",
                )
            )


def _lift_stale_suppression(uow: NotificationsUnitOfWork, contact: Contact) -> None:
    # A suppression belongs to the address that bounced; a new address starts clean.
    suppression = uow.suppressions.get(contact.member_id)
    if suppression is not None and suppression.address_hash != address_hash(contact.email):
        uow.suppressions.delete(contact.member_id)


def welcome_member(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Remember when and where a member joined and queue their welcome mail, once."""
    data = event.data
    known = community.known_member(uow, data["member_id"])
    known.region, known.joined_at = data["region"], data["joined_at"]
    # The mail greets them by the name on their contact record.
    queue_letter(uow, cause_id=event.id, member_id=data["member_id"], template=WELCOME, context={})


def record_contact_and_mail_password_link(
    uow: NotificationsUnitOfWork, event: ReceivedEvent, *, link_key: str
) -> None:
    """Keep the contact the request carries, and mail the member their password link."""
    record_contact(uow, event)
    event_mail.mail_password_link(uow, event, link_key=link_key)


def remember_event(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep the newest details of a Q event for the monthly digest, once it is open."""
    data = event.data
    if data.get("status") == "pending":
        return
    known_events = uow.known_events
    known = known_events.get(data["event_id"])
    if known is None:
        known = KnownEvent(event_id=data["event_id"])
        known_events.add(known)
    for name in EVENT_FIELDS:
        setattr(known, name, data[name])
    known.venue, known.description = data.get("venue"), data.get("description")
    known.topics = topics_of(data.get("topics"))


def introduce_and_remember_match(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Introduce the members of a coffee match, and keep it to ask them later if they met."""
    event_mail.introduce_match(uow, event)
    feedback.remember_matches(uow, event)


def remember_published_event(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a published event for the digest, and tell its organiser if staff published it."""
    remember_event(uow, event)
    moderation.tell_event_published(uow, event)


def remember_and_announce_post(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a published post for the digest, and tell its author."""
    remember_post(uow, event)
    moderation.tell_post_published(uow, event)


def set_event_aside(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Leave an event staff took down out of the digest, and tell its organiser."""
    _mark_hidden(uow, event.data["event_id"], hidden=True)
    moderation.tell_event_hidden(uow, event)


def bring_event_back(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Put an event staff showed again back in the digest, and tell its organiser."""
    _mark_hidden(uow, event.data["event_id"], hidden=False)
    moderation.tell_event_restored(uow, event)


def _mark_hidden(uow: NotificationsUnitOfWork, event_id: str, *, hidden: bool) -> None:
    known = uow.known_events.get(event_id)
    if known is not None:
        known.hidden = hidden


def forget_hidden_post(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Leave a post staff took down out of the digest, and tell its author."""
    known = uow.known_posts.get(event.data["post_id"])
    if known is not None:
        uow.known_posts.delete(known)
    moderation.tell_post_hidden(uow, event)


def remember_restored_post(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Put a post staff showed again back in the digest, and tell its author."""
    remember_post(uow, event)
    moderation.tell_post_restored(uow, event)


def remember_post(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a published news item or blog for the monthly digest."""
    data = event.data
    post = uow.known_posts.get(data["post_id"]) or KnownPost(post_id=data["post_id"])
    for name in ("kind", "title", "pillar", "published_at"):
        setattr(post, name, data[name])
    post.topics = topics_of(data["topics"])
    uow.known_posts.add(post)


def remember_coffee_round(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a coffee round's figures for the monthly digest."""
    data = event.data
    known = uow.known_coffee_rounds.get(data["round_id"])
    known = known or KnownCoffeeRound(round_id=data["round_id"])
    known.number, known.participants = data["number"], data["participants"]
    known.matches, known.completed_at = data["pairs"] + data["trios"], data["completed_at"]
    uow.known_coffee_rounds.add(known)


def remember_region_name(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep the name staff gave a region, which every mail naming it says."""
    data = event.data
    regions = uow.known_regions
    known = regions.get(data["slug"])
    if known is None:
        known = KnownRegion(slug=data["slug"])
        regions.add(known)
    known.name, known.active = data["name"], data["active"]


EVENT_HANDLERS: dict[HandlerKey, Handler] = {
    ("member-contact-recorded", 1): record_contact,
    ("member-joined", 2): welcome_member,
    ("member-profile-recorded", 1): community.record_profile,
    ("event-created", 1): remember_event,
    ("event-published", 1): remember_published_event,
    ("event-rejected", 1): moderation.tell_event_rejected,
    ("event-hidden", 1): set_event_aside,
    ("event-restored", 1): bring_event_back,
    # Older requests carried the link's secret; their links have long expired.
    ("password-setup-requested", 1): record_contact,
    ("registration-confirmed", 1): event_mail.confirm_registration,
    ("waitlist-promoted", 1): event_mail.announce_promotion,
    ("event-updated", 1): event_mail.announce_change,
    ("event-cancelled", 1): event_mail.announce_cancellation,
    ("match-made", 1): introduce_and_remember_match,
    ("match-feedback-recorded", 1): feedback.record_answer,
    ("registration-cancelled", 1): event_mail.forget_registration,
    ("post-published", 1): remember_and_announce_post,
    ("post-rejected", 1): moderation.tell_post_rejected,
    ("post-hidden", 1): forget_hidden_post,
    ("post-restored", 1): remember_restored_post,
    ("comment-hidden", 1): moderation.tell_comment_hidden,
    ("comment-restored", 1): moderation.tell_comment_restored,
    ("coffee-round-completed", 1): remember_coffee_round,
    ("application-decided", 1): applicants.mail_decision,
    ("group-created", 1): community.remember_group,
    ("group-member-joined", 1): community.add_to_group,
    ("group-member-left", 1): community.remove_from_group,
    ("region-named", 1): remember_region_name,
    ("talk-offered", 1): talk_mail.take_requests,
    ("talk-requested", 1): talk_mail.mail_request,
    ("talk-request-answered", 1): talk_mail.mail_answer,
    ("survey-invitation-sent", 1): collaboration_mail.invite_to_survey,
    ("survey-reminder-requested", 1): collaboration_mail.remind_of_survey,
    ("lab-participant-selected", 1): collaboration_mail.announce_lab_selection,
    ("lab-milestone-approaching", 1): collaboration_mail.remind_of_milestone,
    ("survey-closed", 1): collaboration_mail.forget_survey,
    ("resource-published", 1): collaboration_mail.remember_resource,
    ("lab-cohort-opened", 1): collaboration_mail.remember_cohort_opening,
    ("lab-cohort-closed", 1): collaboration_mail.remember_cohort_closing,
    ("resource-suggestion-declined", 1): suggestion_mail.tell_suggestion_declined,
}


def event_handlers(settings: Settings) -> dict[HandlerKey, Handler]:
    """Return every handler the worker runs: the password link's with its key, access endings."""
    mail_link = partial(
        record_contact_and_mail_password_link, link_key=settings.password_link_secret
    )
    return with_access_endings({**EVENT_HANDLERS, ("password-setup-requested", 2): mail_link})


TOMBSTONE_HANDLERS: dict[str, TombstoneHandler] = {
    "membership.member-contact": erase_member,
    "membership.applicant-contact": applicants.forget_applicant,
    "membership.member-profile": community.forget_profile,
}
