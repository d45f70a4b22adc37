"""The kinds of mail Q sends, and the category each belongs to."""

from dataclasses import dataclass, field
from typing import Any

from notifications.domain.preferences import TRANSACTIONAL

WELCOME = "welcome"
DIGEST = "digest"
PASSWORD_SETUP = "password-setup"
REGISTRATION_CONFIRMED = "registration-confirmed"
WAITLIST_PROMOTED = "waitlist-promoted"
EVENT_UPDATED = "event-updated"
EVENT_CANCELLED = "event-cancelled"
COFFEE_INTRODUCTION = "coffee-introduction"
EVENT_REMINDER = "event-reminder"
COFFEE_FEEDBACK = "coffee-feedback"
APPLICATION_DECISION = "application-decision"
TALK_REQUESTED = "talk-requested"
TALK_ANSWERED = "talk-answered"
WORK_PUBLISHED = "work-published"
WORK_MODERATED = "work-moderated"
SURVEY_INVITATION = "survey-invitation"
SURVEY_REMINDER = "survey-reminder"
LAB_SELECTION = "lab-selection"
LAB_MILESTONE = "lab-milestone"
SUGGESTION_DECLINED = "suggestion-declined"

CATEGORY_OF: dict[str, str] = {
    WELCOME: TRANSACTIONAL,
    DIGEST: "digest",
    PASSWORD_SETUP: TRANSACTIONAL,
    REGISTRATION_CONFIRMED: TRANSACTIONAL,
    WAITLIST_PROMOTED: TRANSACTIONAL,
    EVENT_UPDATED: TRANSACTIONAL,
    EVENT_CANCELLED: TRANSACTIONAL,
    # Taking part is the consent (chosen at joining, changed in matching): whoever is
    # paired is told, so no one meets a partner who never heard of the match.
    COFFEE_INTRODUCTION: TRANSACTIONAL,
    EVENT_REMINDER: "events",
    COFFEE_FEEDBACK: "coffee-trials",
    APPLICATION_DECISION: TRANSACTIONAL,
    TALK_REQUESTED: "talk-requests",
    # The organiser asked, so the speaker's answer is theirs to receive.
    TALK_ANSWERED: TRANSACTIONAL,
    # That staff published what a member wrote is community news, which they may turn off;
    # a rejection, a hidden or restored comment asks something of them, so it always goes.
    WORK_PUBLISHED: "community-news",
    WORK_MODERATED: TRANSACTIONAL,
    # A declined resource suggestion is news of the member's own contribution, as a
    # rejected post is.
    SUGGESTION_DECLINED: TRANSACTIONAL,
    # Surveys are how Q hears its community: news of the community, which a member may stop.
    SURVEY_INVITATION: "community-news",
    SURVEY_REMINDER: "community-news",
    # A Lab participant applied and was chosen: what the cohort asks of them always goes.
    LAB_SELECTION: TRANSACTIONAL,
    LAB_MILESTONE: TRANSACTIONAL,
}
# What may change about an event without its registrants being mailed: joining or leaving
# a series changes nothing about when, where or what it is.
NOT_WORTH_A_MAIL = frozenset({"series_id"})
# Mail that carries a secret is forgotten once it is sent.
SECRET_TEMPLATES = frozenset({PASSWORD_SETUP})
# Mail to applicants, who are not members: their address is kept only until the mail is out.
APPLICANT_TEMPLATES = frozenset({APPLICATION_DECISION})

CATEGORY_LABELS = {
    "digest": "the monthly Q-municate digest",
    "coffee-trials": "Randomised Coffee Trials mail",
    "events": "news of Q events",
    "community-news": "Q community news",
    "talk-requests": "requests to give the talks you offer",
}


@dataclass(frozen=True)
class Attachment:
    """A file sent along with a mail, such as an event's calendar entry."""

    filename: str
    content_type: str
    content: str


@dataclass(frozen=True)
class Letter:
    """A mail as its template wrote it, before it has an address."""

    subject: str
    text: str
    html: str
    attachments: list[Attachment] = field(default_factory=list)


def attachments_of(rows: list[dict[str, Any]]) -> list[Attachment]:
    """Return the attachments a message keeps as JSON."""
    return [Attachment(**row) for row in rows]
