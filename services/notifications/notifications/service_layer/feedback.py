"""Ask matched members whether they met, near the end of their coffee round."""

from datetime import datetime, timedelta

from notifications.domain.copies import CoffeeMatch
from notifications.domain.letters import COFFEE_FEEDBACK
from notifications.service_layer.queueing import queue_letter
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.messaging.handlers import ReceivedEvent

# Rounds are monthly: ask in the fourth week, and never about a match over five weeks old.
PROMPT_AFTER = timedelta(days=21)
TOO_OLD = timedelta(days=35)


def remember_matches(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep each member's place in a match, to ask about it later."""
    data = event.data
    for member_id in data["member_ids"]:
        if uow.coffee_matches.get(data["match_id"], member_id) is None:
            uow.coffee_matches.add(
                CoffeeMatch(
                    match_id=data["match_id"], member_id=member_id, matched_at=data["matched_at"]
                )
            )


def record_answer(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Note that a member said whether they met, so they are not asked."""
    match = uow.coffee_matches.get(event.data["match_id"], event.data["member_id"])
    if match is not None:
        match.answered = True


def queue_feedback_prompts(*, uow: NotificationsUnitOfWork, now: datetime) -> int:
    """Ask members who have not answered, in the fourth week of their match; return how many."""
    due = uow.coffee_matches.unasked_matched_between(now - TOO_OLD, now - PROMPT_AFTER)
    for match in due:
        queue_letter(
            uow,
            cause_id=f"feedback-{match.match_id}",
            member_id=match.member_id,
            template=COFFEE_FEEDBACK,
            context={"match_id": match.match_id},
        )
        match.prompted_at = now
    uow.commit()
    return len(due)
