"""A record too large or too deep is refused before parsing, and no refusal quotes a row."""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from qplatform.messaging.failures import error_summary
from qplatform.messaging.record_limits import (
    MAX_NESTING,
    MAX_RECORD_BYTES,
    RecordRefused,
    nesting_depth,
    refuse_unreasonable,
)


@pytest.mark.parametrize(
    ("value", "depth"),
    [
        (b'{"a": 1}', 1),
        (b'{"a": [1, {"b": []}]}', 4),
        (b'{"text": "[[[[{{{{"}', 1),
        (b'{"text": "a \\" [[[[ quote"}', 1),
        (b'"no brackets"', 0),
    ],
)
def test_nesting_is_counted_outside_strings_only(value: bytes, depth: int) -> None:
    assert nesting_depth(value, stop_above=100) == depth


@pytest.mark.parametrize(
    "value",
    [
        b"[" * 100_000,
        b"{" * (MAX_NESTING + 1),
        b'{"a": "' + b"x" * MAX_RECORD_BYTES + b'"}',
    ],
    ids=["100000-brackets", "one-level-too-deep", "too-large"],
)
def test_a_record_too_deep_or_too_large_is_refused(value: bytes) -> None:
    with pytest.raises(RecordRefused):
        refuse_unreasonable(value)


def test_an_event_within_the_limits_passes() -> None:
    refuse_unreasonable(b'{"data": {"member_ids": ["m-1", "m-2"]}, "id": "e-1"}')


def test_a_database_error_is_summarised_without_its_sql_or_values() -> None:
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE members (email TEXT UNIQUE)"))
        connection.execute(text("INSERT INTO members VALUES ('asha@example.org')"))
    with pytest.raises(IntegrityError) as raised, engine.begin() as connection:
        connection.execute(
            text("INSERT INTO members VALUES (:email)"), {"email": "asha@example.org"}
        )
    summary = error_summary(raised.value)
    assert summary.startswith("IntegrityError")
    assert "asha" not in summary and "INSERT" not in summary
