"""Mail about the Lab and surveys, and the Lab and library news the monthly digest tells."""

from sqlalchemy import delete

from notifications.domain import letters
from notifications.domain.copies import CollaborationNews, SurveyInvitation
from notifications.domain.digest import LAB_CLOSED, LAB_OPENED, RESOURCE
from notifications.service_layer.queueing import queue_letter
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.consumer import ReceivedEvent


def invite_to_survey(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Invite a member to answer a survey that asks them, and remember it for the digest."""
    data = event.data
    invitation = SurveyInvitation(
        survey_id=data["survey_id"], member_id=data["member_id"], title=data["title"]
    )
    uow.session.merge(invitation)
    _survey_letter(uow, event, letters.SURVEY_INVITATION)


def forget_survey(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Stop listing a closed survey in anyone's digest."""
    uow.session.execute(
        delete(SurveyInvitation).where(SurveyInvitation.survey_id == event.data["survey_id"])
    )


def remind_of_survey(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Remind a member of a survey still open to them."""
    _survey_letter(uow, event, letters.SURVEY_REMINDER)


def announce_lab_selection(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member staff selected them for a Lab cohort."""
    data = event.data
    queue_letter(
        uow,
        cause_id=event.id,
        member_id=data["member_id"],
        template=letters.LAB_SELECTION,
        context={"cohort_id": data["cohort_id"], "problem": data["problem"]},
    )


def remind_of_milestone(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Remind each participant of a cohort that a milestone falls due within a week."""
    data = event.data
    context = {
        "cohort_id": data["cohort_id"],
        "problem": data["problem"],
        "milestone": data["title"],
        "due_on": data["due_on"].strftime("%A %d %B %Y"),
    }
    for member_id in data["member_ids"]:
        queue_letter(
            uow,
            cause_id=event.id,
            member_id=member_id,
            template=letters.LAB_MILESTONE,
            context=context,
        )


def _survey_letter(uow: UnitOfWork, event: ReceivedEvent, template: str) -> None:
    data = event.data
    queue_letter(
        uow,
        cause_id=event.id,
        member_id=data["member_id"],
        template=template,
        context={
            "survey_id": data["survey_id"],
            "title": data["title"],
            "anonymous": data["anonymous"],
        },
    )


def remember_resource(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Keep a resource the library published, for the digest's new resources."""
    data = event.data
    news = CollaborationNews(
        news_id=data["resource_id"], kind=RESOURCE, title=data["title"], at=data["at"]
    )
    uow.session.merge(news)


def remember_cohort_opening(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Keep a Lab cohort's opening, for the digest's Lab news."""
    data = event.data
    news = CollaborationNews(
        news_id=data["cohort_id"], kind=LAB_OPENED, title=data["problem"], at=data["opened_at"]
    )
    uow.session.merge(news)


def remember_cohort_closing(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Keep a Lab cohort's closing, under the problem it opened on, for the digest."""
    data = event.data
    opened = uow.session.get(CollaborationNews, data["cohort_id"])
    title = opened.title if opened is not None else "A Lab cohort"
    news_id = f"{data['cohort_id']}:closed"
    uow.session.merge(
        CollaborationNews(news_id=news_id, kind=LAB_CLOSED, title=title, at=data["closed_at"])
    )
