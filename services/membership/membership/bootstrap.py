"""Wire membership's real adapters, once per process."""

from membership.adapters.storage import PLUMBING
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.config import Settings
from qplatform.runtime import Runtime


def bootstrap(settings: Settings | None = None) -> Runtime[MembershipUnitOfWork]:
    """Connect membership to its own database."""
    return Runtime.build(
        settings or Settings.from_env("membership"),
        PLUMBING,
        unit_of_work=MembershipUnitOfWork,
    )
