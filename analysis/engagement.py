"""Registrations, waitlists and attendance per event kind and pillar; posts per pillar.

    python -m analysis.engagement [FOLDER]

Reads events.event (event-created for each event's kind and pillar), events.registration
(registration-confirmed, registration-waitlisted, waitlist-promoted, registration-cancelled,
attendance-recorded) and events.post (post-published).
"""

import sys
from typing import Any

import duckdb

from analysis.load import connect, folder_argument, present

PER_KIND_AND_PILLAR = """
WITH programme AS (
    SELECT DISTINCT data->>'event_id' AS event_id, data->>'kind' AS kind,
           data->>'pillar' AS pillar
    FROM events WHERE type IN ('event-created', 'event-published')
), registrations AS (
    SELECT data->>'event_id' AS event_id, type, data->>'attendance' AS attendance
    FROM events WHERE source = 'events' AND data->>'registration_id' IS NOT NULL
)
SELECT kind, pillar,
       count(DISTINCT programme.event_id) AS events,
       count(*) FILTER (type = 'registration-confirmed') AS confirmed,
       count(*) FILTER (type = 'registration-waitlisted') AS waitlisted,
       count(*) FILTER (type = 'waitlist-promoted') AS promoted,
       count(*) FILTER (type = 'registration-cancelled') AS cancelled,
       count(*) FILTER (attendance = 'attended') AS attended,
       count(*) FILTER (attendance = 'no-show') AS no_show,
       round(100.0 * count(*) FILTER (attendance = 'attended')
             / nullif(count(*) FILTER (attendance IS NOT NULL), 0), 1) AS attendance_pct
FROM programme LEFT JOIN registrations USING (event_id)
GROUP BY ALL ORDER BY kind, pillar
"""

POSTS_PER_PILLAR = """
SELECT data->>'pillar' AS pillar, count(*) AS posts,
       count(DISTINCT data->>'author_id') AS authors
FROM events WHERE type = 'post-published' GROUP BY ALL ORDER BY pillar
"""

COLUMNS = [
    "kind",
    "pillar",
    "events",
    "confirmed",
    "waitlisted",
    "promoted",
    "cancelled",
    "attended",
    "no_show",
    "attendance_pct",
]


def per_kind_and_pillar(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Return one row of registration and attendance counts per event kind and pillar."""
    return [
        dict(zip(COLUMNS, row, strict=True)) for row in con.execute(PER_KIND_AND_PILLAR).fetchall()
    ]


def posts_per_pillar(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, int]]:
    """Return (pillar, posts, distinct authors)."""
    return [tuple(row) for row in con.execute(POSTS_PER_PILLAR).fetchall()]  # type: ignore[misc]


def main(argv: list[str] | None = None) -> None:
    """Print engagement per event kind and pillar, and posts per pillar."""
    con = connect(folder_argument(sys.argv[1:] if argv is None else argv))
    present(
        con,
        "event-created",
        "registration-confirmed",
        "registration-waitlisted",
        "waitlist-promoted",
        "registration-cancelled",
        "attendance-recorded",
        "post-published",
    )
    print(" ".join(f"{c:>12}" for c in COLUMNS))
    for row in per_kind_and_pillar(con):
        print(" ".join(f"{row[c]!s:>12}" for c in COLUMNS))
    print("\n      pillar   posts  authors")
    for pillar, posts, authors in posts_per_pillar(con):
        print(f"{pillar:>12} {posts:>7} {authors:>8}")


if __name__ == "__main__":
    main()
