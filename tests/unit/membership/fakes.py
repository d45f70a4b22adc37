"""Membership's unit of work and repositories in memory, for tests of its use cases."""

from collections import Counter
from datetime import datetime
from typing import Any

from membership.adapters.repositories.directory import DirectoryPage, DirectoryQuery
from membership.domain.accounts import FailedLogin, PasswordLink, RefreshToken
from membership.domain.directory import STARTING_EXPERTISE, DirectoryEntry, ExpertiseArea
from membership.domain.groups import GroupMembership, InterestGroup
from membership.domain.model import Application, ApplicationStatus, Member
from membership.domain.recruitment import STARTING_REGIONS, RecruitmentWave, Region
from qplatform.clock import Clock
from qplatform.db.memory import InMemoryUnitOfWork
from qplatform.paging import Page, PageRequest


def _with_defaults(row: Any) -> Any:
    """Fill in the column defaults a database would (ids, statuses, empty lists)."""
    for column in row.__table__.columns:
        if getattr(row, column.key, None) is None and column.default is not None:
            value = column.default.arg
            setattr(row, column.key, value(None) if callable(value) else value)
    return row


def _paged(items: list[Any], page: PageRequest) -> Page[Any]:
    return Page(items[page.offset : page.offset + page.size], len(items))


class FakeApplications:
    def __init__(self) -> None:
        self.stored: dict[str, Application] = {}

    def add(self, application: Application) -> None:
        _with_defaults(application)
        self.stored[application.id] = application

    def get(self, application_id: str, *, lock: bool = False) -> Application | None:
        return self.stored.get(application_id)

    def open_for(self, email: str) -> Application | None:
        return next((a for a in self.stored.values() if a.email == email and a.is_open), None)

    def of_member(self, member_id: str) -> list[Application]:
        return [a for a in self.stored.values() if a.member_id == member_id]

    def with_email(self, email: str) -> list[Application]:
        return [a for a in self.stored.values() if a.email == email]

    def listed(
        self,
        page: PageRequest,
        *,
        status: str | None = None,
        region: str | None = None,
        wave_id: str | None = None,
    ) -> Page[Application]:
        found = [
            a
            for a in sorted(self.stored.values(), key=lambda a: (a.submitted_at, a.id))
            if (not status or a.status == ApplicationStatus(status))
            and (not region or a.region == region)
            and (not wave_id or a.wave_id == wave_id)
        ]
        return _paged(found, page)

    def tally(self, wave_id: str) -> list[tuple[str, str, int]]:
        counted = Counter(
            (a.region, str(a.status)) for a in self.stored.values() if a.wave_id == wave_id
        )
        return [(region, status, n) for (region, status), n in counted.items()]

    def approval_times(self, wave_id: str) -> list[tuple[str, datetime]]:
        return [
            (a.region, a.decided_at)
            for a in self.stored.values()
            if a.wave_id == wave_id and a.status == ApplicationStatus.APPROVED and a.decided_at
        ]


class FakeMembers:
    def __init__(self) -> None:
        self.stored: dict[str, Member] = {}

    def add(self, member: Member) -> None:
        self.stored[_with_defaults(member).id] = member

    def get(self, member_id: str, *, lock: bool = False) -> Member | None:
        return self.stored.get(member_id)

    def with_email(self, email: str) -> Member | None:
        return next((m for m in self.stored.values() if m.email == email), None)

    def with_ids(self, member_ids: list[str]) -> list[Member]:
        return [self.stored[i] for i in member_ids if i in self.stored]

    def remove(self, member: Member) -> None:
        del self.stored[member.id]


class FakeCredentials:
    def __init__(self) -> None:
        self.links: list[PasswordLink] = []
        self.tokens: list[RefreshToken] = []
        self.failures: list[FailedLogin] = []

    def add(self, item: PasswordLink | RefreshToken | FailedLogin) -> None:
        if isinstance(item, PasswordLink):
            self.links.append(item)
        elif isinstance(item, RefreshToken):
            self.tokens.append(item)
        else:
            self.failures.append(item)

    def password_link(self, token_hash: str) -> PasswordLink | None:
        return next((link for link in self.links if link.token_hash == token_hash), None)

    def live_sessions(self, member_id: str) -> list[str]:
        return sorted(
            {
                t.session_id
                for t in self.tokens
                if t.member_id == member_id and t.revoked_at is None and t.session_id
            }
        )

    def revoke_all(self, member_id: str, at: datetime) -> None:
        for token in self.tokens:
            if token.member_id == member_id and token.revoked_at is None:
                token.revoked_at = at

    def links_expiring_after(self, member_id: str, moment: datetime) -> int:
        return sum(1 for k in self.links if k.member_id == member_id and k.expires_at > moment)


