"""Keep notifications' copies of groups, their members and members' interests, for the digest."""

from sqlalchemy import delete

from notifications.adapters.copies import KnownMembers
from notifications.domain.groups import GroupPlace, KnownGroup
from notifications.domain.interests import PROFILE_TOPIC_FIELDS, interests_of, topics_of
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.consumer import ReceivedEvent

ALWAYS_SHOWN = ("display_name", "region")


def remember_group(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Keep a new group's name, purpose and topics."""
    data = event.data
    group = uow.session.get(KnownGroup, data["group_id"]) or KnownGroup(group_id=data["group_id"])
    group.name, group.purpose = data["name"], data["purpose"]
    group.topics, group.created_at = topics_of(data["topics"]), data["created_at"]
    uow.session.add(group)


def add_to_group(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Record that a member joined a group, and when."""
    data = event.data
    if uow.session.get(GroupPlace, (data["group_id"], data["member_id"])) is None:
        uow.session.add(
            GroupPlace(group_id=data["group_id"], member_id=data["member_id"], joined_at=data["at"])
        )


def remove_from_group(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Forget a member's place in a group they left."""
    data = event.data
    uow.session.execute(
        delete(GroupPlace).where(
            GroupPlace.group_id == data["group_id"], GroupPlace.member_id == data["member_id"]
        )
    )


def update_profile(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Keep the profile fields the digest uses: name, organisation, region and interests."""
    data = event.data
    member = KnownMembers(uow.session).get(data["member_id"])
    if member is None:
        return
    for name in ALWAYS_SHOWN:
        if data.get(name) is not None:
            setattr(member, name, data[name])
    if "organisation" in data:
        # Null means the member now hides it, so the digest stops naming it.
        member.organisation = data["organisation"] or ""
    changed = {name: list(data[name] or []) for name in PROFILE_TOPIC_FIELDS if name in data}
    if changed:
        member.profile_topics = {**(member.profile_topics or {}), **changed}
        member.interests = interests_of(member.profile_topics)


def forget_places(uow: UnitOfWork, member_id: str) -> None:
    """Drop an erased member from every group."""
    uow.session.execute(delete(GroupPlace).where(GroupPlace.member_id == member_id))
