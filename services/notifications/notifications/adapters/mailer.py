"""Hand mail to an SMTP server, with optional STARTTLS and credentials."""

import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
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


class MailUnbuildable(MailNotSent):
    """The mail cannot be written as a valid message; trying again will not help."""


class MailHandoverUncertain(PlatformError):
    """The connection broke after the message was handed over, before the server replied."""


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


@dataclass(frozen=True)
class SealedMail:
    """A mail written out as the bytes the server gets, and the mailbox it goes to."""

    to: str
    data: bytes


class Mailer(Protocol):
    """Whatever hands a mail to a mail server."""

    def build(self, mail: OutgoingMail) -> SealedMail: ...

    def send(self, mail: SealedMail) -> None: ...

    def close(self) -> None: ...


@dataclass
class SmtpMailer:
    """Send mail through one SMTP server, keeping its connection open between mails.

    A connection costs a handshake (and with STARTTLS a TLS negotiation); reusing it
    lets a burst leave at the configured rate. With `starttls`, the server's certificate
    is checked against the system's trusted authorities, or only those in `ca_file`.
    """

    host: str
    port: int
    sender: str
    timeout: float = 10.0
    starttls: bool = False
    username: str = ""
    password: str = ""
    ca_file: str = ""
    _smtp: smtplib.SMTP | None = field(default=None, init=False, repr=False)

    def send(self, mail: SealedMail) -> None:
        """Hand `mail` to the server, over the open connection if there is one."""
        address = mail.to
        try:
            self._transfer(mail.data, address)
        except smtplib.SMTPRecipientsRefused as error:
            replies = list(error.recipients.values())
            permanent = all(code >= 500 for code, _ in replies)
            detail = "; ".join(f"{code} {_text(reply)}" for code, reply in replies)
            kind = MailRejected if permanent else MailDeferred
            raise kind(_without(address, f"recipient refused: {detail}")) from error
        except smtplib.SMTPDataError as error:
            # Start the next mail on a fresh connection, whatever state this one is in.
            self.close()
            kind = MailRejected if error.smtp_code >= 500 else MailDeferred
            raise kind(_without(address, error)) from error
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise MailServerUnavailable(_without(address, error)) from error

    def close(self) -> None:
        """Hang up, if a connection is open."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()

    def build(self, mail: OutgoingMail) -> SealedMail:
        """Write `mail` as an RFC 5322 message, or raise MailUnbuildable saying why.

        Its `message_id` keeps the Message-ID the same on a resend.
        """
        address = parseaddr(mail.to)[1]
        try:
            # Flattening is where a header with a line break is refused: do it here.
            data = self._build(mail).as_bytes(policy=POLICY)
        except (ValueError, TypeError, LookupError) as error:
            raise MailUnbuildable(_without(address, f"cannot build the mail: {error}")) from error
        return SealedMail(to=address, data=data)

    def _transfer(self, data: bytes, address: str) -> None:
        smtp = self._envelope_from()
        code, reply = smtp.rcpt(address)
        if code not in (250, 251):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused({address: (code, reply)})
        try:
            code, reply = smtp.data(data)
        except smtplib.SMTPResponseException:
            raise
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            # The message may have reached the server: sending it again could double it.
            raise MailHandoverUncertain(_without(address, error)) from error
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPDataError(code, reply)

    def _envelope_from(self) -> smtplib.SMTP:
        reused = self._smtp is not None
        smtp = self._connection()
        try:
            code, reply = smtp.mail(parseaddr(self.sender)[1])
        except (OSError, smtplib.SMTPServerDisconnected):
            if not reused:
                raise
            code, reply = 421, b"connection lost"
        if code == 421 and reused:
            # The server hung up a connection left idle: open a fresh one, once.
            self.close()
            smtp = self._connection()
            code, reply = smtp.mail(parseaddr(self.sender)[1])
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, reply, self.sender)
        return smtp

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            try:
                smtp.ehlo()
                self._log_in(smtp)
            except BaseException:
                smtp.close()
                raise
            self._smtp = smtp
        return self._smtp

    def _log_in(self, smtp: smtplib.SMTP) -> None:
        if self.starttls:
            # Without STARTTLS on offer this raises, so the mail waits rather than go in clear.
            smtp.starttls(context=ssl.create_default_context(cafile=self.ca_file or None))
            smtp.ehlo()
        if self.username:
            smtp.login(self.username, self.password)

    def _build(self, mail: OutgoingMail) -> EmailMessage:
        address = parseaddr(mail.to)[1]
        if not address.isascii() or "@" not in address:
            raise ValueError("the address is not a plain ASCII mailbox the server can take")
        message = EmailMessage(policy=POLICY)
        message["From"] = self.sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Date"] = format_datetime(datetime.now(UTC))
        message["Message-ID"] = f"<{mail.message_id}@{_domain_of(self.sender)}>"
        for name, value in mail.headers.items():
            message[name] = value
        message.set_content(mail.text)
        if mail.html is not None:
            message.add_alternative(mail.html, subtype="html")
        for attachment in mail.attachments:
            maintype, _, subtype = attachment.content_type.partition("/")
            if maintype == "text":
                # Text attachments (a calendar entry) say their charset, as RFC 2046 asks.
                message.add_attachment(
                    attachment.content, subtype=subtype, filename=attachment.filename
                )
            else:
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
