"""Validators of what requests carry: text without control characters, moments in range."""

import unicodedata
from datetime import UTC, date, datetime

from marshmallow import ValidationError

# Bidirectional overrides and isolates make text read differently from what it holds.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _forbidden(char: str, *, lines: bool) -> bool:
    if lines and char in ("\n", "\t"):
        return False
    return unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _BIDI_CONTROLS


def control_characters(text: str, *, lines: bool = False) -> list[str]:
    """Return the control characters in `text` (line breaks and tabs allowed with `lines`)."""
    if lines:
        text = text.replace("\r\n", "\n")
    return [f"U+{ord(c):04X}" for c in dict.fromkeys(text) if _forbidden(c, lines=lines)]


class OneLine:
    """Refuse text holding a line break or any other control character."""

    def __call__(self, value: str) -> str:
        found = control_characters(value)
        if found:
            raise ValidationError(
                f"Must be one line without control characters ({', '.join(found)})."
            )
        return value


class Paragraphs:
    """Refuse text holding control characters other than line breaks and tabs."""

    def __call__(self, value: str) -> str:
        found = control_characters(value, lines=True)
        if found:
            raise ValidationError(f"Must not hold control characters ({', '.join(found)}).")
        return value


EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


class Plausible:
    """Refuse a moment outside this century, which no event, wave or digest can be in."""

    def __call__(self, value: datetime | date) -> datetime | date:
        moment = value if isinstance(value, datetime) else datetime(*value.timetuple()[:3])
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if not EARLIEST <= moment < LATEST:
            raise ValidationError(f"Must be from {EARLIEST:%Y} to {LATEST.year - 1}.")
        return value
