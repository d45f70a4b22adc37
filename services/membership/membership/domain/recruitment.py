"""Q's regions and the recruitment waves that open them to applicants."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from membership.domain.errors import InvalidWave
from membership.domain.model import Base, new_id, now
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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)

    def check(self) -> None:
        """Refuse a wave whose dates, target or regions make no sense."""
        if self.closes_on < self.opens_on:
            raise InvalidWave("the wave closes before it opens", field="closes_on")
        if self.target < 1:
            raise InvalidWave("the target must be at least 1", field="target")
        if not self.regions:
            raise InvalidWave("a wave needs at least one region", field="regions")

    def is_open_on(self, day: date) -> bool:
        """Tell whether the wave accepts applications on `day`."""
        return self.opens_on <= day <= self.closes_on

    def overlaps(self, other: "RecruitmentWave") -> bool:
        """Tell whether both waves take applications from one region on one day."""
        shared = set(self.regions) & set(other.regions)
        return (
            bool(shared) and self.opens_on <= other.closes_on and other.opens_on <= self.closes_on
        )
