"""Read what happened in special interest groups last month, for the digest."""

from notifications.domain.digest import Month, group_entry, started_group_entry
from notifications.domain.personal import GROUPS_LISTED, NEW_GROUPS_LISTED, GroupNews, InterestPicks
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork


def read_group_news(uow: NotificationsUnitOfWork, month: Month) -> GroupNews:
    """Return each group's members and joiners of last month, and the groups it started."""
    since, until = month.previous.starts_at, month.starts_at
    members = uow.group_places.members_per_group()
    joined = uow.group_places.joined_per_group(since, until)
    groups = uow.known_groups.created_before(until)
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
