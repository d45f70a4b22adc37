"""Read what happened in special interest groups last month, for the digest."""

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from notifications.domain.digest import Month, group_entry, started_group_entry
from notifications.domain.groups import GroupPlace, KnownGroup
from notifications.domain.personal import GROUPS_LISTED, NEW_GROUPS_LISTED, GroupNews, InterestPicks


def read_group_news(session: Session, month: Month) -> GroupNews:
    """Return each group's members and joiners of last month, and the groups it started."""
    since, until = month.previous.starts_at, month.starts_at
    members = _places_per_group(session)
    joined = _places_per_group(session, GroupPlace.joined_at >= since, GroupPlace.joined_at < until)
    groups = session.scalars(select(KnownGroup).where(KnownGroup.created_at < until)).all()
    activity = {
        g.group_id: group_entry(g, members.get(g.group_id, 0), joined.get(g.group_id, 0))
        for g in groups
    }
    started = [
        (started_group_entry(group), group.topics)
        for group in sorted(groups, key=lambda g: (g.created_at, g.name))
        if group.created_at >= since
    ]
    picks = InterestPicks(started, limit=GROUPS_LISTED + NEW_GROUPS_LISTED, fill=False)
    return GroupNews(activity, picks)


def _places_per_group(session: Session, *conditions: ColumnElement[bool]) -> dict[str, int]:
    query = select(GroupPlace.group_id, func.count()).where(*conditions)
    rows = session.execute(query.group_by(GroupPlace.group_id))
    return {group_id: count for group_id, count in rows}
