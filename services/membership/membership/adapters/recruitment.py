"""Regions and recruitment waves, as the service layer finds and keeps them."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from membership.domain.recruitment import RecruitmentWave, Region


class Regions:
    """Q's regions."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, region: Region) -> None:
        self._session.add(region)

    def get(self, slug: str) -> Region | None:
        return self._session.get(Region, slug)

    def all(self) -> list[Region]:
        return list(self._session.scalars(select(Region).order_by(Region.name)))


class Waves:
    """Recruitment waves."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, wave: RecruitmentWave) -> None:
        self._session.add(wave)

    def get(self, wave_id: str) -> RecruitmentWave | None:
        return self._session.get(RecruitmentWave, wave_id)

    def all(self) -> list[RecruitmentWave]:
        query = select(RecruitmentWave).order_by(RecruitmentWave.opens_on, RecruitmentWave.id)
        return list(self._session.scalars(query))

    def open_for(self, region: str, day: date) -> RecruitmentWave | None:
        """Return the wave taking applications from `region` on `day`, if any."""
        return next((w for w in self.all() if region in w.regions and w.is_open_on(day)), None)
