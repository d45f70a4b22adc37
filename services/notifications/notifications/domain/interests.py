"""Members' interests and the topics of groups, events and posts, compared as one vocabulary."""

import re
from collections.abc import Iterable

PROFILE_TOPIC_FIELDS = ("interests", "expertise", "tags")


def topic_key(text: str) -> str:
    """Return a topic as it is compared: "Mental health" and "mental-health" are one."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def topics_of(texts: Iterable[str] | None) -> list[str]:
    """Return the distinct topic keys of `texts`, in order."""
    keys = (topic_key(text) for text in texts or ())
    return list(dict.fromkeys(key for key in keys if key))


def interests_of(profile_topics: dict[str, list[str]]) -> list[str]:
    """Return a member's interests: every topic of their interests, expertise and tags."""
    return topics_of(t for name in PROFILE_TOPIC_FIELDS for t in profile_topics.get(name, []))
