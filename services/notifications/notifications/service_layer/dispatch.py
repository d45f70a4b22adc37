"""Send queued mail that is due, committing after each mail."""

import logging
import threading
from collections.abc import Callable

from prometheus_client import Counter

from notifications.adapters.mailer import MailServerUnavailable
from notifications.adapters.storage import Messages
from notifications.domain.model import now
from notifications.service_layer.delivery import Delivery
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.backoff import Backoff

log = logging.getLogger(__name__)

MAIL_DISPATCHED = Counter(
    "qp_mail_dispatched_total",
    "Mail the dispatcher handed over, deferred or gave up on, by outcome.",
    ["template", "outcome"],
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
    # The claim is held while the mail goes out, so a crash resends at most this one mail.
    with uow_factory() as uow:
        claimed = Messages(uow.session).claim_next_due(now())
        if claimed is None:
            return False
        message, contact = claimed
        try:
            delivery.deliver(uow, message, contact)
        except MailServerUnavailable:
            uow.commit()
            raise
        uow.commit()
        outcome = "deferred" if message.next_attempt_at else message.state.value
        MAIL_DISPATCHED.labels(message.template, outcome).inc()
        return True


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
    ) -> None:
        self._uow_factory = uow_factory
        self._delivery = delivery
        self._idle_seconds = idle_seconds
        self._batch_size = batch_size
        self._backoff = backoff or Backoff(initial=1.0, maximum=60.0)

    def run(self, stop: threading.Event) -> None:
        """Send mail until `stop` is set."""
        while not stop.is_set():
            stop.wait(self._pass())

    def _pass(self) -> float:
        try:
            done = dispatch_pending(
                uow_factory=self._uow_factory, delivery=self._delivery, limit=self._batch_size
            )
        except MailServerUnavailable as error:
            log.warning("mail server unavailable; will retry", extra={"error": error.message})
            return self._backoff.next()
        except Exception:
            log.exception("mail dispatch failed; will retry")
            return self._backoff.next()
        self._backoff.reset()
        return 0.0 if done == self._batch_size else self._idle_seconds
