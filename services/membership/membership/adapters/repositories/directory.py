"""The member directory's entries and expertise list, searched the same on SQLite and PostgreSQL."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from membership.adapters.directory_matching import conditions
from membership.adapters.directory_words import count_words, recount_words, word_grid
from membership.domain.directory import (
    DirectoryEntry,
    DirectoryTally,
    ExpertiseArea,
    tally_keys,
)
from qplatform.paging import PageRequest

Entry = DirectoryEntry


@dataclass(frozen=True)
class DirectoryQuery:
    """A directory search: free text, filters, and the page asked for."""

    text: str = ""
    region: str | None = None
    expertise: str | None = None
    role: str | None = None
    organisation: str | None = None
    page: PageRequest = field(default_factory=PageRequest)


@dataclass(frozen=True)
class DirectoryPage:
    """One page of member ids, the number of matches, and counts per region and expertise."""

    member_ids: list[str]
    total: int
    facets: dict[str, dict[str, int]]


class DirectoryEntries:
    """The directory's entries, kept in step with members' profiles."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def save(self, entry: DirectoryEntry) -> None:
        """Replace the member's entry."""
        self.remove(entry.member_id)
        self._session.add(entry)
        self._count(entry, +1)
        count_words(self._session, entry, +1)

    def remove(self, member_id: str) -> None:
        """Take a member out of the directory."""
        old = self._session.get(Entry, member_id)
        if old is not None:
            self._count(old, -1)
            count_words(self._session, old, -1)
            self._session.delete(old)
            self._session.flush()

    def recount(self) -> None:
        """Rebuild every tally from the entries, after loading entries in bulk."""
        self._session.execute(delete(DirectoryTally))
        recount_words(self._session)
        slugs = sorted(self.areas())
        grid = self._grid(DirectoryQuery(), self.areas())
        for region, counts in grid.items():
            self._session.add(DirectoryTally(region=region, area="", members=counts[0]))
            for slug, members in zip(slugs, counts[1:], strict=True):
                self._session.add(DirectoryTally(region=region, area=slug, members=members))

    def _count(self, entry: DirectoryEntry, change: int) -> None:
        # In one order, and added in the database: members approved at once never collide
        # on a new tally's row nor lose each other's counts.
        keys = sorted(tally_keys(entry, self.areas()))
        dialect = postgresql if self._session.get_bind().dialect.name == "postgresql" else sqlite
        upsert = dialect.insert(DirectoryTally)
        upsert = upsert.on_conflict_do_update(
            index_elements=[DirectoryTally.region, DirectoryTally.area],
            set_={"members": DirectoryTally.members + upsert.excluded.members},
        )
        rows = [{"region": region, "area": area, "members": change} for region, area in keys]
        self._session.execute(upsert, rows)

    def areas(self) -> dict[str, ExpertiseArea]:
        """Return the controlled list of expertise, by slug."""
        return {area.slug: area for area in self._session.scalars(select(ExpertiseArea))}

    def search(self, query: DirectoryQuery) -> DirectoryPage:
        """Return one page in name order; each facet counts matches ignoring its own filter."""
        areas = self.areas()
        entries = self._page(query, self._conditions(query, areas))
        return DirectoryPage(
            member_ids=[entry.member_id for entry in entries], **self._counts(query, areas)
        )

    def _page(self, query: DirectoryQuery, matching: list[ColumnElement[Any]]) -> list[Any]:
        found = select(Entry.sort_name, Entry.member_id).where(*matching)
        ordered = found.order_by(Entry.sort_name, Entry.member_id)
        return list(self._session.execute(ordered.offset(query.page.offset).limit(query.page.size)))

    def _grid(self, query: DirectoryQuery, areas: dict[str, ExpertiseArea]) -> dict[str, Any]:
        slugs = sorted(areas)
        per_area = [
            func.count().filter(Entry.expertise_mask.op("&")(1 << areas[s].bit) != 0) for s in slugs
        ]
        grid = select(Entry.region, func.count(), *per_area).where(*self._conditions(query, areas))
        return {row[0]: row[1:] for row in self._session.execute(grid.group_by(Entry.region))}

    def _matched(self, query: DirectoryQuery, areas: dict[str, ExpertiseArea]) -> dict[str, Any]:
        if not (query.role or query.organisation):
            found = word_grid(self._session, query.text, areas)
            if found is not None:
                return found
        return self._grid(query, areas)

    def _conditions(
        self, query: DirectoryQuery, areas: dict[str, ExpertiseArea]
    ) -> list[ColumnElement[Any]]:
        return conditions(
            dialect=self._session.get_bind().dialect.name,
            text=query.text,
            region=query.region,
            expertise=query.expertise,
            role=query.role,
            organisation=query.organisation,
            areas=areas,
        )

    def _tallied(self, slugs: list[str]) -> dict[str, Any]:
        rows: dict[str, list[int]] = {}
        for tally in self._session.scalars(
            select(DirectoryTally).where(DirectoryTally.members > 0)
        ):
            if tally.area and tally.area not in slugs:
                continue
            row = rows.setdefault(tally.region, [0] * (1 + len(slugs)))
            column = 0 if tally.area == "" else 1 + slugs.index(tally.area)
            row[column] = tally.members
        return rows

    def _counts(self, query: DirectoryQuery, areas: dict[str, ExpertiseArea]) -> dict[str, Any]:
        # One pass counts matches per region and per region and area, with neither the region
        # nor the expertise filter applied; every facet and the total are read off that grid.
        slugs = sorted(areas)
        unfiltered = DirectoryQuery(
            text=query.text, role=query.role, organisation=query.organisation
        )
        rows = (
            self._tallied(slugs)
            if unfiltered == DirectoryQuery()
            else self._matched(unfiltered, areas)
        )
        column = 1 + slugs.index(query.expertise) if query.expertise in areas else None

        def in_region(region: str) -> int:
            if query.expertise:
                return int(rows[region][column]) if column else 0
            return int(rows[region][0])

        regions = {region: in_region(region) for region in rows}
        chosen = [r for r in rows if query.region in (None, r)]
        expertise = {s: sum(int(rows[r][1 + i]) for r in chosen) for i, s in enumerate(slugs)}
        total = sum(regions[r] for r in chosen)
        return {"total": total, "facets": {"region": regions, "expertise": _nonzero(expertise)}}


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {key: count for key, count in counts.items() if count}


class ExpertiseAreas:
    """The controlled list of improvement expertise members choose from."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, area: ExpertiseArea) -> None:
        """Put a new area on the list."""
        self._session.add(area)

    def get(self, slug: str) -> ExpertiseArea | None:
        """Return the area `slug`, if listed."""
        return self._session.get(ExpertiseArea, slug)

    def all(self) -> list[ExpertiseArea]:
        """Return every area, by name."""
        return sorted(self._session.scalars(select(ExpertiseArea)), key=lambda area: area.name)

    def highest_bit(self) -> int | None:
        """Return the highest bit an area takes in entries' masks, None when none is listed."""
        return self._session.scalar(select(func.max(ExpertiseArea.bit)))
