"""Hand mail to an SMTP server."""

import smtplib
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Protocol

from qplatform.errors import PlatformError


class MailNotSent(PlatformError):
    """The mail server did not take a mail."""


class MailServerUnavailable(MailNotSent):
    """The mail server could not be reached or failed for now; trying later may work."""


class MailRejected(MailNotSent):
    """The mail server refused the recipient for good; trying again will not help."""


class Mailer(Protocol):
    """Whatever hands a plain-text mail to a mail server."""

    def send(self, to: str, subject: str, text: str, message_id: str) -> None: ...


class SmtpMailer:
    """Send plain-text mail through one SMTP server, one connection per mail."""

    def __init__(self, host: str, port: int, sender: str, *, timeout: float = 10.0) -> None:
        self._host = host
        self._port = port
        self._sender = sender
        self._timeout = timeout

    def send(self, to: str, subject: str, text: str, message_id: str) -> None:
        """Send `text` to `to`; `message_id` keeps its Message-ID the same on a resend."""
        mail = EmailMessage()
        mail["From"] = self._sender
        mail["To"] = to
        mail["Subject"] = subject
        mail["Message-ID"] = f"<{message_id}@{_domain_of(self._sender)}>"
        mail.set_content(text)
        address = parseaddr(to)[1]
        try:
            with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as smtp:
                smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            replies = list(error.recipients.values())
            kind = (
                MailRejected if all(code >= 500 for code, _ in replies) else MailServerUnavailable
            )
            detail = "; ".join(f"{code} {_text(reply)}" for code, reply in replies)
            raise kind(_without(address, f"recipient refused: {detail}")) from error
        except (OSError, smtplib.SMTPException) as error:
            raise MailServerUnavailable(_without(address, error)) from error


def _domain_of(sender: str) -> str:
    return parseaddr(sender)[1].rpartition("@")[2] or "notifications.q"


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply


def _without(address: str, detail: object) -> str:
    # Server replies often echo the recipient; errors are shown to staff without it.
    text = (
        f"{type(detail).__name__}: {detail}" if isinstance(detail, BaseException) else str(detail)
    )
    return text.replace(address, "<recipient>") if address else text
