"""Use cases of talks: offering, changing and withdrawing them, finding speakers, asking."""

from dataclasses import dataclass
from typing import Any

from events.adapters.registry import Members
from events.adapters.storage import Events
from events.adapters.talks import TalkOffers, TalkRequests
from events.domain import errors
from events.domain.talks import OfferStatus, TalkDetails, TalkOffer, TalkRequest
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.identity import Caller


@dataclass(frozen=True)
class ShownTalk:
    """An offered talk with its speaker's name, as members see it."""

    offer: TalkOffer
    speaker_name: str

    def __getattr__(self, name: str) -> Any:
        return getattr(self.offer, name)


@dataclass(frozen=True)
class ShownRequest:
    """A talk request with the names and the subject its two members see."""

    request: TalkRequest
    subject: str
    speaker_name: str
    requester_name: str

    def __getattr__(self, name: str) -> Any:
        return getattr(self.request, name)


@dataclass(frozen=True)
class TalkPage:
    """One page of talks found, and how many there are on all pages."""

    talks: list[ShownTalk]
    total: int


def offer_talk(*, uow: UnitOfWork, details: TalkDetails, speaker_id: str) -> ShownTalk:
    """Offer a talk on the member's behalf."""
    offer = TalkOffer.offer(details, speaker_id=speaker_id)
    TalkOffers(uow.session).add(offer)
    uow.publish("talk-offered", subject=offer.id, data=_offer_data(offer))
    uow.commit()
    return _shown([offer], uow)[0]


def change_offer(
    *, uow: UnitOfWork, talk_id: str, changes: dict[str, Any], caller: Caller
) -> ShownTalk:
    """Change the speaker's offer (the speaker or staff)."""
    offer = _managed(uow, talk_id, caller)
    changed = offer.change(**changes)
    if changed:
        # Availability is the speaker's own note; the stream says only that it changed.
        data = {**_offer_data(offer), "changed": changed}
        uow.publish("talk-offer-updated", subject=offer.id, data=data)
    uow.commit()
    return _shown([offer], uow)[0]


def withdraw_offer(*, uow: UnitOfWork, talk_id: str, caller: Caller) -> None:
    """Withdraw the speaker's offer (the speaker or staff); no one can request it again."""
    offer = _managed(uow, talk_id, caller)
    offer.withdraw()
    data = {"talk_id": offer.id, "speaker_id": offer.speaker_id, "at": offer.updated_at}
    uow.publish("talk-withdrawn", subject=offer.id, data=data)
    uow.commit()


def forget_talks_of(uow: UnitOfWork, member_id: str) -> None:
    """Withdraw a leaving member's offers and blank what they wrote; no commit."""
    for offer in TalkOffers(uow.session).by_speaker(member_id):
        was_offered = offer.status is OfferStatus.OFFERED
        offer.forget_speaker()
        if was_offered:
            data = {"talk_id": offer.id, "speaker_id": offer.speaker_id, "at": offer.updated_at}
            uow.publish("talk-withdrawn", subject=offer.id, data=data)
    for request in TalkRequests(uow.session).involving(member_id):
        request.forget_words_of(member_id)


def show_talk(*, uow: UnitOfWork, talk_id: str) -> ShownTalk:
    """Return an offered talk with its speaker's name."""
    return _shown([get_offer(uow, talk_id)], uow)[0]


def find_talks(
    *, uow: UnitOfWork, subject: str, offset: int, limit: int, **narrowing: Any
) -> TalkPage:
    """Return a page of offered talks about `subject`, newest offers first."""
    offers, total = TalkOffers(uow.session).search(
        subject.split(), offset=offset, limit=limit, **narrowing
    )
    return TalkPage(_shown(offers, uow), total)


def request_talk(
    *, uow: UnitOfWork, talk_id: str, requester_id: str, message: str, event_id: str | None
) -> ShownRequest:
    """Ask the speaker to give their talk; they are told by mail and in their feed."""
    offer = get_offer(uow, talk_id)
    _check_own_event(uow, event_id, requester_id)
    request = TalkRequest.ask(offer, requester_id=requester_id, message=message, event_id=event_id)
    TalkRequests(uow.session).add(request)
    uow.publish("talk-requested", subject=offer.id, data=_request_data(request, offer))
    uow.commit()
    return _shown_request(uow, request, offer)


