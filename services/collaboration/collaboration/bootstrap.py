"""Wire collaboration's real adapters, once per process."""

from collaboration.adapters.storage import PLUMBING
from qplatform.config import Settings
from qplatform.runtime import Runtime


def bootstrap(settings: Settings | None = None) -> Runtime:
    """Connect collaboration to its own database."""
    return Runtime.build(settings or Settings.from_env("collaboration"), PLUMBING)
