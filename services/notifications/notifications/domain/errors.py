"""What can go wrong in notifications, as kinds of the platform's errors."""

from qplatform.errors import ArrivedEarly, Conflict, InvalidInput, NotFound, PlatformError


class NotificationsError(PlatformError):
    """Root of notifications' own failures that are not about a request."""


class MessageNotFound(NotFound):
    """No message has that id."""


class InvalidLink(InvalidInput):
    """An unsubscribe link was not signed by us."""


class UnknownCategory(InvalidInput):
    """No mail category has that name."""


class SuppressionNotFound(NotFound):
    """The member's address is not suppressed."""


class NotificationNotFound(NotFound):
    """The member has no notification with that id."""


class MemberNotFound(NotFound):
    """Notifications knows no member with that id."""


class EventNotKnown(NotificationsError, ArrivedEarly):
    """A registration or change overtook its event's details; the consumer waits for them."""


class MessageNotUncertain(Conflict):
    """Only a mail whose hand-over is in doubt can be sent again or marked sent."""
