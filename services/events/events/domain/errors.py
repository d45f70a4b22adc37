"""What can go wrong in the events service, as kinds of the platform's errors."""

from qplatform.errors import Conflict, Forbidden, InvalidInput, NotFound


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


class InvalidTopics(InvalidInput):
    """A topic is not a short lower-case slug, or there are too many."""


class InvalidRegistrationWindow(InvalidInput):
    """Registration opens after it closes, or closes after the event ends."""


class CapacityBelowConfirmed(InvalidInput):
    """The new capacity leaves fewer places than members already confirmed."""


class EventNotOpen(Conflict):
    """The event is not published, or registration is not open now."""


class AlreadyRegistered(Conflict):
    """The member already holds a place or a waitlist place at this event."""


class NotRegistered(NotFound):
    """The member holds no place at this event."""


class RegistrationNotFound(NotFound):
    """No registration of this event has that id."""


class AlreadyDecided(Conflict):
    """The event was already published, rejected or cancelled."""


class NotAllowed(Forbidden):
    """Only the organiser or staff may do this."""


class PostNotFound(NotFound):
    """No post has that id."""


class CommentNotFound(NotFound):
    """No comment has that id."""


class InvalidText(InvalidInput):
    """A text is blank or longer than Q allows."""


class UnknownCalendar(NotFound):
    """No member's calendar has that secret."""


class TalkNotFound(NotFound):
    """No talk offer has that id."""


class TalkRequestNotFound(NotFound):
    """No talk request has that id, or the caller may not see it."""


class InvalidTalk(InvalidInput):
    """A talk's subject, format, availability or message breaks Q's rules."""


class TalkWithdrawn(Conflict):
    """The speaker no longer offers the talk."""


class SeriesNotFound(NotFound):
    """No series has that id."""


class UnknownSeries(InvalidInput):
    """An event names a series that does not exist."""
