"""What can go wrong in collaboration, as kinds of the platform's errors."""

from qplatform.errors import Conflict, Forbidden, InvalidInput, NotFound


class CohortNotFound(NotFound):
    """No Lab cohort has that id."""


class TeamNotFound(NotFound):
    """No team of that cohort has that id."""


class ResourceNotFound(NotFound):
    """No resource in the library has that id."""


class SurveyNotFound(NotFound):
    """No survey has that id."""


class CohortNotOpen(Conflict):
    """The cohort takes no more applications, or is already closed."""


class AlreadyDone(Conflict):
    """The member already did this once (applied, answered, was selected)."""


class RuleBroken(InvalidInput):
    """The request breaks one of the Lab's, library's or survey's rules."""


class NotYours(Forbidden):
    """The caller may not act here: not a participant, not in the team, not in the audience."""
