"""Send queued mail that is due: claim, mark it being sent, hand it over, record the outcome."""

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from prometheus_client import Counter, Gauge

from notifications.adapters.mailer import MailServerUnavailable
from notifications.adapters.storage import Messages
from notifications.domain.model import Message, MessageState, now
from notifications.service_layer.delivery import Delivery
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.backoff import Backoff

log = logging.getLogger(__name__)

MAIL_DISPATCHED = Counter(
    "qp_mail_dispatched_total",
    "Mail the dispatcher handed over, deferred or gave up on, by outcome.",
    ["template", "outcome"],
)
MAIL_UNCERTAIN = Gauge(
    "qp_mail_uncertain",
    "Mail that may or may not have reached the mail server, waiting for staff to decide.",
)

UnitOfWorkFactory = Callable[[], UnitOfWork]


def dispatch_pending(*, uow_factory: UnitOfWorkFactory, delivery: Delivery, limit: int) -> int:
    """Try up to `limit` due mails, oldest first; return how many were tried.

    When the mail server is away, record the attempt on the mail at the head of the queue
    and raise MailServerUnavailable; the mail stays queued for a later pass.
    """
    done = 0
    while done < limit and _dispatch_next(uow_factory, delivery):
        done += 1
    return done


def _dispatch_next(uow_factory: UnitOfWorkFactory, delivery: Delivery) -> bool:
    with uow_factory() as uow:
        claimed = Messages(uow.session).claim_next_due(now())
        if claimed is None:
            return False
        message, contact = claimed
        outgoing = delivery.prepare(uow, message, contact)
        # Committed before the hand-over: a crash from here on leaves the mail `sending`.
        uow.commit()
        message_id, template = message.id, message.template
        if isinstance(outgoing, str):
            MAIL_DISPATCHED.labels(template, outgoing).inc()
            return True
    outcome = delivery.hand_over(outgoing)
    with uow_factory() as uow:
        sent = Messages(uow.session).get(message_id)
        assert sent is not None, "a mail being sent is never deleted"
        try:
            delivery.record(uow, sent, outcome)
        finally:
            uow.commit()
            MAIL_DISPATCHED.labels(template, _outcome(sent)).inc()
    return True


def _outcome(message: Message) -> str:
    return "deferred" if message.state == MessageState.QUEUED else message.state.value


def mark_interrupted(*, uow_factory: UnitOfWorkFactory, older_than: timedelta) -> int:
    """Mark `uncertain` the mail left `sending` longer than `older_than`; return how many.

    Such a mail was being handed over when its worker or the database went away: it may
    have reached the server, so it is not sent again without a decision.
    """
    with uow_factory() as uow:
        messages = Messages(uow.session)
        stale = messages.sending_since_before(now() - older_than)
        for message in stale:
            message.mark_uncertain("the worker stopped while handing it over")
            log.warning("mail may or may not have been sent", extra={"message_id": message.id})
        uow.commit()
        MAIL_UNCERTAIN.set(messages.count_in_state(MessageState.UNCERTAIN))
        return len(stale)


class MailDispatcher:
    """The worker loop that sends due mail, backing off while the mail server is away."""

    def __init__(
        self,
        *,
        uow_factory: UnitOfWorkFactory,
        delivery: Delivery,
        idle_seconds: float,
        batch_size: int = 50,
        backoff: Backoff | None = None,
        interrupted_after: timedelta = timedelta(minutes=2),
    ) -> None:
        self._uow_factory = uow_factory
        self._delivery = delivery
        self._idle_seconds = idle_seconds
        self._batch_size = batch_size
        self._backoff = backoff or Backoff(initial=1.0, maximum=60.0)
        self._interrupted_after = interrupted_after

    def run(self, stop: threading.Event) -> None:
        """Send mail until `stop` is set."""
        try:
            while not stop.is_set():
                stop.wait(self._pass())
        finally:
            self._delivery.mailer.close()

    def _pass(self) -> float:
        try:
            mark_interrupted(uow_factory=self._uow_factory, older_than=self._interrupted_after)
            done = dispatch_pending(
                uow_factory=self._uow_factory, delivery=self._delivery, limit=self._batch_size
            )
        except MailServerUnavailable as error:
            log.warning("mail server unavailable; will retry", extra={"error": error.message})
            return self._backoff.next()
        except Exception:
            self._delivery.mailer.close()
            log.exception("mail dispatch failed; will retry")
            return self._backoff.next()
        self._backoff.reset()
        if done == self._batch_size:
            return 0.0
        # Nothing more is due: hang up rather than hold the server's connection idle.
        self._delivery.mailer.close()
        return self._idle_seconds
