"""Repositories of special interest groups and members' places in them."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from notifications.domain.groups import GroupPlace, KnownGroup


class KnownGroups:
    """Groups remembered for the digest."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, group: KnownGroup) -> None:
        self._session.add(group)

    def get(self, group_id: str) -> KnownGroup | None:
        return self._session.get(KnownGroup, group_id)

    def created_before(self, moment: datetime) -> Sequence[KnownGroup]:
        """Return the groups created before `moment`."""
        query = select(KnownGroup).where(KnownGroup.created_at < moment)
        return self._session.scalars(query).all()


class GroupPlaces:
    """Members' places in groups."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, place: GroupPlace) -> None:
        self._session.add(place)

    def get(self, group_id: str, member_id: str) -> GroupPlace | None:
        return self._session.get(GroupPlace, (group_id, member_id))

    def delete(self, group_id: str, member_id: str) -> None:
        query = delete(GroupPlace).where(
            GroupPlace.group_id == group_id, GroupPlace.member_id == member_id
        )
        self._session.execute(query)

    def delete_all_of(self, member_id: str) -> None:
        self._session.execute(delete(GroupPlace).where(GroupPlace.member_id == member_id))

    def members_per_group(self) -> dict[str, int]:
        """Return how many members each group has."""
        return self._per_group()

    def joined_per_group(self, since: datetime, until: datetime) -> dict[str, int]:
        """Return how many members joined each group from `since` to before `until`."""
        return self._per_group(GroupPlace.joined_at >= since, GroupPlace.joined_at < until)

    def _per_group(self, *conditions: ColumnElement[bool]) -> dict[str, int]:
        query = select(GroupPlace.group_id, func.count()).where(*conditions)
        rows = self._session.execute(query.group_by(GroupPlace.group_id))
        return {group_id: count for group_id, count in rows}

    def groups_by_member_between(self, first: str, last: str) -> dict[str, list[str]]:
        """Return the groups of each member whose id sorts from `first` to `last`."""
        query = select(GroupPlace.member_id, GroupPlace.group_id).where(
            GroupPlace.member_id.between(first, last)
        )
        groups: dict[str, list[str]] = {}
        for member_id, group_id in self._session.execute(query):
            groups.setdefault(member_id, []).append(group_id)
        return groups
