"""The exception root of the platform, and the kinds of failure every service shares.

Each service subclasses these for its own rules; `qplatform.web.errors` maps each kind to
one HTTP status, in one place.
"""


class PlatformError(Exception):
    """Root of every error the platform raises on purpose."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(PlatformError):
    """The request is well formed but breaks a rule about one of its fields."""


class NotFound(PlatformError):
    """The thing asked for does not exist."""


class Conflict(PlatformError):
    """The request clashes with the current state (a duplicate, a decided application)."""


class Unauthorized(PlatformError):
    """No valid credential came with the request."""


class Forbidden(PlatformError):
    """The credential is valid but may not do this."""


class EventContractViolation(PlatformError):
    """An event does not match the schema of its type and version."""


class ArrivedEarly(PlatformError):
    """An event refers to something this service has not heard of yet (on another topic).

    The consumer holds the event's partition back and tries again shortly, keeping the
    partition's order, and parks the event only if what it waits for never comes.
    """
