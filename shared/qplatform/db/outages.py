"""Tell a database that is away from a query that is wrong."""

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout


def is_database_outage(error: BaseException) -> bool:
    """Tell whether `error` means the database cannot be reached now, not that the work is bad.

    A restarting server refuses connections, ends open ones ("terminating connection due
    to administrator command") or leaves the pool without a free connection; none of these
    is the fault of the request or event that met it, and trying again later succeeds.
    """
    if isinstance(error, OperationalError | InterfaceError | PoolTimeout):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated
