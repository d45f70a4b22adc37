"""Members' choices of what mail they get, and one-click unsubscribing."""

from notifications.adapters.links import UnsubscribeLinks
from notifications.domain import errors
from notifications.domain.preferences import CATEGORIES, Preference
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork


def preferences_of(*, uow: NotificationsUnitOfWork, member_id: str) -> dict[str, bool]:
    """Return whether the member gets each category of mail (nothing until they consent)."""
    chosen = {p.category: p.subscribed for p in uow.preferences.of(member_id)}
    return {category: chosen.get(category, False) for category in CATEGORIES}


def change_preferences(
    *, uow: NotificationsUnitOfWork, member_id: str, changes: dict[str, bool], source: str
) -> dict[str, bool]:
    """Set the member's choice for each category in `changes`; return all their choices."""
    for category, subscribed in changes.items():
        _choose(uow, member_id, category, subscribed, source)
    uow.commit()
    return preferences_of(uow=uow, member_id=member_id)


def unsubscribe(*, uow: NotificationsUnitOfWork, links: UnsubscribeLinks, token: str) -> str:
    """Unsubscribe the member a signed link names from its category; return the category."""
    member_id, category = read_link(links=links, token=token)
    _choose(uow, member_id, category, False, "unsubscribe link")
    uow.commit()
    return category


def read_link(*, links: UnsubscribeLinks, token: str) -> tuple[str, str]:
    """Return the member and category of a signed unsubscribe link."""
    member_id, category = links.read(token)
    if category not in CATEGORIES:
        raise errors.InvalidLink("this unsubscribe link is not valid", field="token")
    return member_id, category


def _choose(
    uow: NotificationsUnitOfWork, member_id: str, category: str, subscribed: bool, source: str
) -> None:
    if category not in CATEGORIES:
        raise errors.UnknownCategory(f"no mail category {category!r}", field=category)
    preferences = uow.preferences
    preference = preferences.get(member_id, category)
    if preference is None:
        preference = Preference(member_id=member_id, category=category)
        preferences.add(preference)
    preference.subscribed, preference.source, preference.changed_at = (
        subscribed,
        source,
        uow.clock.now(),
    )
