"""Talk offers and talk requests, as the service layer finds and keeps them."""

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from events.domain.talks import OfferStatus, TalkOffer, TalkRequest
from qplatform.paging import Page, PageRequest


class TalkOffers:
    """The talks members offer."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, offer: TalkOffer) -> None:
        self._session.add(offer)

    def get(self, talk_id: str) -> TalkOffer | None:
        return self._session.get(TalkOffer, talk_id)

    def by_speaker(self, speaker_id: str) -> list[TalkOffer]:
        """Return the talks the member offers or offered."""
        return list(self._session.scalars(select(TalkOffer).filter_by(speaker_id=speaker_id)))

    def search(
        self,
        words: list[str],
        *,
        region: str | None,
        format: str | None,
        speaker_id: str | None,
        page: PageRequest,
    ) -> Page[TalkOffer]:
        """Return a page of offered talks whose subject, summary or topics hold every word."""
        where = [TalkOffer.status == OfferStatus.OFFERED]
        for word in words:
            pattern = f"%{_escaped(word.lower())}%"
            where.append(
                or_(
                    func.lower(TalkOffer.subject).like(pattern, escape="\\"),
                    func.lower(func.coalesce(TalkOffer.summary, "")).like(pattern, escape="\\"),
                    func.lower(TalkOffer.topics).like(pattern, escape="\\"),
                )
            )
        if region is not None:
            # An offer with no regions goes anywhere; regions are checked slugs, no wildcards.
            where.append(
                or_(
                    TalkOffer.regions == "", ("," + TalkOffer.regions + ",").contains(f",{region},")
                )
            )
        if format is not None:
            where.append(TalkOffer.format.in_([format, "either"]))
        if speaker_id is not None:
            where.append(TalkOffer.speaker_id == speaker_id)
        condition = and_(*where)
        query = (
            select(TalkOffer).where(condition).order_by(TalkOffer.created_at.desc(), TalkOffer.id)
        )
        total = self._session.scalar(select(func.count()).select_from(TalkOffer).where(condition))
        found = self._session.scalars(query.offset(page.offset).limit(page.size))
        return Page(list(found), total or 0)


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class TalkRequests:
    """Organisers' requests for talks."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, request: TalkRequest) -> None:
        self._session.add(request)

    def get(self, request_id: str) -> TalkRequest | None:
        return self._session.get(TalkRequest, request_id)

    def involving(self, member_id: str) -> list[TalkRequest]:
        """Return the requests the member made or was asked, newest first."""
        query = (
            select(TalkRequest)
            .where(or_(TalkRequest.speaker_id == member_id, TalkRequest.requester_id == member_id))
            .order_by(TalkRequest.created_at.desc(), TalkRequest.id)
        )
        return list(self._session.scalars(query))

    def page_involving(self, member_id: str, page: PageRequest) -> Page[TalkRequest]:
        """Return a page of the requests the member made or was asked, newest first."""
        involved = or_(TalkRequest.speaker_id == member_id, TalkRequest.requester_id == member_id)
        query = select(TalkRequest).where(involved)
        query = query.order_by(TalkRequest.created_at.desc(), TalkRequest.id)
        found = self._session.scalars(query.offset(page.offset).limit(page.size))
        total = self._session.scalar(select(func.count()).select_from(TalkRequest).where(involved))
        return Page(list(found), total or 0)
