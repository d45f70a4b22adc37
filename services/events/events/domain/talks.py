"""Talks members offer on subjects they know, and organisers' requests for them."""

import enum
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from events.domain import errors, rules
from events.domain.model import Base, string_enum
from qplatform.db.types import UtcDateTime
from qplatform.events.contracts.talks import TALK_FORMATS

SUBJECT_MAX = 200
SUMMARY_MAX = 2_000
AVAILABILITY_MAX = 300
MESSAGE_MAX = 2_000


class OfferStatus(enum.StrEnum):
    OFFERED = "offered"
    WITHDRAWN = "withdrawn"


class RequestStatus(enum.StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass(frozen=True)
class TalkDetails:
    """What a speaker says about a talk they offer."""

    subject: str
    format: str
    availability: str
    summary: str | None = None
    regions: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


def checked(details: TalkDetails) -> dict[str, Any]:
    """Check `details` against Q's rules and return them as the offer's column values."""
    if details.format not in TALK_FORMATS:
        raise errors.InvalidTalk(f"format must be one of {', '.join(TALK_FORMATS)}", field="format")
    for region in details.regions:
        rules.check_region(region)
    values = asdict(details)
    values["subject"] = _text(details.subject, "subject", SUBJECT_MAX)
    values["availability"] = _text(details.availability, "availability", AVAILABILITY_MAX)
    values["summary"] = (details.summary and details.summary.strip()) or None
    values["regions"] = ",".join(dict.fromkeys(details.regions))
    values["topics"] = ",".join(rules.checked_topics(details.topics))
    return values


def _text(text: str, field: str, longest: int) -> str:
    text = text.strip()
    if not 1 <= len(text) <= longest:
        raise errors.InvalidTalk(f"{field} must be 1 to {longest} characters", field=field)
    return text


class TalkOffer(Base):
    """A talk a member offers to give, found by organisers through its subject."""

    __tablename__ = "talk_offers"
    __table_args__ = (Index("ix_talk_offers_status_created_at", "status", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    speaker_id: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str] = mapped_column(String(SUBJECT_MAX))
    summary: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(20))
    regions: Mapped[str] = mapped_column(String(1000), default="")
    topics: Mapped[str] = mapped_column(String(500), default="")
    availability: Mapped[str] = mapped_column(String(AVAILABILITY_MAX))
    status: Mapped[OfferStatus] = mapped_column(string_enum(OfferStatus))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    @classmethod
    def offer(cls, details: TalkDetails, *, speaker_id: str, now: datetime) -> "TalkOffer":
        """Check `details` and return the speaker's new offer."""
        return cls(
            id=str(uuid.uuid4()),
            speaker_id=speaker_id,
            status=OfferStatus.OFFERED,
            created_at=now,
            updated_at=now,
            **checked(details),
        )

    @property
    def region_list(self) -> list[str]:
        return self.regions.split(",") if self.regions else []

    @property
    def topic_list(self) -> list[str]:
        return self.topics.split(",") if self.topics else []

    def details(self) -> TalkDetails:
        """Return what the speaker said about this talk."""
        return TalkDetails(
            subject=self.subject,
            format=self.format,
            availability=self.availability,
            summary=self.summary,
            regions=tuple(self.region_list),
            topics=tuple(self.topic_list),
        )

    def change(self, *, now: datetime, **changes: Any) -> list[str]:
        """Apply `changes` under Q's rules; return the names of the fields that changed."""
        self._check_offered()
        values = checked(replace(self.details(), **changes))
        changed = [name for name, value in values.items() if getattr(self, name) != value]
        for name in changed:
            setattr(self, name, values[name])
        if changed:
            self.updated_at = now
        return changed

    def withdraw(self, *, now: datetime) -> None:
        """Stop offering the talk; requests already answered stand."""
        self._check_offered()
        self.status, self.updated_at = OfferStatus.WITHDRAWN, now

    def forget_speaker(self, *, now: datetime) -> None:
        """Withdraw a leaving speaker's offer and blank what only they wrote about it."""
        if self.status is OfferStatus.OFFERED:
            self.withdraw(now=now)
        self.summary, self.availability = None, ""

    def _check_offered(self) -> None:
        if self.status is not OfferStatus.OFFERED:
            raise errors.TalkWithdrawn("the talk is no longer offered")


class TalkRequest(Base):
    """An organiser's request that a speaker give their talk, and the speaker's answer."""

    __tablename__ = "talk_requests"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    talk_id: Mapped[str] = mapped_column(String(36), ForeignKey("talk_offers.id"), index=True)
    speaker_id: Mapped[str] = mapped_column(String(64), index=True)
    requester_id: Mapped[str] = mapped_column(String(64), index=True)
    event_id: Mapped[str | None] = mapped_column(String(36))
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[RequestStatus] = mapped_column(string_enum(RequestStatus))
    reply: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @classmethod
    def ask(
        cls,
        offer: TalkOffer,
        *,
        requester_id: str,
        message: str,
        event_id: str | None,
        now: datetime,
    ) -> "TalkRequest":
        """Return a request for `offer`; a speaker cannot ask themselves."""
        offer._check_offered()
        if requester_id == offer.speaker_id:
            raise errors.NotAllowed("you cannot request your own talk")
        return cls(
            id=str(uuid.uuid4()),
            talk_id=offer.id,
            speaker_id=offer.speaker_id,
            requester_id=requester_id,
            event_id=event_id,
            message=_text(message, "message", MESSAGE_MAX),
            status=RequestStatus.REQUESTED,
            created_at=now,
        )

    def answer(self, accepted: bool, reply: str | None, *, now: datetime) -> None:
        """Record the speaker's answer, once."""
        if self.status is not RequestStatus.REQUESTED:
            raise errors.AlreadyDecided(f"the request was already {self.status.value}")
        self.status = RequestStatus.ACCEPTED if accepted else RequestStatus.DECLINED
        self.reply = (reply and reply.strip()) or None
        self.answered_at = now

    def forget_words_of(self, member_id: str) -> None:
        """Blank what a leaving member wrote: the request's message or the speaker's reply."""
        if member_id == self.requester_id:
            self.message = ""
        if member_id == self.speaker_id:
            self.reply = None
