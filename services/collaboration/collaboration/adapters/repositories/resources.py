"""The library's resources, members' favourites and ratings, as the service layer finds them."""

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from collaboration.adapters.repositories import one_page
from collaboration.domain.resources import Favourite, Rating, Resource
from qplatform.paging import Page, PageRequest


class Resources:
    """The library: its resources and what members saved and rated."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, resource: Resource) -> None:
        """Keep a new resource, giving it its id."""
        self._session.add(resource)
        self._session.flush()

    def get(self, resource_id: str) -> Resource | None:
        """Return the resource with that id, if any."""
        return self._session.get(Resource, resource_id)

    def slugs(self) -> set[str]:
        """Return the slug of every resource that has one (the seeded cards)."""
        query = select(Resource.slug).where(Resource.slug.is_not(None))
        return {slug for slug in self._session.scalars(query) if slug}

    def in_state(self, status: str) -> Iterable[Resource]:
        """Return every resource in `status`, by title."""
        query = select(Resource).where(Resource.status == status).order_by(Resource.title)
        return self._session.scalars(query)

    def favourite(self, resource_id: str, member_id: str) -> Favourite | None:
        """Return a member's save of a resource, if they saved it."""
        return self._session.get(Favourite, (resource_id, member_id))

    def save(self, favourite: Favourite) -> None:
        """Keep a member's save of a resource."""
        self._session.add(favourite)

    def unsave(self, favourite: Favourite) -> None:
        """Drop a member's save of a resource."""
        self._session.delete(favourite)

    def favourites(self, member_id: str, page: PageRequest) -> Page[Resource]:
        """Return one page of the resources a member saved, by title."""
        query = select(Resource).join(Favourite).where(Favourite.member_id == member_id)
        return one_page(self._session, query.order_by(Resource.title), page)

    def rate(self, rating: Rating) -> None:
        """Keep a member's rating of a resource, replacing theirs."""
        self._session.merge(rating)

    def ratings(self, resource_ids: Sequence[str]) -> dict[str, tuple[float, int]]:
        """Return each resource's average rating and how many rated it."""
        query = (
            select(Rating.resource_id, func.avg(Rating.stars), func.count())
            .where(Rating.resource_id.in_(list(resource_ids)))
            .group_by(Rating.resource_id)
        )
        return {row[0]: (round(float(row[1]), 2), row[2]) for row in self._session.execute(query)}

    def forget_member(self, member_id: str) -> None:
        """Drop a leaver's saves and ratings, and unlink them from what they suggested."""
        self._session.execute(delete(Favourite).where(Favourite.member_id == member_id))
        self._session.execute(delete(Rating).where(Rating.member_id == member_id))
        self._session.execute(
            update(Resource).where(Resource.suggested_by == member_id).values(suggested_by=None)
        )
