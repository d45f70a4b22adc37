"""A real SMTP server on loopback that keeps what it receives, for tests of sending mail."""

import email
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from types import TracebackType
from typing import Any, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    """Return a loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class ReceivedMail:
    """One mail as the server took it: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    message: Message
    over_tls: bool = False
    authenticated: bool = False
    raw: bytes = b""
    # The client's address and port: mails that share it came over one connection.
    peer: tuple[str, int] = ("", 0)

    @property
    def text(self) -> str:
        """Return the plain-text body, decoded."""
        return self.part("text/plain")

    @property
    def html(self) -> str:
        """Return the HTML body, decoded."""
        return self.part("text/html")

    def part(self, content_type: str) -> str:
        """Return the first part of `content_type`, decoded; empty if there is none."""
        for part in self.message.walk():
            if part.get_content_type() == content_type and not part.is_multipart():
                payload = part.get_payload(decode=True)
                return payload.decode() if isinstance(payload, bytes) else str(payload)
        return ""


@dataclass
class _Inbox:
    messages: list[ReceivedMail]
    refused: set[str]
    deferred: set[str]
    on_data: list[Callable[[], None]]

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refused:
            return "550 5.1.1 no such mailbox here"
        if address in self.deferred:
            return "451 4.2.0 mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(raw)
        tls, authenticated = session.ssl is not None, bool(session.authenticated)
        rcpt_tos = list(envelope.rcpt_tos)
        peer = tuple(session.peer[:2])
        mail = ReceivedMail(envelope.mail_from, rcpt_tos, parsed, tls, authenticated, raw, peer)
        self.messages.append(mail)
        for hook in self.on_data:
            hook()
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    """An aiosmtpd server on a fixed loopback port; it can stop and start again on it.

    Given a `tls_context`, it offers STARTTLS and takes neither mail nor AUTH before it.
    """

    port: int = field(default_factory=free_port)
    host: str = "127.0.0.1"
    messages: list[ReceivedMail] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)
    deferred: set[str] = field(default_factory=set)
    login: tuple[str, str] | None = None
    tls_context: ssl.SSLContext | None = None
    # Called once a mail is taken, before the server answers it (to stop the sender there).
    on_data: list[Callable[[], None]] = field(default_factory=list)
    _controller: Controller | None = None

    def start(self) -> None:
        """Listen on `port` until stopped."""
        tls = self.tls_context is not None
        options: dict[str, Any] = {}
        if tls:
            options = {"tls_context": self.tls_context, "require_starttls": True}
        if self.login is not None:
            options |= {
                "authenticator": self._authenticate,
                "auth_required": True,
                "auth_require_tls": tls,
            }
        self._controller = Controller(
            _Inbox(self.messages, self.refused, self.deferred, self.on_data),
            hostname=self.host,
            port=self.port,
            **options,
        )
        self._controller.start()

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        given = (
            (data.login.decode(), data.password.decode())
            if isinstance(data, LoginPassword)
            else None
        )
        return AuthResult(success=given == self.login)

    def stop(self) -> None:
        """Stop listening; the port refuses connections until the next start."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def to(self, address: str) -> list[ReceivedMail]:
        """Return the mail received for `address`."""
        return [mail for mail in self.messages if address in mail.rcpt_tos]

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
