"""What can go wrong in the events service, as kinds of the platform's errors."""

from qplatform.errors import InvalidInput, NotFound


class EventNotFound(NotFound):
    """No event has that id."""


class InvalidTitle(InvalidInput):
    """The title is blank or too long."""


class DescriptionTooLong(InvalidInput):
    """The description is longer than Q allows."""


class UnknownKind(InvalidInput):
    """The kind is not one of the kinds of Q event."""


class UnknownPillar(InvalidInput):
    """The pillar is not one of Q's four pillars."""


class UnknownRegion(InvalidInput):
    """The region is not one of Q's regions."""


class UnknownTimezone(InvalidInput):
    """The time zone is not an IANA time zone name."""


class InvalidSchedule(InvalidInput):
    """The times are not zone-aware, or the event does not end after it starts."""


class InvalidCapacity(InvalidInput):
    """The capacity is not a whole number of at least one place."""
