"""What staff write into a month's digest: a short editorial and the opportunities open."""

import html
from datetime import datetime
from typing import Any

import nh3
from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from notifications.domain.model import Base, now
from qplatform.db.types import UtcDateTime

EDITORIAL_MAX = 3000
OPPORTUNITIES_MAX = 8


class DigestEdition(Base):
    """The words staff wrote for one month's digest, shown above and below its news."""

    __tablename__ = "digest_editions"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    editorial: Mapped[str] = mapped_column(Text, default="")
    opportunities: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)

    def context(self) -> dict[str, Any]:
        """Return what the digest's templates show of the edition."""
        paragraphs = [p.strip() for p in self.editorial.split("\n\n") if p.strip()]
        return {"editorial": paragraphs, "opportunities": list(self.opportunities)}


def plain(text: str) -> str:
    """Return staff's text as plain text: any markup dropped, line ends made one kind."""
    # Mail shows it escaped in HTML and as is in plain text, so it is stored without tags.
    cleaned = html.unescape(nh3.clean(text.replace("&", "&amp;"), tags=set()))
    return "\n".join(line.rstrip() for line in cleaned.replace("\r\n", "\n").split("\n")).strip()


def opportunity(title: str, description: str, url: str | None) -> dict[str, Any]:
    """Return one opportunity as the edition keeps it."""
    return {"title": plain(title), "description": plain(description), "url": url or None}