def answer_request(
    *, uow: UnitOfWork, request_id: str, speaker_id: str, accepted: bool, reply: str | None
) -> ShownRequest:
    """Record the speaker's answer; the requester is told by mail."""
    request, offer = _request_of(uow, request_id, speaker_id)
    if request.speaker_id != speaker_id:
        raise errors.NotAllowed("only the speaker may answer this request")
    request.answer(accepted, reply)
    data = {**_request_data(request, offer), "answer": request.status.value}
    uow.publish("talk-request-answered", subject=offer.id, data=data)
    uow.commit()
    return _shown_request(uow, request, offer)


def show_request(*, uow: UnitOfWork, request_id: str, caller: Caller) -> ShownRequest:
    """Return a request to its speaker, its requester or staff."""
    request, offer = _request_of(uow, request_id, None if caller.is_staff else caller.member_id)
    return _shown_request(uow, request, offer)


def requests_of(*, uow: UnitOfWork, member_id: str) -> list[ShownRequest]:
    """Return the requests the member made or was asked, newest first."""
    found = TalkRequests(uow.session).involving(member_id)
    return [_shown_request(uow, request, get_offer(uow, request.talk_id)) for request in found]


def get_offer(uow: UnitOfWork, talk_id: str) -> TalkOffer:
    """Return the offer with `talk_id`, withdrawn or not."""
    offer = TalkOffers(uow.session).get(talk_id)
    if offer is None:
        raise errors.TalkNotFound("no talk with that id")
    return offer


def _check_own_event(uow: UnitOfWork, event_id: str | None, requester_id: str) -> None:
    # A talk is asked for one of the requester's own events, or for none in particular.
    event = Events(uow.session).get(event_id) if event_id else None
    if event_id and (event is None or event.organiser_id != requester_id):
        raise errors.InvalidTalk("event_id must be an event you organise", field="event_id")


def _managed(uow: UnitOfWork, talk_id: str, caller: Caller) -> TalkOffer:
    offer = get_offer(uow, talk_id)
    if not (caller.is_staff or caller.member_id == offer.speaker_id):
        raise errors.NotAllowed("only the speaker or staff may change this offer")
    return offer


def _request_of(
    uow: UnitOfWork, request_id: str, member_id: str | None
) -> tuple[TalkRequest, TalkOffer]:
    # Anyone but its two members (and staff, who pass None) is told it does not exist.
    request = TalkRequests(uow.session).get(request_id)
    if request is None or member_id not in (None, request.speaker_id, request.requester_id):
        raise errors.TalkRequestNotFound("no talk request with that id")
    return request, get_offer(uow, request.talk_id)


def _shown(offers: list[TalkOffer], uow: UnitOfWork) -> list[ShownTalk]:
    names = Members(uow.session).names({offer.speaker_id for offer in offers})
    return [ShownTalk(offer, names.get(offer.speaker_id, "Member")) for offer in offers]


def _shown_request(uow: UnitOfWork, request: TalkRequest, offer: TalkOffer) -> ShownRequest:
    names = Members(uow.session).names({request.speaker_id, request.requester_id})
    return ShownRequest(
        request,
        offer.subject,
        names.get(request.speaker_id, "Member"),
        names.get(request.requester_id, "Member"),
    )


def _offer_data(offer: TalkOffer) -> dict[str, object]:
    return {
        "talk_id": offer.id,
        "speaker_id": offer.speaker_id,
        "subject": offer.subject,
        "format": offer.format,
        "regions": offer.region_list,
        "topics": offer.topic_list,
        "at": offer.updated_at,
    }


def _request_data(request: TalkRequest, offer: TalkOffer) -> dict[str, object]:
    # The requester's message stays in the service: it is read on the request's page.
    return {
        "request_id": request.id,
        "talk_id": offer.id,
        "speaker_id": request.speaker_id,
        "requester_id": request.requester_id,
        "subject": offer.subject,
        "event_id": request.event_id,
        "at": request.answered_at or request.created_at,
    }
