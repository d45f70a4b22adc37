"""Use cases of special interest groups: start one, join, leave, list its members."""

from sqlalchemy import delete, select

from membership.adapters.storage import hold
from membership.domain import errors
from membership.domain.groups import GroupMembership, InterestGroup
from membership.domain.model import Member, now
from membership.service_layer.members import get_member
from membership.service_layer.profiles import public_profiles
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.identity import Caller


def start_group(
    *, uow: UnitOfWork, founder: str, name: str, purpose: str, topics: list[str]
) -> InterestGroup:
    """Start a group, with its founder as its first member."""
    get_member(uow=uow, member_id=founder)
    hold(uow.session, f"group:{name}")
    if uow.session.scalars(select(InterestGroup).where(InterestGroup.name == name)).first():
        raise errors.GroupExists(f"a group called '{name}' already exists", field="name")
    group = InterestGroup(name=name, purpose=purpose, topics=topics, created_by=founder)
    uow.session.add(group)
    uow.session.flush()
    uow.publish(
        "group-created",
        subject=group.id,
        data={
            "group_id": group.id,
            "name": name,
            "purpose": purpose,
            "topics": topics,
            "created_by": founder,
            "created_at": group.created_at,
        },
    )
    _add(uow, group, founder)
    uow.commit()
    return group


def join_group(*, uow: UnitOfWork, group_id: str, member_id: str) -> InterestGroup:
    """Add a member to a group."""
    group = get_group(uow=uow, group_id=group_id, lock=True)
    get_member(uow=uow, member_id=member_id)
    if uow.session.get(GroupMembership, (group_id, member_id)):
        raise errors.AlreadyInGroup("the member is already in this group")
    _add(uow, group, member_id)
    uow.commit()
    return group


def leave_group(*, uow: UnitOfWork, group_id: str, member_id: str, caller: Caller) -> None:
    """Take a member out of a group (the member themselves or staff)."""
    if not caller.is_staff and caller.member_id != member_id:
        raise errors.NotYourProfile("only the member and staff take them out of a group")
    get_group(uow=uow, group_id=group_id, lock=True)
    place = uow.session.get(GroupMembership, (group_id, member_id))
    if place is None:
        raise errors.NotInGroup("the member is not in this group")
    uow.session.delete(place)
    data = {"group_id": group_id, "member_id": member_id, "at": now()}
    uow.publish("group-member-left", subject=group_id, data=data)
    uow.commit()


def get_group(*, uow: UnitOfWork, group_id: str, lock: bool = False) -> InterestGroup:
    """Return the group with `group_id`; `lock` it to change who is in it."""
    group = uow.session.get(InterestGroup, group_id, with_for_update=lock)
    if group is None:
        raise errors.GroupNotFound("no group with that id")
    return group


def list_groups(*, uow: UnitOfWork) -> list[InterestGroup]:
    """Return every group, by name."""
    return list(uow.session.scalars(select(InterestGroup).order_by(InterestGroup.name)))


def group_members(*, uow: UnitOfWork, group_id: str) -> list[dict[str, object]]:
    """Return the public profiles of a group's members, by name."""
    get_group(uow=uow, group_id=group_id)
    query = (
        select(Member.id)
        .join(GroupMembership, GroupMembership.member_id == Member.id)
        .where(GroupMembership.group_id == group_id)
        .order_by(Member.display_name, Member.id)
    )
    return public_profiles(uow, list(uow.session.scalars(query)))


def forget_member(uow: UnitOfWork, member_id: str) -> None:
    """Drop an erased member from every group, without announcing each one."""
    uow.session.execute(delete(GroupMembership).where(GroupMembership.member_id == member_id))


def _add(uow: UnitOfWork, group: InterestGroup, member_id: str) -> None:
    uow.session.add(GroupMembership(group_id=group.id, member_id=member_id, joined_at=now()))
    data = {"group_id": group.id, "member_id": member_id, "at": now()}
    uow.publish("group-member-joined", subject=group.id, data=data)
