"""What can go wrong in membership, as kinds of the platform's errors."""

from qplatform.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized


class ApplicationNotFound(NotFound):
    """No application has that id."""


class MemberNotFound(NotFound):
    """No member has that id."""


class RegionNotFound(NotFound):
    """No region has that slug."""


class WaveNotFound(NotFound):
    """No recruitment wave has that id."""


class ApplicationAlreadyDecided(Conflict):
    """The application was already approved, rejected or withdrawn."""


class AlreadyApplied(Conflict):
    """The email has an open application or belongs to a member."""


class RegionExists(Conflict):
    """A region with that slug already exists."""


class WavesOverlap(Conflict):
    """Another wave already recruits in one of the regions on some of the same days."""


class WaveAlreadyClosed(Conflict):
    """The wave was closed early, or its closing date has passed."""


class NoOpenWave(Conflict):
    """No recruitment wave is open for the applicant's region today."""


class UnknownRegion(InvalidInput):
    """The region is not one of Q's regions."""


class InvalidWave(InvalidInput):
    """The wave's dates, target or regions make no sense."""


class NotYourRegion(Forbidden):
    """A partner reviewer may decide only applications from their own region."""


class WrongWithdrawalCode(Forbidden):
    """The code does not match the one given when the application was made."""


class BadCredentials(Unauthorized):
    """The email and password, or the token, do not match an account."""


class TooManyFailedLogins(Conflict):
    """Too many failed logins for one email in a short time."""


class NotYourProfile(Forbidden):
    """Only the member themselves and staff see or change a whole profile."""


class ExpertiseExists(Conflict):
    """That area of expertise is already on the list."""


class UnknownExpertise(InvalidInput):
    """An area of expertise is not on the controlled list."""


class RoleNotHeld(Conflict):
    """The member does not hold the role to be taken away."""


class GroupNotFound(NotFound):
    """No special interest group has that id."""


class GroupExists(Conflict):
    """A group with that name already exists."""


class AlreadyInGroup(Conflict):
    """The member is already in the group."""


class NotInGroup(NotFound):
    """The member is not in the group."""


class ExpertiseListFull(Conflict):
    """The controlled list of expertise holds as many areas as the directory can count."""
