"""Send queued mail that is due: claim, mark it being sent, hand it over, record the outcome."""

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import timedelta

from prometheus_client import Counter, Gauge

from notifications.adapters.mailer import MailServerUnavailable, SealedMail
from notifications.domain.model import Message, MessageState
from notifications.service_layer.delivery import TAKEN, Delivery
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.messaging.backoff import Backoff
from qplatform.tracing import Carrier, sending_mail

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

MAIL_OLDEST_QUEUED_AGE = Gauge(
    "qp_mail_oldest_queued_age_seconds",
    "Age of the oldest mail still queued (due, deferred, or waiting for its member's address).",
)

UnitOfWorkFactory = Callable[[], NotificationsUnitOfWork]


def dispatch_pending(*, uow_factory: UnitOfWorkFactory, delivery: Delivery, limit: int) -> int:
    """Try up to `limit` due mails, oldest first; return how many were tried.

    When the mail server is away, record the attempt on the mail at the head of the queue
    and raise MailServerUnavailable; the mail stays queued for a later pass.
    """
    done = 0
    try:
        while done < limit and _dispatch_next(uow_factory, delivery):
            done += 1
    finally:
        # One connection carries the whole pass; a handshake per pass costs next to nothing.
        delivery.mailer.close()
    return done


def _dispatch_next(uow_factory: UnitOfWorkFactory, delivery: Delivery) -> bool:
    with uow_factory() as uow:
        claimed = uow.messages.claim_next_due(uow.clock.now())
        if claimed is None:
            return False
        message, contact = claimed
        sealed = delivery.prepare(uow, message, contact)
        if sealed == TAKEN:
            uow.rollback()
            return True
        # Committed before the hand-over: a crash from here on leaves the mail `sending`.
        uow.commit()
        message_id, template = message.id, message.template
        cause = Carrier(message.traceparent, message.tracestate)
        queued_seconds = (uow.clock.now() - message.created_at).total_seconds()
        if isinstance(sealed, str):
            MAIL_DISPATCHED.labels(template, sealed).inc()
            return True
    with sending_mail(
        cause, template=template, message_id=message_id, queued_seconds=queued_seconds
    ):
        _hand_over(uow_factory, delivery, sealed, message_id, template)
    return True


def _hand_over(
    uow_factory: UnitOfWorkFactory,
    delivery: Delivery,
    sealed: SealedMail,
    message_id: str,
    template: str,
) -> None:
    outcome = delivery.hand_over(sealed)
    with uow_factory() as uow:
        sent = uow.messages.get(message_id)
        assert sent is not None, "a mail being sent is never deleted"
        try:
            delivery.record(uow, sent, outcome)
        finally:
            uow.commit()
            MAIL_DISPATCHED.labels(template, _outcome(sent)).inc()


def _outcome(message: Message) -> str:
    return "deferred" if message.state == MessageState.QUEUED else message.state.value


def mark_interrupted(*, uow_factory: UnitOfWorkFactory, older_than: timedelta) -> int:
    """Mark `uncertain` the mail left `sending` longer than `older_than`; return how many.

    Such a mail was being handed over when its worker or the database went away: it may
    have reached the server, so it is not sent again without a decision.
    """
    with uow_factory() as uow:
        stale = uow.messages.sending_since_before(uow.clock.now() - older_than)
        for message in stale:
            message.mark_uncertain("the worker stopped while handing it over")
            log.warning("mail may or may not have been sent", extra={"message_id": message.id})
        uow.commit()
        MAIL_UNCERTAIN.set(uow.messages.count_in_state(MessageState.UNCERTAIN))
        measure_queue_age(uow)
        return len(stale)


def measure_queue_age(uow: NotificationsUnitOfWork) -> None:
    """Set the queue-age gauge from the oldest mail still queued (0 when none is)."""
    oldest = uow.messages.oldest_created_in_state(MessageState.QUEUED)
    MAIL_OLDEST_QUEUED_AGE.set((uow.clock.now() - oldest).total_seconds() if oldest else 0.0)


class MailDispatcher:
    """The worker loop that sends due mail, backing off while the mail server is away.

    Each of its senders holds its own connection to the mail server and they share one
    rate limit, so a burst leaves at the configured rate even when one mail's round trip
    (database, TLS, a distant server) takes longer than the gap the limit allows.
    """

    def __init__(
        self,
        *,
        uow_factory: UnitOfWorkFactory,
        deliveries: Sequence[Delivery],
        idle_seconds: float,
        batch_size: int = 50,
        backoff: Callable[[], Backoff] = lambda: Backoff(initial=1.0, maximum=60.0),
        interrupted_after: timedelta = timedelta(minutes=2),
    ) -> None:
        self._uow_factory = uow_factory
        self._deliveries = deliveries
        self._idle_seconds = idle_seconds
        self._batch_size = batch_size
        self._backoff = backoff
        self._interrupted_after = interrupted_after

    def run(self, stop: threading.Event) -> None:
        """Send mail with every sender until `stop` is set."""
        others = [
            threading.Thread(target=self._send, args=(delivery, stop), name=f"mail-sender-{n}")
            for n, delivery in enumerate(self._deliveries[1:], start=1)
        ]
        for thread in others:
            thread.start()
        try:
            self._send(self._deliveries[0], stop, watch=True)
        finally:
            for thread in others:
                thread.join()

    def _send(self, delivery: Delivery, stop: threading.Event, *, watch: bool = False) -> None:
        backoff = self._backoff()
        while not stop.is_set():
            stop.wait(self._pass(delivery, backoff, watch))

    def _pass(self, delivery: Delivery, backoff: Backoff, watch: bool) -> float:
        try:
            if watch:
                mark_interrupted(uow_factory=self._uow_factory, older_than=self._interrupted_after)
            done = dispatch_pending(
                uow_factory=self._uow_factory, delivery=delivery, limit=self._batch_size
            )
        except MailServerUnavailable as error:
            log.warning("mail server unavailable; will retry", extra={"error": error.message})
            return backoff.next()
        except Exception:
            log.exception("mail dispatch failed; will retry")
            return backoff.next()
        backoff.reset()
        return 0.0 if done == self._batch_size else self._idle_seconds
