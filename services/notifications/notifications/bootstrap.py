"""Wire notifications' real adapters, once per process."""

from datetime import datetime, timedelta

from notifications.adapters.links import UnsubscribeLinks
from notifications.adapters.mailer import SmtpMailer
from notifications.adapters.storage import PLUMBING
from notifications.config import MailConfig
from notifications.service_layer.delivery import Delivery, RateLimit
from notifications.service_layer.dispatch import MailDispatcher
from notifications.service_layer.feedback import queue_feedback_prompts
from notifications.service_layer.reminders import queue_due_reminders
from notifications.service_layer.schedule import DigestSchedule, periodic
from qplatform.config import Settings
from qplatform.messaging.backoff import Backoff
from qplatform.runtime import Runtime
from qplatform.worker import Loop


def bootstrap(settings: Settings | None = None) -> Runtime:
    """Connect notifications to its own database."""
    return Runtime.build(settings or Settings.from_env("notifications"), PLUMBING)


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


def build_dispatcher(runtime: Runtime) -> MailDispatcher:
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


def build_schedules(runtime: Runtime) -> list[Loop]:
    """Return the loops that queue digests, event reminders and coffee feedback prompts."""
    config = MailConfig.of(runtime.settings)
    digest = DigestSchedule(
        uow_factory=runtime.unit_of_work, day=config.digest_day, hour=config.digest_hour_utc
    )

    def remind(moment: datetime) -> int:
        with runtime.unit_of_work() as uow:
            return queue_due_reminders(uow=uow, now=moment)

    def ask_for_feedback(moment: datetime) -> int:
        with runtime.unit_of_work() as uow:
            return queue_feedback_prompts(uow=uow, now=moment)

    return [
        periodic(job, seconds=config.schedule_check_seconds)
        for job in (digest.run_once, remind, ask_for_feedback)
    ]
