"""The words of each kind of mail Q sends."""

from dataclasses import dataclass

WELCOME = "welcome"


@dataclass(frozen=True)
class Letter:
    """A mail's subject and plain-text body, before it has an address."""

    subject: str
    body_text: str


def welcome_letter(display_name: str) -> Letter:
    """Write the mail that greets a new member of Q."""
    body = (
        f"Dear {display_name},\n\n"
        "Welcome to Q, the community of people improving health and care across the UK.\n\n"
        "Q hangs on four things you can do now: connect with other members in the directory "
        "and through Randomised Coffee Trials, exchange your events, news and blogs, learn at "
        "talks, webinars and site visits, and collaborate in the Lab and special interest "
        "groups.\n\n"
        "Each month Q-municate, our newsletter, will tell you what is coming up.\n\n"
        "We are glad you are here.\n\n"
        "The Q team\n"
    )
    return Letter(subject="Welcome to Q", body_text=body)
