"""Use cases of special interest groups: start one, join, leave, list its members."""

from membership.domain import errors
from membership.domain.groups import GroupMembership, InterestGroup
from membership.service_layer.members import get_member
from membership.service_layer.profiles import public_profiles
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.identity import Caller
from qplatform.paging import Page, PageRequest


def start_group(
    *, uow: MembershipUnitOfWork, founder: str, name: str, purpose: str, topics: list[str]
) -> InterestGroup:
    """Start a group, with its founder as its first member."""
    get_member(uow=uow, member_id=founder)
    uow.hold(f"group:{name}")
    if uow.groups.named(name):
        raise errors.GroupExists(f"a group called '{name}' already exists", field="name")
    group = InterestGroup(
        name=name, purpose=purpose, topics=topics, created_by=founder, created_at=uow.clock.now()
    )
    uow.groups.add(group)
    uow.flush()
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


def join_group(*, uow: MembershipUnitOfWork, group_id: str, member_id: str) -> InterestGroup:
    """Add a member to a group."""
    group = get_group(uow=uow, group_id=group_id, lock=True)
    get_member(uow=uow, member_id=member_id)
    if uow.groups.place(group_id, member_id):
        raise errors.AlreadyInGroup("the member is already in this group")
    _add(uow, group, member_id)
    uow.commit()
    return group


def leave_group(
    *, uow: MembershipUnitOfWork, group_id: str, member_id: str, caller: Caller
) -> None:
    """Take a member out of a group (the member themselves or staff)."""
    caller.ensure_may_act_for(member_id, "take them out of a group")
    get_group(uow=uow, group_id=group_id, lock=True)
    place = uow.groups.place(group_id, member_id)
    if place is None:
        raise errors.NotInGroup("the member is not in this group")
    uow.groups.remove_place(place)
    data = {"group_id": group_id, "member_id": member_id, "at": uow.clock.now()}
    uow.publish("group-member-left", subject=group_id, data=data)
    uow.commit()


def get_group(*, uow: MembershipUnitOfWork, group_id: str, lock: bool = False) -> InterestGroup:
    """Return the group with `group_id`; `lock` it to change who is in it."""
    group = uow.groups.get(group_id, lock=lock)
    if group is None:
        raise errors.GroupNotFound("no group with that id")
    return group


def list_groups(*, uow: MembershipUnitOfWork, page: PageRequest) -> Page[InterestGroup]:
    """Return a page of the groups, by name."""
    return uow.groups.listed(page)


def group_members(
    *, uow: MembershipUnitOfWork, group_id: str, page: PageRequest
) -> Page[dict[str, object]]:
    """Return a page of the public profiles of a group's members, by name."""
    get_group(uow=uow, group_id=group_id)
    found = uow.groups.member_ids(group_id, page)
    return Page(public_profiles(uow, list(found.items)), found.total)


def forget_member(uow: MembershipUnitOfWork, member_id: str) -> None:
    """Drop an erased member from every group, without announcing each one."""
    uow.groups.forget_member(member_id)


def _add(uow: MembershipUnitOfWork, group: InterestGroup, member_id: str) -> None:
    moment = uow.clock.now()
    uow.groups.add_place(GroupMembership(group_id=group.id, member_id=member_id, joined_at=moment))
    data = {"group_id": group.id, "member_id": member_id, "at": moment}
    uow.publish("group-member-joined", subject=group.id, data=data)
