"""What matching does when other services' events arrive."""

import uuid

from matching.domain.groups import InterestGroup
from matching.domain.model import MemberDetails, Participant
from matching.domain.offers import LAB_COHORT, RESOURCE, Offer
from matching.domain.upcoming import UpcomingEvent
from matching.service_layer.unit_of_work import MatchingUnitOfWork
from qplatform.messaging.handlers import Handler, HandlerKey, ReceivedEvent, TombstoneHandler

# Fields a member may hide: hidden (null) means matching forgets its copy.
TEXT_FIELDS = ("display_name", "organisation", "job_title")
LIST_FIELDS = ("expertise", "interests")


def add_participant(uow: MatchingUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a member as a coffee-trial participant from their profile, or refresh the copy."""
    data = event.data
    details = MemberDetails(
        member_id=data["member_id"],
        region=data["region"],
        joined_at=data["joined_at"],
        **{name: data[name] or "" for name in TEXT_FIELDS},
    )
    participants, now = uow.participants, uow.clock.now()
    participant = participants.get(details.member_id)
    if participant is None:
        opted_in = bool(data.get("coffee_trials", False))
        participant = Participant.joining(details, opted_in=opted_in, at=now)
        participants.add(participant)
    elif participant.left:
        return
    else:
        # The same member's profile again (a change, or a replay): update, never duplicate.
        participant.record(details, at=now)
    participant.change({name: sorted(set(data[name] or [])) for name in LIST_FIELDS}, at=now)


def remove_participant(uow: MatchingUnitOfWork, event: ReceivedEvent) -> None:
    """Take a member who left out of rounds and groups, and anonymise them in the history."""
    erase_participant(uow, event.data["member_id"])


def erase_participant(uow: MatchingUnitOfWork, member_id: str) -> None:
    """Take an erased member out of rounds and groups, keeping nothing personal about them."""
    uow.groups.forget_member(member_id)
    participant = uow.participants.get(member_id)
    if participant is None or participant.left:
        return
    participant.leave(at=uow.clock.now())
    uow.never_pairs.forget(member_id)
    # One alias everywhere, so past rounds can still be paired again from their snapshots.
    alias = f"former-member-{uuid.uuid4()}"
    uow.matches.rename_member(member_id, alias)
    uow.snapshots.anonymise(member_id, alias)


def keep_event(uow: MatchingUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a published Q event to suggest; a member's event still awaiting moderation waits."""
    data = event.data
    if data.get("status") not in (None, "published"):
        return
    uow.upcoming_events.keep(
        UpcomingEvent(
            event_id=data["event_id"],
            title=data["title"],
            kind=data["kind"],
            region=data.get("region"),
            starts_at=data["starts_at"],
            topics=sorted(set(data.get("topics") or [])),
        )
    )


def forget_event(uow: MatchingUnitOfWork, event: ReceivedEvent) -> None:
    """Stop suggesting a cancelled event."""
    uow.upcoming_events.forget(event.data["event_id"])


def keep_group(uow: MatchingUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a new special interest group to suggest."""
    data = event.data
    uow.groups.keep(
        InterestGroup(
            group_id=data["group_id"],
            name=data["name"],
            purpose=data.get("purpose") or "",
            topics=sorted(set(data.get("topics") or [])),
        )
    )


def join_group(uow: MatchingUnitOfWork, event: ReceivedEvent) -> None:
    """Record that a member joined a group."""
    uow.groups.join(event.data["group_id"], event.data["member_id"])


def leave_group(uow: MatchingUnitOfWork, event: ReceivedEvent) -> None:
    """Record that a member left a group."""
    uow.groups.leave(event.data["group_id"], event.data["member_id"])


def keep_resource(uow: MatchingUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a resource the library published, to suggest it."""
    data = event.data
    uow.offers.keep(
        Offer(
            offer_id=data["resource_id"],
            kind=RESOURCE,
            title=data["title"],
            topics=sorted(set(data["topics"])),
        )
    )


def keep_cohort(uow: MatchingUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a Lab cohort staff opened, to suggest it while it is open."""
    data = event.data
    topics = sorted(set(data.get("topics") or []))
    uow.offers.keep(
        Offer(offer_id=data["cohort_id"], kind=LAB_COHORT, title=data["problem"], topics=topics)
    )


def forget_cohort(uow: MatchingUnitOfWork, event: ReceivedEvent) -> None:
    """Stop suggesting a Lab cohort staff closed."""
    uow.offers.forget(event.data["cohort_id"])


EVENT_HANDLERS: dict[HandlerKey, Handler] = {
    ("member-profile-recorded", 1): add_participant,
    ("member-left", 1): remove_participant,
    ("event-created", 1): keep_event,
    ("event-published", 1): keep_event,
    ("event-cancelled", 1): forget_event,
    ("group-created", 1): keep_group,
    ("group-member-joined", 1): join_group,
    ("group-member-left", 1): leave_group,
    ("resource-published", 1): keep_resource,
    ("lab-cohort-opened", 1): keep_cohort,
    ("lab-cohort-closed", 1): forget_cohort,
}

# The restricted profile topic's tombstone follows member-left; it erases a copy that a
# late profile record made after the member had left.
TOMBSTONE_HANDLERS: dict[str, TombstoneHandler] = {"membership.member-profile": erase_participant}
