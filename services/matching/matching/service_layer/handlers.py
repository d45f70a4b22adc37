"""What matching does when other services' events arrive."""

import uuid

from matching.adapters.group_storage import InterestGroups
from matching.adapters.round_storage import Matches
from matching.adapters.snapshot_storage import Snapshots
from matching.adapters.storage import NeverPairs, Participants, UpcomingEvents
from matching.domain.groups import InterestGroup
from matching.domain.model import MemberDetails, Participant
from matching.domain.upcoming import UpcomingEvent
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.consumer import Handler, HandlerKey, ReceivedEvent

# Fields a member may hide: hidden (null) means matching forgets its copy.
TEXT_FIELDS = ("display_name", "organisation", "job_title")
LIST_FIELDS = ("expertise", "interests")


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
        # Taking part is the member's own choice at joining; no choice given means no.
        chose = bool(event.data.get("coffee_trials", False))
        participants.add(Participant.joining(details, opted_in=chose))
    else:
        # The same member announced again (a replay or a re-sent event): update, never duplicate.
        participant.record(details)


def update_participant(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Take the fields a member changed in their profile; ignore members not known yet."""
    participant = Participants(uow.session).get(event.data["member_id"])
    if participant is None or participant.left:
        return
    data = event.data
    changes: dict[str, object] = {name: data[name] or "" for name in TEXT_FIELDS if name in data}
    if data.get("region"):
        changes["region"] = data["region"]
    changes.update({name: sorted(set(data[name] or [])) for name in LIST_FIELDS if name in data})
    participant.change(changes)


def remove_participant(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Take a member who left out of rounds and groups, and anonymise them in the history."""
    member_id = event.data["member_id"]
    InterestGroups(uow.session).forget_member(member_id)
    participant = Participants(uow.session).get(member_id)
    if participant is None or participant.left:
        return
    participant.leave()
    NeverPairs(uow.session).forget(member_id)
    # One alias everywhere, so past rounds can still be paired again from their snapshots.
    alias = f"former-member-{uuid.uuid4()}"
    Matches(uow.session).rename_member(member_id, alias)
    Snapshots(uow.session).anonymise(member_id, alias)


def keep_event(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Keep a published Q event to suggest; a member's event still awaiting moderation waits."""
    data = event.data
    if data.get("status") not in (None, "published"):
        return
    UpcomingEvents(uow.session).keep(
        UpcomingEvent(
            event_id=data["event_id"],
            title=data["title"],
            kind=data["kind"],
            region=data.get("region"),
            starts_at=data["starts_at"],
            topics=sorted(set(data.get("topics") or [])),
        )
    )


def forget_event(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Stop suggesting a cancelled event."""
    UpcomingEvents(uow.session).forget(event.data["event_id"])


def keep_group(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Keep a new special interest group to suggest."""
    data = event.data
    InterestGroups(uow.session).keep(
        InterestGroup(
            group_id=data["group_id"],
            name=data["name"],
            purpose=data.get("purpose") or "",
            topics=sorted(set(data.get("topics") or [])),
        )
    )


def join_group(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Record that a member joined a group."""
    InterestGroups(uow.session).join(event.data["group_id"], event.data["member_id"])


def leave_group(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Record that a member left a group."""
    InterestGroups(uow.session).leave(event.data["group_id"], event.data["member_id"])


EVENT_HANDLERS: dict[HandlerKey, Handler] = {
    ("member-joined", 1): add_participant,
    ("member-profile-updated", 1): update_participant,
    ("member-left", 1): remove_participant,
    ("event-created", 1): keep_event,
    ("event-published", 1): keep_event,
    ("event-cancelled", 1): forget_event,
    ("group-created", 1): keep_group,
    ("group-member-joined", 1): join_group,
    ("group-member-left", 1): leave_group,
}