class FakeDirectory:
    """Entries by member id; a search lists every entry in name order, without facets."""

    def __init__(self) -> None:
        self.entries: dict[str, DirectoryEntry] = {}
        self.expertise = {
            slug: ExpertiseArea(slug=slug, name=name, bit=bit)
            for bit, (slug, name) in enumerate(STARTING_EXPERTISE)
        }

    def save(self, entry: DirectoryEntry) -> None:
        self.entries[entry.member_id] = entry

    def remove(self, member_id: str) -> None:
        self.entries.pop(member_id, None)

    def areas(self) -> dict[str, ExpertiseArea]:
        return dict(self.expertise)

    def search(self, query: DirectoryQuery) -> DirectoryPage:
        found = sorted(self.entries.values(), key=lambda e: (e.sort_name, e.member_id))
        page = _paged(found, query.page)
        return DirectoryPage([e.member_id for e in page.items], page.total, {})


class FakeExpertiseAreas:
    def __init__(self, directory: FakeDirectory) -> None:
        self._listed = directory.expertise

    def add(self, area: ExpertiseArea) -> None:
        self._listed[area.slug] = area

    def get(self, slug: str) -> ExpertiseArea | None:
        return self._listed.get(slug)

    def all(self) -> list[ExpertiseArea]:
        return sorted(self._listed.values(), key=lambda area: area.name)

    def highest_bit(self) -> int | None:
        return max((area.bit for area in self._listed.values()), default=None)


class FakeGroups:
    def __init__(self, members: FakeMembers) -> None:
        self.stored: dict[str, InterestGroup] = {}
        self.places: dict[tuple[str, str], GroupMembership] = {}
        self._members = members

    def add(self, group: InterestGroup) -> None:
        self.stored[_with_defaults(group).id] = group

    def get(self, group_id: str, *, lock: bool = False) -> InterestGroup | None:
        return self.stored.get(group_id)

    def named(self, name: str) -> InterestGroup | None:
        return next((g for g in self.stored.values() if g.name == name), None)

    def listed(self, page: PageRequest) -> Page[InterestGroup]:
        return _paged(sorted(self.stored.values(), key=lambda g: g.name), page)

    def place(self, group_id: str, member_id: str) -> GroupMembership | None:
        return self.places.get((group_id, member_id))

    def add_place(self, place: GroupMembership) -> None:
        self.places[(place.group_id, place.member_id)] = place

    def remove_place(self, place: GroupMembership) -> None:
        del self.places[(place.group_id, place.member_id)]

    def member_ids(self, group_id: str, page: PageRequest) -> Page[str]:
        ids = [m for g, m in self.places if g == group_id]
        by_name = sorted(ids, key=lambda i: (self._members.stored[i].display_name, i))
        return _paged(by_name, page)

    def forget_member(self, member_id: str) -> None:
        self.places = {k: v for k, v in self.places.items() if k[1] != member_id}


class FakeRegions:
    def __init__(self) -> None:
        self.stored = {
            slug: Region(slug=slug, name=name, active=True) for slug, name in STARTING_REGIONS
        }

    def add(self, region: Region) -> None:
        self.stored[region.slug] = region

    def get(self, slug: str) -> Region | None:
        return self.stored.get(slug)

    def all(self) -> list[Region]:
        return sorted(self.stored.values(), key=lambda r: r.name)

    def listed(self, page: PageRequest) -> Page[Region]:
        return _paged(self.all(), page)


class FakeWaves:
    def __init__(self) -> None:
        self.stored: dict[str, RecruitmentWave] = {}

    def add(self, wave: RecruitmentWave) -> None:
        self.stored[_with_defaults(wave).id] = wave

    def get(self, wave_id: str) -> RecruitmentWave | None:
        return self.stored.get(wave_id)

    def all(self) -> list[RecruitmentWave]:
        return sorted(self.stored.values(), key=lambda w: (w.opens_on, w.id))

    def listed(self, page: PageRequest) -> Page[RecruitmentWave]:
        return _paged(self.all(), page)

    def open_for(self, region: str, day: Any) -> RecruitmentWave | None:
        return next((w for w in self.all() if region in w.regions and w.is_open_on(day)), None)


class FakeMembershipUnitOfWork(InMemoryUnitOfWork):
    """Membership's unit of work in memory: Q's starting regions and expertise, nobody yet."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(source="membership", clock=clock)
        self.applications = FakeApplications()
        self.members = FakeMembers()
        self.credentials = FakeCredentials()
        self.directory = FakeDirectory()
        self.expertise = FakeExpertiseAreas(self.directory)
        self.groups = FakeGroups(self.members)
        self.regions = FakeRegions()
        self.waves = FakeWaves()
