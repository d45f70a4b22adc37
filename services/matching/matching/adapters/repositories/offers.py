"""Repository of matching's copy of collaboration's resources and open Lab cohorts."""

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matching.domain.offers import Offer


class Offers:
    """Matching's copy of collaboration's resources and open Lab cohorts."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def keep(self, offer: Offer) -> None:
        """Add `offer`, or replace the copy kept of it."""
        self._session.merge(offer)

    def forget(self, offer_id: str) -> None:
        self._session.execute(delete(Offer).where(Offer.offer_id == offer_id))

    def of_kind(self, kind: str) -> Sequence[Offer]:
        """Return every offer of `kind`, by title."""
        query = select(Offer).where(Offer.kind == kind).order_by(Offer.title)
        return self._session.scalars(query).all()
