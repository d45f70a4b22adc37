"""Send one claimed mail: check it may go, write it, hand it over, record the outcome."""

import threading
import time
from dataclasses import dataclass, field
from email.utils import formataddr

from notifications.adapters.consent import Preferences, Suppressions
from notifications.adapters.links import UnsubscribeLinks
from notifications.adapters.mailer import (
    MailDeferred,
    Mailer,
    MailRejected,
    MailServerUnavailable,
    OutgoingMail,
)
from notifications.adapters.templates import render
from notifications.config import MailConfig
from notifications.domain.letters import SECRET_TEMPLATES, attachments_of
from notifications.domain.model import Contact, Message, address_hash
from notifications.service_layer.applicants import forget_once_out
from notifications.service_layer.outcomes import give_up, record_sent
from qplatform.db.unit_of_work import UnitOfWork


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


@dataclass
class Delivery:
    """What sending needs: the mail server, the links, the retry policy and the pace."""

    mailer: Mailer
    links: UnsubscribeLinks
    config: MailConfig
    rate_limit: RateLimit = field(init=False)

    def __post_init__(self) -> None:
        self.rate_limit = RateLimit(self.config.mail_rate_per_second)

    def deliver(self, uow: UnitOfWork, message: Message, contact: Contact) -> None:
        """Send `message` to `contact`, or record why not; raise if the server is away."""
        self._hand_over(uow, message, contact)
        forget_once_out(uow, message)

    def _hand_over(self, uow: UnitOfWork, message: Message, contact: Contact) -> None:
        refusal = self._refusal(uow, message, contact)
        if refusal is not None:
            give_up(uow, message, refusal, attempted=False)
            return
        self.rate_limit.wait()
        try:
            self.mailer.send(self._compose(message, contact))
        except MailServerUnavailable as error:
            self._defer(message, error.message)
            raise
        except MailRejected as error:
            give_up(uow, message, error.message)
        except MailDeferred as error:
            self._defer(message, error.message)
            if message.attempts >= self.config.mail_max_attempts:
                reason = f"gave up after {message.attempts} attempts: {error.message}"
                give_up(uow, message, reason, attempted=False)
        else:
            record_sent(uow, message)
            if message.template in SECRET_TEMPLATES:
                message.scrub()
                message.context = {}

    def _defer(self, message: Message, error: str) -> None:
        message.defer(
            error,
            initial=self.config.mail_retry_initial_seconds,
            maximum=self.config.mail_retry_max_seconds,
        )

    def _refusal(self, uow: UnitOfWork, message: Message, contact: Contact) -> str | None:
        suppression = Suppressions(uow.session).get(message.member_id)
        if suppression is not None and suppression.address_hash == address_hash(contact.email):
            return f"address suppressed: {suppression.reason}"
        if message.transactional:
            return None
        preference = Preferences(uow.session).get(message.member_id, message.category)
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
        letter = render(
            message.template, context, category=message.category, unsubscribe_url=unsubscribe
        )
        message.body_text, message.body_html = letter.text, letter.html
        return OutgoingMail(
            to=formataddr((contact.display_name, contact.email)),
            subject=message.subject,
            text=letter.text,
            html=letter.html,
            message_id=message.mail_id,
            headers=headers,
            attachments=attachments_of(message.attachments),
        )
