"""Send queued mail to members whose address is known, committing after each mail."""

import logging
import threading
from collections.abc import Callable
from email.utils import formataddr

from prometheus_client import Counter

from notifications.adapters.mailer import Mailer, MailRejected, MailServerUnavailable
from notifications.adapters.storage import Messages
from notifications.domain.model import Contact, Message
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.backoff import Backoff

log = logging.getLogger(__name__)

MAIL_DISPATCHED = Counter(
    "qp_mail_dispatched_total",
    "Mail the dispatcher handed over or gave up on, by outcome.",
    ["template", "outcome"],
)

UnitOfWorkFactory = Callable[[], UnitOfWork]


def dispatch_pending(*, uow_factory: UnitOfWorkFactory, mailer: Mailer, limit: int) -> int:
    """Send up to `limit` queued mails, oldest first; return how many left the queue.

    When the mail server is away, record the attempt on the mail at the head of the queue
    and raise MailServerUnavailable; the mail stays queued for the next pass.
    """
    done = 0
    while done < limit and _dispatch_next(uow_factory, mailer):
        done += 1
    return done


def _dispatch_next(uow_factory: UnitOfWorkFactory, mailer: Mailer) -> bool:
    # The claim is held while the mail goes out, so a crash resends at most this one mail.
    with uow_factory() as uow:
        claimed = Messages(uow.session).claim_next_deliverable()
        if claimed is None:
            return False
        message, contact = claimed
        try:
            _send(mailer, message, contact)
        except MailServerUnavailable as error:
            message.record_retry(error.message)
            uow.commit()
            MAIL_DISPATCHED.labels(message.template, "retry").inc()
            raise
        except MailRejected as error:
            message.mark_failed(error.message)
            log.warning(
                "mail refused for good", extra={"message_id": message.id, "error": error.message}
            )
        else:
            message.mark_sent()
        uow.commit()
        MAIL_DISPATCHED.labels(message.template, message.state.value).inc()
        return True


def _send(mailer: Mailer, message: Message, contact: Contact) -> None:
    mailer.send(
        formataddr((contact.display_name, contact.email)),
        message.subject,
        message.body_text,
        message.mail_id,
    )


class MailDispatcher:
    """The worker loop that sends queued mail, backing off while the mail server is away."""

    def __init__(
        self,
        *,
        uow_factory: UnitOfWorkFactory,
        mailer: Mailer,
        idle_seconds: float,
        batch_size: int = 50,
        backoff: Backoff | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._mailer = mailer
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
                uow_factory=self._uow_factory, mailer=self._mailer, limit=self._batch_size
            )
        except MailServerUnavailable as error:
            log.warning("mail server unavailable; will retry", extra={"error": error.message})
            return self._backoff.next()
        except Exception:
            log.exception("mail dispatch failed; will retry")
            return self._backoff.next()
        self._backoff.reset()
        return 0.0 if done == self._batch_size else self._idle_seconds
