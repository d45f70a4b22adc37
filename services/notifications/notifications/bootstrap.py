"""Wire notifications' real adapters, once per process."""

from notifications.adapters.mailer import SmtpMailer
from notifications.adapters.storage import PLUMBING
from notifications.service_layer.dispatch import MailDispatcher
from qplatform.config import Settings
from qplatform.runtime import Runtime


def bootstrap(settings: Settings | None = None) -> Runtime:
    """Connect notifications to its own database."""
    return Runtime.build(settings or Settings.from_env("notifications"), PLUMBING)


def build_dispatcher(runtime: Runtime) -> MailDispatcher:
    """Return the loop that sends queued mail through the configured SMTP server."""
    settings = runtime.settings
    mailer = SmtpMailer(settings.smtp_host, settings.smtp_port, settings.mail_from)
    return MailDispatcher(
        uow_factory=runtime.unit_of_work, mailer=mailer, idle_seconds=settings.idle_poll_seconds
    )
