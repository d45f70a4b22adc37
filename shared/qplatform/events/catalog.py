"""The platform's catalog: every topic and event type, from the contracts' own schemas."""

from qplatform.events.contracts import ALL_SPECS
from qplatform.events.spec import Catalog

CATALOG = Catalog(ALL_SPECS)
