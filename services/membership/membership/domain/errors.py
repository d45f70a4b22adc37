"""What can go wrong in membership, as kinds of the platform's errors."""

from qplatform.errors import Conflict, InvalidInput, NotFound


class ApplicationNotFound(NotFound):
    """No application has that id."""


class MemberNotFound(NotFound):
    """No member has that id."""


class ApplicationAlreadyDecided(Conflict):
    """The application was already approved, rejected or withdrawn."""


class AlreadyApplied(Conflict):
    """The email has an open application or belongs to a member."""


class UnknownRegion(InvalidInput):
    """The region is not one of Q's regions."""
