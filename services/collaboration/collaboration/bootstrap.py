"""Wire collaboration's real adapters, once per process."""

from collaboration.adapters.storage import PLUMBING
from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork
from qplatform.config import Settings
from qplatform.runtime import Runtime


def bootstrap(settings: Settings | None = None) -> Runtime[CollaborationUnitOfWork]:
    """Connect collaboration to its own database."""
    return Runtime.build(
        settings or Settings.from_env("collaboration"),
        PLUMBING,
        unit_of_work=CollaborationUnitOfWork,
    )
