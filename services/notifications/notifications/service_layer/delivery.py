"""Send one claimed mail: check it may go, write it, hand it over, record the outcome.

A mail is recorded as being sent (and committed) before it is handed to the server, and
its outcome is recorded after. If the process or the database dies in between, the mail
stays marked `sending` and is later marked `uncertain` for staff to decide, never sent twice
on its own.
"""

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from email.utils import formataddr

from notifications.adapters.links import UnsubscribeLinks
from notifications.adapters.mailer import (
    MailDeferred,
    Mailer,
    MailHandoverUncertain,
    MailNotSent,
    MailRejected,
    MailServerUnavailable,
    MailUnbuildable,
    OutgoingMail,
    SealedMail,
)
from notifications.adapters.templates import render
from notifications.config import MailConfig
from notifications.domain.letters import SECRET_TEMPLATES, attachments_of
from notifications.domain.model import Contact, Message, address_hash
from notifications.service_layer.applicants import forget_once_out
from notifications.service_layer.outcomes import give_up, record_sent
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

log = logging.getLogger(__name__)

REFUSED, UNBUILDABLE, TAKEN = "refused", "unbuildable", "taken"


class RateLimit:
    """Space hand-overs so no more than `per_second` mails leave each second."""

    def __init__(self, per_second: float) -> None:
        self._interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        """Block until the next mail may leave."""
        with self._lock:
            moment = time.monotonic()
            delay = self._next - moment
            self._next = max(self._next, moment) + self._interval
        if delay > 0:
            time.sleep(delay)


@dataclass(frozen=True)
class HandOver:
    """What became of one hand-over: nothing went wrong, or the error that did."""

    error: MailNotSent | MailHandoverUncertain | None = None


@dataclass
class Delivery:
    """What sending needs: the mail server, the links, the retry policy and the pace."""

    mailer: Mailer
    links: UnsubscribeLinks
    config: MailConfig
    # Senders that share one limit keep to it together.
    rate_limit: RateLimit | None = None

    def __post_init__(self) -> None:
        if self.rate_limit is None:
            self.rate_limit = RateLimit(self.config.mail_rate_per_second)

    def prepare(
        self, uow: NotificationsUnitOfWork, message: Message, contact: Contact
    ) -> SealedMail | str:
        """Write `message` and mark it being sent, or fail it and say why it cannot go.

        The reason is `refused` (the member or the address takes no such mail),
        `unbuildable` (it cannot be written as a valid message) or `taken` (another
        sender marked it first; nothing is changed).
        """
        refusal = self._refusal(uow, message, contact)
        sealed: SealedMail | None = None
        unbuildable = False
        if refusal is None:
            try:
                sealed = self.mailer.build(self._compose(message, contact))
            except MailUnbuildable as error:
                refusal, unbuildable = error.message, True
        if not uow.messages.take(message.id, uow.clock.now()):
            return TAKEN
        if sealed is not None:
            message.start_sending(uow.clock.now())
            return sealed
        assert refusal is not None
        give_up(uow, message, refusal, attempted=False)
        forget_once_out(uow, message)
        if unbuildable:
            log.error(
                "a mail cannot be built and has failed",
                extra={"message_id": message.id, "template": message.template},
            )
            return UNBUILDABLE
        return REFUSED

    def hand_over(self, sealed: SealedMail) -> HandOver:
        """Give `sealed` to the mail server at the configured pace; say how it went."""
        if self.rate_limit is not None:
            self.rate_limit.wait()
        try:
            self.mailer.send(sealed)
        except (MailNotSent, MailHandoverUncertain) as error:
            return HandOver(error)
        return HandOver()

    def record(self, uow: NotificationsUnitOfWork, message: Message, outcome: HandOver) -> None:
        """Record what became of a mail handed over; raise if the server was away."""
        error = outcome.error
        if error is None:
            record_sent(uow, message)
            if message.template in SECRET_TEMPLATES:
                message.scrub()
                message.context = {}
        elif isinstance(error, MailHandoverUncertain):
            message.mark_uncertain(f"the connection broke during hand-over: {error.message}")
        elif isinstance(error, MailRejected | MailUnbuildable):
            give_up(uow, message, error.message)
        elif isinstance(error, MailDeferred):
            self._defer(message, error.message, uow.clock.now())
            if message.attempts >= self.config.mail_max_attempts:
                reason = f"gave up after {message.attempts} attempts: {error.message}"
                give_up(uow, message, reason, attempted=False)
        else:
            self._defer(message, error.message, uow.clock.now())
        forget_once_out(uow, message)
        if isinstance(error, MailServerUnavailable):
            raise error

    def _defer(self, message: Message, error: str, at: datetime) -> None:
        message.defer(
            error,
            at=at,
            initial=self.config.mail_retry_initial_seconds,
            maximum=self.config.mail_retry_max_seconds,
        )

    def _refusal(
        self, uow: NotificationsUnitOfWork, message: Message, contact: Contact
    ) -> str | None:
        suppression = uow.suppressions.get(message.member_id)
        if suppression is not None and suppression.address_hash == address_hash(contact.email):
            return f"address suppressed: {suppression.reason}"
        if message.transactional:
            return None
        preference = uow.preferences.get(message.member_id, message.category)
        if preference is None or not preference.subscribed:
            return f"member does not want {message.category} mail"
        return None

    def _compose(self, message: Message, contact: Contact) -> OutgoingMail:
        unsubscribe = None
        headers: dict[str, str] = {}
        if not message.transactional:
            unsubscribe = self.links.url(message.member_id, message.category)
            headers["List-Unsubscribe"] = f"<{unsubscribe}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        context = {
            "display_name": contact.display_name,
            "site_url": self.config.site_url.rstrip("/"),
            **message.context,
        }
        try:
            letter = render(
                message.template, context, category=message.category, unsubscribe_url=unsubscribe
            )
        except Exception as error:
            # A template that cannot be written for this mail fails it alone.
            raise MailUnbuildable(f"cannot write the mail: {type(error).__name__}") from error
        try:
            to = formataddr((contact.display_name, contact.email))
        except ValueError as error:
            reason = "cannot build the mail: the address is not ASCII"
            raise MailUnbuildable(reason) from error
        message.body_text, message.body_html = letter.text, letter.html
        return OutgoingMail(
            to=to,
            subject=message.subject,
            text=letter.text,
            html=letter.html,
            message_id=message.mail_id,
            headers=headers,
            attachments=attachments_of(message.attachments),
        )
