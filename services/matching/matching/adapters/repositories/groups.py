"""Repository of matching's copy of special interest groups and who is in them."""

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from matching.domain.groups import GroupMember, InterestGroup


class InterestGroups:
    """Groups and their members, as membership announced them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def keep(self, group: InterestGroup) -> None:
        """Add `group`, or replace the copy kept of it."""
        self._session.merge(group)

    def get(self, group_id: str) -> InterestGroup | None:
        return self._session.get(InterestGroup, group_id)

    def join(self, group_id: str, member_id: str) -> None:
        """Put `member_id` in the group, once; a group never announced is ignored."""
        if self.get(group_id) is None:
            return
        if self._session.get(GroupMember, (group_id, member_id)) is None:
            self._session.add(GroupMember(group_id=group_id, member_id=member_id))

    def leave(self, group_id: str, member_id: str) -> None:
        """Take `member_id` out of the group."""
        self._session.execute(
            delete(GroupMember).where(
                GroupMember.group_id == group_id, GroupMember.member_id == member_id
            )
        )

    def forget_member(self, member_id: str) -> None:
        """Take `member_id` out of every group."""
        self._session.execute(delete(GroupMember).where(GroupMember.member_id == member_id))

    def joined_by(self, member_id: str) -> set[str]:
        """Return the ids of the groups `member_id` is in."""
        query = select(GroupMember.group_id).where(GroupMember.member_id == member_id)
        return set(self._session.scalars(query))

    def with_sizes(self) -> Sequence[tuple[InterestGroup, int]]:
        """Return every group with how many members it has."""
        query = (
            select(InterestGroup, func.count(GroupMember.member_id))
            .outerjoin(GroupMember, GroupMember.group_id == InterestGroup.group_id)
            .group_by(InterestGroup.group_id)
            .order_by(InterestGroup.name)
        )
        return [(group, count) for group, count in self._session.execute(query)]
