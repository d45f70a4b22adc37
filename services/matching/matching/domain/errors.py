"""What can go wrong in matching, as kinds of the platform's errors."""

from qplatform.errors import Conflict, Forbidden, InvalidInput, NotFound


class ParticipantNotFound(NotFound):
    """No participant has that member id."""


class UnknownRegion(InvalidInput):
    """The region is not one of Q's regions."""


class InvalidChoice(InvalidInput):
    """A participation choice breaks a rule (a pause in the past, avoiding oneself)."""


class RoundNotFound(NotFound):
    """No coffee round has that id."""


class RoundNotCompleted(Conflict):
    """The round has not completed, so it has no pairs to audit yet."""


class MatchNotFound(NotFound):
    """No match has that id."""


class NotInMatch(Forbidden):
    """Only the members of a match answer for it."""


class FeedbackAlreadyGiven(Conflict):
    """The member already said whether they met."""
