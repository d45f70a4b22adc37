"""Wire notifications' real adapters, once per process."""

from datetime import timedelta

from notifications.adapters.links import UnsubscribeLinks
from notifications.adapters.mailer import SmtpMailer
from notifications.adapters.storage import PLUMBING
from notifications.config import MailConfig
from notifications.service_layer.delivery import Delivery, RateLimit
from notifications.service_layer.dispatch import MailDispatcher
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.config import Settings
from qplatform.messaging.backoff import Backoff
from qplatform.runtime import Runtime


def bootstrap(settings: Settings | None = None) -> Runtime[NotificationsUnitOfWork]:
    """Connect notifications to its own database."""
    return Runtime.build(
        settings or Settings.from_env("notifications"),
        PLUMBING,
        unit_of_work=NotificationsUnitOfWork,
    )


def build_links(settings: Settings) -> UnsubscribeLinks:
    """Return the signer of the unsubscribe links in mail."""
    config = MailConfig.of(settings)
    return UnsubscribeLinks(config.unsubscribe_secret, config.public_base_url)


def build_delivery(settings: Settings, rate_limit: RateLimit | None = None) -> Delivery:
    """Return what sends one mail through the configured SMTP server."""
    config = MailConfig.of(settings)
    mailer = SmtpMailer(
        settings.smtp_host,
        settings.smtp_port,
        settings.mail_from,
        timeout=config.smtp_timeout_seconds,
        starttls=config.smtp_starttls,
        ca_file=config.smtp_ca_file,
        username=config.smtp_username,
        password=config.smtp_password,
    )
    links = build_links(settings)
    return Delivery(mailer=mailer, links=links, config=config, rate_limit=rate_limit)


def build_dispatcher(runtime: Runtime[NotificationsUnitOfWork]) -> MailDispatcher:
    """Return the loop that sends queued mail, waiting at most a minute for the server."""
    config = MailConfig.of(runtime.settings)
    longest = max(0.1, min(60.0, config.mail_retry_max_seconds))
    # The senders keep one limit between them, each over its own connection.
    shared = RateLimit(config.mail_rate_per_second)
    senders = max(1, config.mail_senders)
    return MailDispatcher(
        uow_factory=runtime.unit_of_work,
        deliveries=[build_delivery(runtime.settings, shared) for _ in range(senders)],
        idle_seconds=runtime.settings.idle_poll_seconds,
        backoff=lambda: Backoff(initial=min(1.0, longest), maximum=longest),
        interrupted_after=timedelta(seconds=config.mail_interrupted_after_seconds),
    )
