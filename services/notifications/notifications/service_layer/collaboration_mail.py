"""Mail about the Lab and surveys, and the Lab and library news the monthly digest tells."""

from notifications.domain import letters
from notifications.domain.copies import CollaborationNews, SurveyInvitation
from notifications.domain.digest import LAB_CLOSED, LAB_OPENED, RESOURCE
from notifications.service_layer.queueing import queue_letter
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.messaging.handlers import ReceivedEvent


def invite_to_survey(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Invite a member to answer a survey that asks them, and remember it for the digest."""
    data = event.data
    invitation = SurveyInvitation(
        survey_id=data["survey_id"], member_id=data["member_id"], title=data["title"]
    )
    uow.survey_invitations.keep(invitation)
    _survey_letter(uow, event, letters.SURVEY_INVITATION)


def forget_survey(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Stop listing a closed survey in anyone's digest."""
    uow.survey_invitations.delete_survey(event.data["survey_id"])


def remind_of_survey(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Remind a member of a survey still open to them."""
    _survey_letter(uow, event, letters.SURVEY_REMINDER)


def announce_lab_selection(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member staff selected them for a Lab cohort."""
    data = event.data
    queue_letter(
        uow,
        cause_id=event.id,
        member_id=data["member_id"],
        template=letters.LAB_SELECTION,
        context={"cohort_id": data["cohort_id"], "problem": data["problem"]},
    )


def remind_of_milestone(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
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


def _survey_letter(uow: NotificationsUnitOfWork, event: ReceivedEvent, template: str) -> None:
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


def remember_resource(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a resource the library published, for the digest's new resources."""
    data = event.data
    news = CollaborationNews(
        news_id=data["resource_id"], kind=RESOURCE, title=data["title"], at=data["at"]
    )
    uow.collaboration_news.keep(news)


def remember_cohort_opening(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a Lab cohort's opening, for the digest's Lab news."""
    data = event.data
    news = CollaborationNews(
        news_id=data["cohort_id"], kind=LAB_OPENED, title=data["problem"], at=data["opened_at"]
    )
    uow.collaboration_news.keep(news)


def remember_cohort_closing(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep a Lab cohort's closing, under the problem it opened on, for the digest."""
    data = event.data
    opened = uow.collaboration_news.get(data["cohort_id"])
    title = opened.title if opened is not None else "A Lab cohort"
    news_id = f"{data['cohort_id']}:closed"
    uow.collaboration_news.keep(
        CollaborationNews(news_id=news_id, kind=LAB_CLOSED, title=title, at=data["closed_at"])
    )
