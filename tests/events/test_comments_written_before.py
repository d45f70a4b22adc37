"""Comments stored escaped twice read as written once the database is upgraded."""

from pathlib import Path

import nh3
import pytest
from alembic import command
from sqlalchemy import create_engine, text

from qplatform.db.migrate import alembic_config


@pytest.mark.parametrize(
    ("written", "stored_now"),
    [
        ("Thank you, very useful.", "Thank you, very useful."),
        ("Fish & chips <b>here</b> 2 < 3", "Fish &amp; chips here 2 &lt; 3"),
        ("Brilliant 🎉\nSee you", "Brilliant 🎉\nSee you"),
    ],
)
def test_a_comment_stored_escaped_twice_is_escaped_once_after_the_upgrade(
    tmp_path: Path, written: str, stored_now: str
) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    command.upgrade(alembic_config("events", url), "7f6c5bfa8631")
    engine = create_engine(url)
    as_stored_before = nh3.clean_text(nh3.clean(written, tags=set()))
    with engine.begin() as connection:
        connection.execute(
            text(
                'INSERT INTO comments (id, "on", on_id, author_id, text, hidden, flags, posted_at)'
                " VALUES ('c1', 'post', 'p1', 'ann', :text, 0, 0, '2026-11-30 10:00:00')"
            ),
            {"text": as_stored_before},
        )
    command.upgrade(alembic_config("events", url), "head")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT text FROM comments")).scalar_one() == stored_now
    engine.dispose()
