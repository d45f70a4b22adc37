"""What can go wrong in notifications, as kinds of the platform's errors."""

from qplatform.errors import NotFound


class MessageNotFound(NotFound):
    """No message has that id."""
