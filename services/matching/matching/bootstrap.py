"""Wire matching's real adapters, once per process."""

from matching.adapters.storage import PLUMBING
from qplatform.config import Settings
from qplatform.runtime import Runtime


def bootstrap(settings: Settings | None = None) -> Runtime:
    """Connect matching to its own database."""
    return Runtime.build(settings or Settings.from_env("matching"), PLUMBING)
