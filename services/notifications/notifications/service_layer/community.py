"""Keep notifications' copies of groups, their members and members' interests, for the digest."""

from notifications.domain.copies import KnownMember
from notifications.domain.groups import GroupPlace, KnownGroup
from notifications.domain.interests import PROFILE_TOPIC_FIELDS, interests_of, topics_of
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.messaging.handlers import ReceivedEvent


def remember_group(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a new group's name, purpose and topics."""
    data = event.data
    group = uow.known_groups.get(data["group_id"]) or KnownGroup(group_id=data["group_id"])
    group.name, group.purpose = data["name"], data["purpose"]
    group.topics, group.created_at = topics_of(data["topics"]), data["created_at"]
    uow.known_groups.add(group)


def add_to_group(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Record that a member joined a group, and when."""
    data = event.data
    if uow.group_places.get(data["group_id"], data["member_id"]) is None:
        uow.group_places.add(
            GroupPlace(group_id=data["group_id"], member_id=data["member_id"], joined_at=data["at"])
        )


def remove_from_group(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Forget a member's place in a group they left."""
    data = event.data
    uow.group_places.delete(data["group_id"], data["member_id"])


def known_member(uow: NotificationsUnitOfWork, member_id: str) -> KnownMember:
    """Return notifications' copy of a member, starting an empty one if there is none."""
    members = uow.known_members
    known = members.get(member_id)
    if known is None:
        known = KnownMember(member_id=member_id, display_name="", organisation="")
        members.add(known)
    return known


def record_profile(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep the profile fields the digest uses: name, organisation, region and interests."""
    data = event.data
    member = known_member(uow, data["member_id"])
    # Null means the member hides it, so the digest stops naming it.
    member.display_name = data["display_name"] or ""
    member.organisation = data["organisation"] or ""
    member.region = data["region"]
    member.joined_at = member.joined_at or data["joined_at"]
    member.profile_topics = {name: list(data[name] or []) for name in PROFILE_TOPIC_FIELDS}
    member.interests = interests_of(member.profile_topics)


def forget_profile(uow: NotificationsUnitOfWork, member_id: str) -> None:
    """Erase notifications' copy of a member's profile, at the tombstone of their erasure."""
    uow.known_members.delete(member_id)


def forget_places(uow: NotificationsUnitOfWork, member_id: str) -> None:
    """Drop an erased member from every group."""
    uow.group_places.delete_all_of(member_id)
