"""Q's regions and the recruitment waves that open them to applicants."""

from datetime import date, datetime, timedelta

from sqlalchemy import JSON, Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from membership.domain.errors import InvalidWave, WaveAlreadyClosed
from membership.domain.model import Base, new_id
from qplatform.db.types import UtcDateTime

# The UK nations and regional partner areas Q starts with; staff edit them afterwards.
# The migration adding regions inserts these; editing the list changes no existing database.
STARTING_REGIONS = [
    ("scotland", "Scotland"),
    ("wales", "Wales"),
    ("northern-ireland", "Northern Ireland"),
    ("north-west-coast", "North West Coast"),
    ("west-midlands", "West Midlands"),
    ("yorkshire-and-humber", "Yorkshire and Humber"),
    ("uclpartners", "UCLPartners"),
    ("north-east-north-cumbria", "North East North Cumbria"),
    ("east-midlands", "East Midlands"),
    ("south-west", "South West"),
    ("kent-surrey-sussex", "Kent, Surrey and Sussex"),
    ("oxford", "Oxford"),
    ("wessex", "Wessex"),
    ("eastern", "Eastern"),
]


class Region(Base):
    """A nation or regional partner area that members belong to; staff keep the list."""

    __tablename__ = "regions"

    slug: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class RecruitmentWave(Base):
    """A period in which applications from some regions are accepted, towards a target."""

    __tablename__ = "recruitment_waves"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    partner: Mapped[str] = mapped_column(String(200))
    regions: Mapped[list[str]] = mapped_column(JSON)
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    target: Mapped[int] = mapped_column(Integer)
    # Set when staff close the wave before closes_on: from this day it takes no applications.
    closed_on: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    def check(self) -> None:
        """Refuse a wave whose dates, target or regions make no sense."""
        if self.closes_on < self.opens_on:
            raise InvalidWave("the wave closes before it opens", field="closes_on")
        if self.target < 1:
            raise InvalidWave("the target must be at least 1", field="target")
        if not self.regions:
            raise InvalidWave("a wave needs at least one region", field="regions")

    @property
    def last_day(self) -> date:
        """Return the last day it takes applications: closes_on, or the eve of closing early."""
        if self.closed_on is None:
            return self.closes_on
        return min(self.closes_on, self.closed_on - timedelta(days=1))

    def is_open_on(self, day: date) -> bool:
        """Tell whether the wave accepts applications on `day`."""
        return self.opens_on <= day <= self.last_day

    def overlaps(self, other: "RecruitmentWave") -> bool:
        """Tell whether both waves take applications from one region on one day."""
        shared = set(self.regions) & set(other.regions)
        return bool(shared) and self.opens_on <= other.last_day and other.opens_on <= self.last_day

    def change(self, **changes: object) -> None:
        """Change its name, partner, dates or target, refusing what no longer makes sense."""
        if self.closed_on is not None and {"opens_on", "closes_on"} & changes.keys():
            raise WaveAlreadyClosed("the wave was closed early; its dates stay", field="closes_on")
        for name, value in changes.items():
            setattr(self, name, value)
        self.check()

    def close_early(self, day: date) -> None:
        """Stop taking applications from `day` on, before the wave's closing date."""
        if self.closed_on is not None or day > self.closes_on:
            raise WaveAlreadyClosed("the wave has already closed")
        self.closed_on = day
