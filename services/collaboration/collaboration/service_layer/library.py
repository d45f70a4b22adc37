"""Use cases of the resources library: publish, suggest, moderate, save, rate, search."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from collaboration.domain import errors
from collaboration.domain.model import now
from collaboration.domain.resources import (
    DECLINED,
    PUBLISHED,
    SUGGESTED,
    Facets,
    Favourite,
    Rating,
    Resource,
    check_body,
)
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.markup import rendered


@dataclass
class Found:
    """One page of resources found, and the facets of everything found."""

    items: list[Resource]
    total: int
    facets: Facets = field(default_factory=Facets)


def add(*, uow: UnitOfWork, form: dict[str, Any], suggested_by: str | None) -> Resource:
    """Publish a resource as staff, or take a member's suggestion for moderation."""
    check_body(form.get("link"), form.get("body"))
    body = form.pop("body", None)
    resource = Resource(
        **form,
        body_markdown=body,
        body_html=rendered(body) if body else None,
        status=SUGGESTED if suggested_by else PUBLISHED,
        suggested_by=suggested_by,
        published_at=None if suggested_by else now(),
    )
    uow.session.add(resource)
    uow.session.flush()
    _announce(uow, resource, "resource-suggested" if suggested_by else "resource-published")
    uow.commit()
    return resource


def moderate(*, uow: UnitOfWork, resource_id: str, accept: bool) -> Resource:
    """Publish or decline a member's suggestion."""
    resource = _get(uow, resource_id)
    if resource.status != SUGGESTED:
        raise errors.AlreadyDone("the resource is not awaiting moderation")
    if not accept:
        resource.status = DECLINED
    else:
        resource.status, resource.published_at = PUBLISHED, now()
        _announce(uow, resource, "resource-published")
    uow.commit()
    return resource


def favourite(*, uow: UnitOfWork, resource_id: str, member_id: str) -> None:
    """Save a published resource to a member's favourites, once."""
    resource = _published(uow, resource_id)
    if uow.session.get(Favourite, (resource_id, member_id)) is None:
        uow.session.add(Favourite(resource_id=resource_id, member_id=member_id))
        _used(uow, resource, "resource-favourited", member_id, None)
    uow.commit()


def unfavourite(*, uow: UnitOfWork, resource_id: str, member_id: str) -> None:
    """Remove a resource from a member's favourites, if it is there."""
    saved = uow.session.get(Favourite, (resource_id, member_id))
    if saved is not None:
        uow.session.delete(saved)
    uow.commit()


def rate(*, uow: UnitOfWork, resource_id: str, member_id: str, stars: int) -> None:
    """Record a member's rating of a published resource; a new one replaces the old."""
    resource = _published(uow, resource_id)
    uow.session.merge(Rating(resource_id=resource_id, member_id=member_id, stars=stars))
    _used(uow, resource, "resource-rated", member_id, stars)
    uow.commit()


def ratings(*, uow: UnitOfWork, resource_ids: list[str]) -> dict[str, tuple[float, int]]:
    """Return each resource's average rating and how many rated it."""
    query = (
        select(Rating.resource_id, func.avg(Rating.stars), func.count())
        .where(Rating.resource_id.in_(resource_ids))
        .group_by(Rating.resource_id)
    )
    return {row[0]: (round(float(row[1]), 2), row[2]) for row in uow.session.execute(query)}


def favourites(*, uow: UnitOfWork, member_id: str) -> list[Resource]:
    """Return the resources a member saved."""
    query = select(Resource).join(Favourite).where(Favourite.member_id == member_id)
    return list(uow.session.scalars(query.order_by(Resource.title)))


def search(*, uow: UnitOfWork, args: dict[str, Any], status: str = PUBLISHED) -> Found:
    """Find resources by words, pillar, kind and topic, with the facets of what matched."""
    query = select(Resource).where(Resource.status == status).order_by(Resource.title)
    words = (args.get("q") or "").lower().split()
    found = Found(items=[], total=0)
    # The library holds hundreds of resources, not millions: matching them here keeps the
    # facets and the search one rule on every database.
    for resource in uow.session.scalars(query):
        text = f"{resource.title} {resource.summary} {' '.join(resource.topics)}".lower()
        if not all(word in text for word in words) or not _in_facets(resource, args):
            continue
        found.facets.count(resource)
        found.items.append(resource)
    found.total = len(found.items)
    start = (args["page"] - 1) * args["page_size"]
    found.items = found.items[start : start + args["page_size"]]
    return found


def get(*, uow: UnitOfWork, resource_id: str, reader_is_staff: bool) -> Resource:
    """Return a resource; only staff see one that is not published."""
    return _get(uow, resource_id) if reader_is_staff else _published(uow, resource_id)


def _in_facets(resource: Resource, args: dict[str, Any]) -> bool:
    return (
        args.get("pillar") in (None, resource.pillar)
        and args.get("kind") in (None, resource.kind)
        and (args.get("topic") is None or args["topic"] in resource.topics)
    )


def _get(uow: UnitOfWork, resource_id: str) -> Resource:
    resource = uow.session.get(Resource, resource_id)
    if resource is None:
        raise errors.ResourceNotFound("no resource has that id", field="resource_id")
    return resource


def _published(uow: UnitOfWork, resource_id: str) -> Resource:
    resource = _get(uow, resource_id)
    if resource.status != PUBLISHED:
        raise errors.ResourceNotFound("no resource has that id", field="resource_id")
    return resource


def _announce(uow: UnitOfWork, resource: Resource, event_type: str) -> None:
    data = {
        "resource_id": resource.id,
        "title": resource.title,
        "kind": resource.kind,
        "pillar": resource.pillar,
        "topics": resource.topics,
        "at": now(),
    }
    uow.publish(event_type, subject=resource.id, data=data)


def _used(
    uow: UnitOfWork, resource: Resource, event_type: str, member_id: str, stars: int | None
) -> None:
    data = {
        "resource_id": resource.id,
        "pillar": resource.pillar,
        "member_id": member_id,
        "rating": stars,
        "at": now(),
    }
    uow.publish(event_type, subject=resource.id, data=data)
