"""Regions and recruitment waves, as the service layer finds and keeps them."""

from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from membership.domain.recruitment import RecruitmentWave, Region
from qplatform.paging import Page, PageRequest

T = TypeVar("T")


def _paged(items: list[T], page: PageRequest) -> Page[T]:
    # Q has a handful of regions and a few waves a year: both are read whole.
    return Page(items[page.offset : page.offset + page.size], len(items))


class Regions:
    """Q's regions."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, region: Region) -> None:
        """Keep a new region."""
        self._session.add(region)

    def get(self, slug: str) -> Region | None:
        """Return the region `slug`, if any."""
        return self._session.get(Region, slug)

    def all(self) -> list[Region]:
        """Return every region, by name."""
        return list(self._session.scalars(select(Region).order_by(Region.name)))

    def listed(self, page: PageRequest) -> Page[Region]:
        """Return a page of the regions, by name."""
        return _paged(self.all(), page)


class Waves:
    """Recruitment waves."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, wave: RecruitmentWave) -> None:
        """Keep a new wave."""
        self._session.add(wave)

    def get(self, wave_id: str) -> RecruitmentWave | None:
        """Return the wave with `wave_id`, if any."""
        return self._session.get(RecruitmentWave, wave_id)

    def listed(self, page: PageRequest) -> Page[RecruitmentWave]:
        """Return a page of the waves, soonest first."""
        return _paged(self.all(), page)

    def all(self) -> list[RecruitmentWave]:
        """Return every wave, soonest first."""
        query = select(RecruitmentWave).order_by(RecruitmentWave.opens_on, RecruitmentWave.id)
        return list(self._session.scalars(query))

    def open_for(self, region: str, day: date) -> RecruitmentWave | None:
        """Return the wave taking applications from `region` on `day`, if any."""
        return next((w for w in self.all() if region in w.regions and w.is_open_on(day)), None)
