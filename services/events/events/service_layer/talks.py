"""Use cases of talks: offering, changing and withdrawing them, finding speakers, asking."""

from dataclasses import dataclass
from typing import Any

from events.domain import errors
from events.domain.talks import OfferStatus, TalkDetails, TalkOffer, TalkRequest
from events.service_layer.unit_of_work import EventsUnitOfWork
from qplatform.identity import Caller
from qplatform.paging import Page, PageRequest


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


def offer_talk(*, uow: EventsUnitOfWork, details: TalkDetails, speaker_id: str) -> ShownTalk:
    """Offer a talk on the member's behalf."""
    offer = TalkOffer.offer(details, speaker_id=speaker_id, now=uow.clock.now())
    uow.talk_offers.add(offer)
    uow.publish("talk-offered", subject=offer.id, data=_offer_data(offer))
    uow.commit()
    return _shown([offer], uow)[0]


def change_offer(
    *, uow: EventsUnitOfWork, talk_id: str, changes: dict[str, Any], caller: Caller
) -> ShownTalk:
    """Change the speaker's offer (the speaker or staff)."""
    offer = _managed(uow, talk_id, caller)
    changed = offer.change(now=uow.clock.now(), **changes)
    if changed:
        # Availability is the speaker's own note; the stream says only that it changed.
        data = {**_offer_data(offer), "changed": changed}
        uow.publish("talk-offer-updated", subject=offer.id, data=data)
    uow.commit()
    return _shown([offer], uow)[0]


def withdraw_offer(*, uow: EventsUnitOfWork, talk_id: str, caller: Caller) -> None:
    """Withdraw the speaker's offer (the speaker or staff); no one can request it again."""
    offer = _managed(uow, talk_id, caller)
    offer.withdraw(now=uow.clock.now())
    data = {"talk_id": offer.id, "speaker_id": offer.speaker_id, "at": offer.updated_at}
    uow.publish("talk-withdrawn", subject=offer.id, data=data)
    uow.commit()


def forget_talks_of(uow: EventsUnitOfWork, member_id: str) -> None:
    """Withdraw a leaving member's offers and blank what they wrote; no commit."""
    for offer in uow.talk_offers.by_speaker(member_id):
        was_offered = offer.status is OfferStatus.OFFERED
        offer.forget_speaker(now=uow.clock.now())
        if was_offered:
            data = {"talk_id": offer.id, "speaker_id": offer.speaker_id, "at": offer.updated_at}
            uow.publish("talk-withdrawn", subject=offer.id, data=data)
    for request in uow.talk_requests.involving(member_id):
        request.forget_words_of(member_id)


def show_talk(*, uow: EventsUnitOfWork, talk_id: str) -> ShownTalk:
    """Return an offered talk with its speaker's name."""
    return _shown([get_offer(uow, talk_id)], uow)[0]


def find_talks(
    *, uow: EventsUnitOfWork, subject: str, page: PageRequest, **narrowing: Any
) -> Page[ShownTalk]:
    """Return a page of offered talks about `subject`, newest offers first."""
    found = uow.talk_offers.search(subject.split(), page=page, **narrowing)
    return Page(_shown(list(found.items), uow), found.total)


def request_talk(
    *, uow: EventsUnitOfWork, talk_id: str, requester_id: str, message: str, event_id: str | None
) -> ShownRequest:
    """Ask the speaker to give their talk; they are told by mail and in their feed."""
    offer = get_offer(uow, talk_id)
    _check_own_event(uow, event_id, requester_id)
    request = TalkRequest.ask(
        offer,
        requester_id=requester_id,
        message=message,
        event_id=event_id,
        now=uow.clock.now(),
    )
    uow.talk_requests.add(request)
    uow.publish("talk-requested", subject=offer.id, data=_request_data(request, offer))
    uow.commit()
    return _shown_request(uow, request, offer)


def answer_request(
    *, uow: EventsUnitOfWork, request_id: str, speaker_id: str, accepted: bool, reply: str | None
) -> ShownRequest:
    """Record the speaker's answer; the requester is told by mail."""
    request, offer = _request_of(uow, request_id, speaker_id)
    if request.speaker_id != speaker_id:
        raise errors.NotAllowed("only the speaker may answer this request")
    request.answer(accepted, reply, now=uow.clock.now())
    data = {**_request_data(request, offer), "answer": request.status.value}
    uow.publish("talk-request-answered", subject=offer.id, data=data)
    uow.commit()
    return _shown_request(uow, request, offer)


def show_request(*, uow: EventsUnitOfWork, request_id: str, caller: Caller) -> ShownRequest:
    """Return a request to its speaker, its requester or staff."""
    request, offer = _request_of(uow, request_id, None if caller.is_staff else caller.member_id)
    return _shown_request(uow, request, offer)


def requests_of(*, uow: EventsUnitOfWork, member_id: str, page: PageRequest) -> Page[ShownRequest]:
    """Return a page of the requests the member made or was asked, newest first."""
    found = uow.talk_requests.page_involving(member_id, page)
    shown = [_shown_request(uow, r, get_offer(uow, r.talk_id)) for r in found.items]
    return Page(shown, found.total)


def get_offer(uow: EventsUnitOfWork, talk_id: str) -> TalkOffer:
    """Return the offer with `talk_id`, withdrawn or not."""
    offer = uow.talk_offers.get(talk_id)
    if offer is None:
        raise errors.TalkNotFound("no talk with that id")
    return offer


def _check_own_event(uow: EventsUnitOfWork, event_id: str | None, requester_id: str) -> None:
    # A talk is asked for one of the requester's own events, or for none in particular.
    event = uow.events.get(event_id) if event_id else None
    if event_id and (event is None or event.organiser_id != requester_id):
        raise errors.InvalidTalk("event_id must be an event you organise", field="event_id")


def _managed(uow: EventsUnitOfWork, talk_id: str, caller: Caller) -> TalkOffer:
    offer = get_offer(uow, talk_id)
    caller.ensure_may_act_for(offer.speaker_id, "change this offer")
    return offer


def _request_of(
    uow: EventsUnitOfWork, request_id: str, member_id: str | None
) -> tuple[TalkRequest, TalkOffer]:
    # Anyone but its two members (and staff, who pass None) is told it does not exist.
    request = uow.talk_requests.get(request_id)
    if request is None or member_id not in (None, request.speaker_id, request.requester_id):
        raise errors.TalkRequestNotFound("no talk request with that id")
    return request, get_offer(uow, request.talk_id)


def _shown(offers: list[TalkOffer], uow: EventsUnitOfWork) -> list[ShownTalk]:
    names = uow.members.names({offer.speaker_id for offer in offers})
    return [ShownTalk(offer, names.get(offer.speaker_id, "Member")) for offer in offers]


def _shown_request(uow: EventsUnitOfWork, request: TalkRequest, offer: TalkOffer) -> ShownRequest:
    names = uow.members.names({request.speaker_id, request.requester_id})
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
