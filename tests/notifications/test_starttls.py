"""Mail goes out over STARTTLS with credentials, and never in clear when TLS is wanted."""

import ssl
from dataclasses import replace
from pathlib import Path

import pytest
import trustme

from notifications.adapters.mailer import MailServerUnavailable
from notifications.bootstrap import build_delivery
from notifications.config import MailConfig
from notifications.domain.model import MessageState
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.config import Settings
from qplatform.runtime import Runtime
from tests.notifications.examples import contact_recorded, handle, member_joined, messages_of
from tests.notifications.examples import new_member_id as new_id
from tests.notifications.smtp_server import SmtpServer

LOGIN = ("q-mailer", "s3cret")


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    """Return a certificate authority made for these tests."""
    return trustme.CA()


@pytest.fixture(scope="module")
def ca_file(authority: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write the test authority's certificate where the sender can be told to trust it."""
    path = tmp_path_factory.mktemp("tls") / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return path


def tls_context(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


def with_server(settings: Settings, server: SmtpServer, **mail: object) -> Settings:
    login = {"smtp_username": LOGIN[0], "smtp_password": LOGIN[1], "smtp_starttls": True}
    quick = {"smtp_timeout_seconds": 5, "mail_retry_initial_seconds": 0}
    extra = {**login, **quick, **mail}
    return replace(settings, smtp_host=server.host, smtp_port=server.port, extra=extra)


def queue_welcome(runtime: Runtime) -> str:
    member_id = new_id()
    handle(runtime, member_joined(member_id), contact_recorded(member_id, "asha@example.org"))
    return member_id


def dispatch(runtime: Runtime, settings: Settings) -> int:
    delivery = build_delivery(settings)
    return dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery, limit=5)


def test_mail_goes_out_only_after_starttls_and_login(
    settings: Settings, runtime: Runtime, authority: trustme.CA, ca_file: Path
) -> None:
    member_id = queue_welcome(runtime)
    with SmtpServer(login=LOGIN, tls_context=tls_context(authority)) as server:
        assert dispatch(runtime, with_server(settings, server, smtp_ca_file=str(ca_file))) == 1
    [mail] = server.to("asha@example.org")
    assert (mail.over_tls, mail.authenticated) == (True, True)
    assert mail.message["Subject"] == "Welcome to Q"
    assert messages_of(runtime, member_id)[0].state == MessageState.SENT


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize(
    ("offers_tls", "trusted", "error"),
    [
        (False, True, "STARTTLS extension not supported"),
        (True, False, "CERTIFICATE_VERIFY_FAILED"),
    ],
)
def test_mail_waits_rather_than_go_in_clear_or_to_an_untrusted_server(
    settings: Settings,
    runtime: Runtime,
    authority: trustme.CA,
    ca_file: Path,
    offers_tls: bool,
    trusted: bool,
    error: str,
) -> None:
    member_id = queue_welcome(runtime)
    context = tls_context(authority) if offers_tls else None
    trust = {"smtp_ca_file": str(ca_file)} if trusted else {}
    with (
        SmtpServer(login=LOGIN, tls_context=context) as server,
        pytest.raises(MailServerUnavailable),
    ):
        dispatch(runtime, with_server(settings, server, **trust))
    assert server.messages == []
    [message] = messages_of(runtime, member_id)
    assert (message.state, message.attempts) == (MessageState.QUEUED, 1)
    assert message.last_error and error in message.last_error


def test_the_ca_file_and_starttls_come_from_the_environment(settings: Settings) -> None:
    env = {"QP_SMTP_STARTTLS": "true", "QP_SMTP_CA_FILE": "/etc/q/smtp-ca.pem"}
    config = MailConfig.of(replace(settings, extra={}), env=env)
    assert (config.smtp_starttls, config.smtp_ca_file) == (True, "/etc/q/smtp-ca.pem")
    assert MailConfig.of(replace(settings, extra={}), env={}).smtp_ca_file == ""
