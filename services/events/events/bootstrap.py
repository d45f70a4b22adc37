"""Wire the events service's real adapters, once per process."""

from events.adapters.storage import PLUMBING
from events.service_layer.unit_of_work import EventsUnitOfWork
from qplatform.config import Settings
from qplatform.runtime import Runtime


def bootstrap(settings: Settings | None = None) -> Runtime[EventsUnitOfWork]:
    """Connect the events service to its own database."""
    return Runtime.build(
        settings or Settings.from_env("events"), PLUMBING, unit_of_work=EventsUnitOfWork
    )
