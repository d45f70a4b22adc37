"""Refuse a record too large or too deeply nested before anything parses it."""

import re

from qplatform.events import MalformedEvent

# The broker's own default limit on a record; no event of the platform comes near it.
MAX_RECORD_BYTES = 1_048_576
# An envelope nests its data two levels down; no event's data nests deeper than a few.
MAX_NESTING = 32
# Structural characters, and escapes (so an escaped quote does not end a string).
_TOKENS = re.compile(rb'\\.|["\[\]{}]', re.DOTALL)


class RecordRefused(MalformedEvent):
    """A record is larger or nests deeper than any event may, so it is not parsed at all."""


def refuse_unreasonable(value: bytes) -> None:
    """Raise RecordRefused if `value` is too large or nests too deep to be an event."""
    if len(value) > MAX_RECORD_BYTES:
        raise RecordRefused(f"record of {len(value)} bytes exceeds {MAX_RECORD_BYTES}")
    # No more brackets than the limit cannot nest deeper than it: the scan is for the rest.
    if value.count(b"[") + value.count(b"{") <= MAX_NESTING:
        return
    if nesting_depth(value, stop_above=MAX_NESTING) > MAX_NESTING:
        raise RecordRefused(f"record nests deeper than {MAX_NESTING} levels")


def nesting_depth(value: bytes, *, stop_above: int) -> int:
    """Return how deep JSON arrays and objects nest in `value`, counting no further than needed.

    Scans without parsing, so a record of a hundred thousand `[` costs one pass and no
    recursion; brackets inside strings do not count.
    """
    depth = deepest = 0
    in_string = False
    for match in _TOKENS.finditer(value):
        token = match.group()
        if token == b'"':
            in_string = not in_string
        elif in_string or len(token) == 2:
            continue
        elif token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > stop_above:
                return deepest
        else:
            depth -= 1
    return deepest
