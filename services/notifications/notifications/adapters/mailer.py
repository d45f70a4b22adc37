"""Hand mail to an SMTP server, with optional STARTTLS and credentials."""

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import parseaddr
from typing import Protocol

from notifications.domain.letters import Attachment
from qplatform.errors import PlatformError

# Long header values (a List-Unsubscribe link) must stay plain text, not encoded words.
POLICY = SMTP.clone(max_line_length=998)


class MailNotSent(PlatformError):
    """The mail server did not take a mail."""


class MailServerUnavailable(MailNotSent):
    """The mail server could not be reached or failed as a whole; trying later may work."""


class MailDeferred(MailNotSent):
    """The mail server refused this mail for now (a 4xx reply); trying later may work."""


class MailRejected(MailNotSent):
    """The mail server refused the recipient for good; trying again will not help."""


@dataclass(frozen=True)
class OutgoingMail:
    """One addressed mail with its parts and extra headers."""

    to: str
    subject: str
    text: str
    html: str | None
    message_id: str
    headers: dict[str, str] = field(default_factory=dict)
    attachments: list[Attachment] = field(default_factory=list)


class Mailer(Protocol):
    """Whatever hands a mail to a mail server."""

    def send(self, mail: OutgoingMail) -> None: ...


@dataclass(frozen=True)
class SmtpMailer:
    """Send mail through one SMTP server, one connection per mail.

    With `starttls`, the server's certificate is checked against the system's trusted
    authorities, or only those in `ca_file` when it is given.
    """

    host: str
    port: int
    sender: str
    timeout: float = 10.0
    starttls: bool = False
    username: str = ""
    password: str = ""
    ca_file: str = ""

    def send(self, mail: OutgoingMail) -> None:
        """Send `mail`; its `message_id` keeps the Message-ID the same on a resend."""
        address = parseaddr(mail.to)[1]
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                self._log_in(smtp)
                smtp.send_message(self._build(mail))
        except smtplib.SMTPRecipientsRefused as error:
            replies = list(error.recipients.values())
            permanent = all(code >= 500 for code, _ in replies)
            detail = "; ".join(f"{code} {_text(reply)}" for code, reply in replies)
            kind = MailRejected if permanent else MailDeferred
            raise kind(_without(address, f"recipient refused: {detail}")) from error
        except smtplib.SMTPDataError as error:
            kind = MailRejected if error.smtp_code >= 500 else MailDeferred
            raise kind(_without(address, error)) from error
        except (OSError, smtplib.SMTPException) as error:
            raise MailServerUnavailable(_without(address, error)) from error

    def _log_in(self, smtp: smtplib.SMTP) -> None:
        if self.starttls:
            # Without STARTTLS on offer this raises, so the mail waits rather than go in clear.
            smtp.starttls(context=ssl.create_default_context(cafile=self.ca_file or None))
        if self.username:
            smtp.login(self.username, self.password)

    def _build(self, mail: OutgoingMail) -> EmailMessage:
        message = EmailMessage(policy=POLICY)
        message["From"] = self.sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Message-ID"] = f"<{mail.message_id}@{_domain_of(self.sender)}>"
        for name, value in mail.headers.items():
            message[name] = value
        message.set_content(mail.text)
        if mail.html is not None:
            message.add_alternative(mail.html, subtype="html")
        for attachment in mail.attachments:
            maintype, _, subtype = attachment.content_type.partition("/")
            message.add_attachment(
                attachment.content.encode(),
                maintype=maintype,
                subtype=subtype,
                filename=attachment.filename,
            )
        return message


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
