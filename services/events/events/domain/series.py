"""Series of events: a programme of site visits, a webinar series, with a page of its own."""

import uuid
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from events.domain import errors, rules
from events.domain.model import Base
from qplatform.db.types import UtcDateTime
from qplatform.events.contracts.events import PILLARS


class Series(Base):
    """Events that belong together, shown on one page and in one calendar feed."""

    __tablename__ = "series"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(rules.TITLE_MAX))
    description: Mapped[str | None] = mapped_column(Text)
    pillar: Mapped[str] = mapped_column(String(20))
    organiser_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    @classmethod
    def start(
        cls,
        *,
        title: str,
        pillar: str,
        description: str | None,
        organiser_id: str | None,
        now: datetime,
    ) -> "Series":
        """Check the series' title and pillar and return it."""
        if pillar not in PILLARS:
            raise errors.UnknownPillar(
                f"pillar must be one of {', '.join(PILLARS)}", field="pillar"
            )
        return cls(
            id=str(uuid.uuid4()),
            title=rules.checked_title(title),
            description=rules.checked_description(description),
            pillar=pillar,
            organiser_id=organiser_id,
            created_at=now,
        )
