"""Staff write a month's editorial and opportunities, until its digest is queued."""

from typing import Any

from notifications.domain.digest import Month
from notifications.domain.edition import DigestEdition, opportunity, plain
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.errors import Conflict


def write_edition(
    *,
    uow: NotificationsUnitOfWork,
    month: Month,
    editorial: str,
    opportunities: list[dict[str, Any]],
) -> DigestEdition:
    """Keep what staff wrote for `month`'s digest, as plain text; refuse once it is queued."""
    if uow.digest_runs.get(month.name) is not None:
        raise Conflict(f"the digest of {month.name} is already queued", field="month")
    edition = uow.digest_editions.get(month.name) or DigestEdition(month=month.name)
    edition.editorial = plain(editorial)
    edition.opportunities = [
        opportunity(o["title"], o.get("description") or "", o.get("url")) for o in opportunities
    ]
    edition.updated_at = uow.clock.now()
    uow.digest_editions.add(edition)
    uow.commit()
    return edition


def edition_of(*, uow: NotificationsUnitOfWork, month: Month) -> DigestEdition:
    """Return what staff wrote for `month`'s digest; an empty edition if nothing yet."""
    found = uow.digest_editions.get(month.name)
    return found or DigestEdition(month=month.name, editorial="", opportunities=[])


def edition_context(uow: NotificationsUnitOfWork, month: Month) -> dict[str, Any]:
    """Return what every digest of `month` shows of its edition."""
    return edition_of(uow=uow, month=month).context()
