"""Special interest groups and who is in them, as the service layer finds and keeps them."""

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from membership.domain.groups import GroupMembership, InterestGroup
from membership.domain.model import Member
from qplatform.paging import Page, PageRequest


class Groups:
    """Special interest groups and their members' places in them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, group: InterestGroup) -> None:
        """Keep a new group."""
        self._session.add(group)

    def get(self, group_id: str, *, lock: bool = False) -> InterestGroup | None:
        """Return a group; with `lock`, hold its row until the transaction ends."""
        return self._session.get(InterestGroup, group_id, with_for_update=lock)

    def named(self, name: str) -> InterestGroup | None:
        """Return the group called `name`, if any."""
        return self._session.scalars(
            select(InterestGroup).where(InterestGroup.name == name)
        ).first()

    def listed(self, page: PageRequest) -> Page[InterestGroup]:
        """Return a page of the groups, by name."""
        total = self._session.scalar(select(func.count()).select_from(InterestGroup))
        query = select(InterestGroup).order_by(InterestGroup.name, InterestGroup.id)
        found = self._session.scalars(query.offset(page.offset).limit(page.size))
        return Page(list(found), int(total or 0))

    def place(self, group_id: str, member_id: str) -> GroupMembership | None:
        """Return a member's place in a group, if they are in it."""
        return self._session.get(GroupMembership, (group_id, member_id))

    def add_place(self, place: GroupMembership) -> None:
        """Put a member in a group."""
        self._session.add(place)

    def remove_place(self, place: GroupMembership) -> None:
        """Take a member out of a group."""
        self._session.delete(place)

    def member_ids(self, group_id: str, page: PageRequest) -> Page[str]:
        """Return a page of the ids of a group's members, by name."""
        query = (
            select(Member.id)
            .join(GroupMembership, GroupMembership.member_id == Member.id)
            .where(GroupMembership.group_id == group_id)
        )
        total = self._session.scalar(select(func.count()).select_from(query.subquery()))
        ordered = query.order_by(Member.display_name, Member.id)
        found = self._session.scalars(ordered.offset(page.offset).limit(page.size))
        return Page(list(found), int(total or 0))

    def forget_member(self, member_id: str) -> None:
        """Take a member out of every group."""
        self._session.execute(delete(GroupMembership).where(GroupMembership.member_id == member_id))
