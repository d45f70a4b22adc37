"""What can go wrong in matching, as kinds of the platform's errors."""

from qplatform.errors import InvalidInput, NotFound


class ParticipantNotFound(NotFound):
    """No participant has that member id."""


class UnknownRegion(InvalidInput):
    """The region is not one of Q's regions."""
