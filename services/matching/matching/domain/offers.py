"""Matching's copy of what collaboration offers: resources and open Lab cohorts, by topic."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from matching.domain.model import Base

RESOURCE, LAB_COHORT = "resource", "lab-cohort"


class Offer(Base):
    """A published resource or an open Lab cohort, as collaboration announced it."""

    __tablename__ = "collaboration_offers"

    offer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(300))
    topics: Mapped[list[str]] = mapped_column(JSON(), default=list)


@dataclass(frozen=True)
class OfferSuggestion:
    """A resource to use or a Lab cohort to apply to, and why in a few words."""

    id: str
    title: str
    reason: str


def suggest_offers(
    topics_of_interest: frozenset[str], offers: Iterable[Offer], limit: int
) -> list[OfferSuggestion]:
    """Return up to `limit` offers sharing the most topics with the member's, then by title."""
    found = []
    for offer in offers:
        shared = topics_of_interest & set(offer.topics or [])
        if shared:
            reason = f"On {', '.join(sorted(shared))}, which you are interested in."
            found.append(
                (-len(shared), offer.title, OfferSuggestion(offer.offer_id, offer.title, reason))
            )
    return [suggestion for *_, suggestion in sorted(found, key=lambda f: (f[0], f[1]))[:limit]]
