"""Wire matching's real adapters, once per process."""

from matching.adapters.storage import PLUMBING
from matching.service_layer.unit_of_work import MatchingUnitOfWork
from qplatform.config import Settings
from qplatform.runtime import Runtime


def bootstrap(settings: Settings | None = None) -> Runtime[MatchingUnitOfWork]:
    """Connect matching to its own database."""
    settings = settings or Settings.from_env("matching")
    return Runtime.build(settings, PLUMBING, unit_of_work=MatchingUnitOfWork)
