"""Use cases of the resources library: publish, suggest, moderate, save, rate, search."""

from dataclasses import dataclass, field
from typing import Any

from collaboration.domain import errors
from collaboration.domain.resources import (
    DECLINED,
    PUBLISHED,
    SUGGESTED,
    Facets,
    Favourite,
    Rating,
    Resource,
    check_body,
    check_decline_reason,
)
from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork
from qplatform.identity import Caller
from qplatform.markup import rendered
from qplatform.paging import Page, PageRequest


@dataclass
class Found:
    """One page of resources found, how many were found in all, and their facets."""

    items: list[Resource]
    total: int
    facets: Facets = field(default_factory=Facets)

    def page(self) -> Page[Resource]:
        """Return the page found, with how many were found in all."""
        return Page(self.items, self.total)


def add(*, uow: CollaborationUnitOfWork, form: dict[str, Any], caller: Caller) -> Resource:
    """Publish a resource as staff, or take a member's suggestion for moderation."""
    suggested_by = None if caller.is_staff else caller.member_id
    if not caller.is_staff and suggested_by is None:
        raise errors.NotYours("only a member may do this; use a member's token")
    return publish(uow=uow, form=form, suggested_by=suggested_by)


def publish(
    *, uow: CollaborationUnitOfWork, form: dict[str, Any], suggested_by: str | None
) -> Resource:
    """Publish a resource, or hold it for moderation when a member suggested it."""
    check_body(form.get("link"), form.get("body"))
    body = form.pop("body", None)
    now = uow.clock.now()
    resource = Resource(
        **form,
        body_markdown=body,
        body_html=rendered(body) if body else None,
        status=SUGGESTED if suggested_by else PUBLISHED,
        suggested_by=suggested_by,
        created_at=now,
        published_at=None if suggested_by else now,
    )
    uow.resources.add(resource)
    _announce(uow, resource, "resource-suggested" if suggested_by else "resource-published")
    uow.commit()
    return resource


def moderate(
    *, uow: CollaborationUnitOfWork, resource_id: str, accept: bool, reason: str | None = None
) -> Resource:
    """Publish a member's suggestion, or decline it saying why (the member is told)."""
    resource = _get(uow, resource_id)
    if resource.status != SUGGESTED:
        raise errors.AlreadyDone("the resource is not awaiting moderation")
    if accept:
        resource.status, resource.published_at = PUBLISHED, uow.clock.now()
        _announce(uow, resource, "resource-published")
    else:
        _decline(uow, resource, check_decline_reason(reason))
    uow.commit()
    return resource


def _decline(uow: CollaborationUnitOfWork, resource: Resource, reason: str) -> None:
    resource.status = DECLINED
    data = {
        "resource_id": resource.id,
        "title": resource.title,
        "suggested_by": resource.suggested_by,
        "reason": reason,
        "declined_at": uow.clock.now(),
    }
    uow.publish("resource-suggestion-declined", subject=resource.id, data=data)


def favourite(*, uow: CollaborationUnitOfWork, resource_id: str, member_id: str) -> None:
    """Save a published resource to a member's favourites, once."""
    resource = _published(uow, resource_id)
    if uow.resources.favourite(resource_id, member_id) is None:
        saved = Favourite(resource_id=resource_id, member_id=member_id, saved_at=uow.clock.now())
        uow.resources.save(saved)
        _used(uow, resource, "resource-favourited", member_id, None)
    uow.commit()


def unfavourite(*, uow: CollaborationUnitOfWork, resource_id: str, member_id: str) -> None:
    """Remove a resource from a member's favourites, if it is there."""
    saved = uow.resources.favourite(resource_id, member_id)
    if saved is not None:
        uow.resources.unsave(saved)
    uow.commit()


def rate(*, uow: CollaborationUnitOfWork, resource_id: str, member_id: str, stars: int) -> None:
    """Record a member's rating of a published resource; a new one replaces the old."""
    resource = _published(uow, resource_id)
    uow.resources.rate(Rating(resource_id=resource_id, member_id=member_id, stars=stars))
    _used(uow, resource, "resource-rated", member_id, stars)
    uow.commit()


def ratings(
    *, uow: CollaborationUnitOfWork, resource_ids: list[str]
) -> dict[str, tuple[float, int]]:
    """Return each resource's average rating and how many rated it."""
    return uow.resources.ratings(resource_ids)


def favourites(
    *, uow: CollaborationUnitOfWork, owner_id: str, caller: Caller, page: PageRequest
) -> Page[Resource]:
    """Return one page of the resources a member saved; only they and staff see it."""
    caller.ensure_may_act_for(owner_id, "see a member's favourites")
    return uow.resources.favourites(owner_id, page)


def search(
    *,
    uow: CollaborationUnitOfWork,
    args: dict[str, Any],
    page: PageRequest,
    status: str = PUBLISHED,
) -> Found:
    """Find resources by words, pillar, kind and topic, with the facets of what matched."""
    words = (args.get("q") or "").lower().split()
    found = Found(items=[], total=0)
    # The library holds hundreds of resources, not millions: matching them here keeps the
    # facets and the search one rule on every database.
    for resource in uow.resources.in_state(status):
        text = f"{resource.title} {resource.summary} {' '.join(resource.topics)}".lower()
        if not all(word in text for word in words) or not _in_facets(resource, args):
            continue
        found.facets.count(resource)
        found.items.append(resource)
    found.total = len(found.items)
    found.items = found.items[page.offset : page.offset + page.size]
    return found


def facets(*, uow: CollaborationUnitOfWork, args: dict[str, Any]) -> Facets:
    """Count the published resources a search matches, per pillar, kind and topic."""
    return search(uow=uow, args=args, page=PageRequest()).facets


def get(*, uow: CollaborationUnitOfWork, resource_id: str, caller: Caller) -> Resource:
    """Return a resource; only staff see one that is not published."""
    return _get(uow, resource_id) if caller.is_staff else _published(uow, resource_id)


def _in_facets(resource: Resource, args: dict[str, Any]) -> bool:
    return (
        args.get("pillar") in (None, resource.pillar)
        and args.get("kind") in (None, resource.kind)
        and (args.get("topic") is None or args["topic"] in resource.topics)
    )


def _get(uow: CollaborationUnitOfWork, resource_id: str) -> Resource:
    resource = uow.resources.get(resource_id)
    if resource is None:
        raise errors.ResourceNotFound("no resource has that id", field="resource_id")
    return resource


def _published(uow: CollaborationUnitOfWork, resource_id: str) -> Resource:
    resource = _get(uow, resource_id)
    if resource.status != PUBLISHED:
        raise errors.ResourceNotFound("no resource has that id", field="resource_id")
    return resource


def _announce(uow: CollaborationUnitOfWork, resource: Resource, event_type: str) -> None:
    data = {
        "resource_id": resource.id,
        "title": resource.title,
        "kind": resource.kind,
        "pillar": resource.pillar,
        "topics": resource.topics,
        "at": uow.clock.now(),
    }
    uow.publish(event_type, subject=resource.id, data=data)


def _used(
    uow: CollaborationUnitOfWork,
    resource: Resource,
    event_type: str,
    member_id: str,
    stars: int | None,
) -> None:
    data = {
        "resource_id": resource.id,
        "pillar": resource.pillar,
        "member_id": member_id,
        "rating": stars,
        "at": uow.clock.now(),
    }
    uow.publish(event_type, subject=resource.id, data=data)
