"""Mail about the Lab and surveys: invitations, reminders, selection, approaching milestones."""

from notifications.domain import letters
from notifications.service_layer.queueing import queue_letter
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.consumer import ReceivedEvent


def invite_to_survey(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Invite a member to answer a survey that asks them."""
    _survey_letter(uow, event, letters.SURVEY_INVITATION)


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
