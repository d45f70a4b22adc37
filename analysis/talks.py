"""Talks offered and requested per topic, by the speaker's region, and events per series.

    python -m analysis.talks [FOLDER]

Reads events.talk (talk-offered, talk-withdrawn, talk-requested, talk-request-answered),
membership.member (member-joined, for each speaker's region, joined on the pseudonymous
member id), events.series (series-created) and events.event (event-created).
"""

import sys
from typing import Any

import duckdb

from analysis.load import connect, folder_argument, present

PER_TOPIC = """
WITH offers AS (
    SELECT data->>'talk_id' AS talk_id, unnest(from_json(data->'topics', '["VARCHAR"]')) AS topic
    FROM events WHERE type = 'talk-offered'
), withdrawn AS (
    SELECT DISTINCT data->>'talk_id' AS talk_id FROM events WHERE type = 'talk-withdrawn'
), asked AS (
    SELECT data->>'request_id' AS request_id, data->>'talk_id' AS talk_id, time AS asked_at
    FROM events WHERE type = 'talk-requested'
), answered AS (
    SELECT data->>'request_id' AS request_id, data->>'answer' AS answer, time AS answered_at
    FROM events WHERE type = 'talk-request-answered'
)
SELECT topic,
       count(DISTINCT offers.talk_id) AS offered,
       count(DISTINCT withdrawn.talk_id) AS withdrawn,
       count(DISTINCT asked.request_id) AS requests,
       count(DISTINCT asked.request_id) FILTER (answer = 'accepted') AS accepted,
       count(DISTINCT asked.request_id) FILTER (answer = 'declined') AS declined,
       round(100.0 * count(DISTINCT asked.request_id) FILTER (answer = 'accepted')
             / nullif(count(DISTINCT asked.request_id) FILTER (answer IS NOT NULL), 0), 1)
           AS accepted_pct,
       round(median(epoch(answered_at - asked_at)) / 86400, 1) AS median_days_to_answer
FROM offers
LEFT JOIN withdrawn USING (talk_id)
LEFT JOIN asked USING (talk_id)
LEFT JOIN answered USING (request_id)
GROUP BY ALL ORDER BY requests DESC, topic
"""

PER_SPEAKER_REGION = """
WITH regions AS (
    SELECT data->>'member_id' AS member_id, data->>'region' AS region
    FROM events WHERE type = 'member-joined'
)
SELECT coalesce(region, 'unknown') AS region,
       count(DISTINCT data->>'speaker_id') FILTER (type = 'talk-offered') AS speakers,
       count(*) FILTER (type = 'talk-offered') AS talks,
       count(*) FILTER (type = 'talk-requested') AS requests
FROM events LEFT JOIN regions ON regions.member_id = events.data->>'speaker_id'
WHERE type IN ('talk-offered', 'talk-requested')
GROUP BY ALL ORDER BY requests DESC, region
"""

PER_SERIES = """
WITH series AS (
    SELECT data->>'series_id' AS series_id, data->>'title' AS title
    FROM events WHERE type = 'series-created'
)
SELECT title, count(DISTINCT events.data->>'event_id') AS events
FROM series JOIN events
  ON events.type = 'event-created' AND events.data->>'series_id' = series.series_id
GROUP BY ALL ORDER BY title
"""

TOPIC_COLUMNS = [
    "topic",
    "offered",
    "withdrawn",
    "requests",
    "accepted",
    "declined",
    "accepted_pct",
    "median_days_to_answer",
]


def per_topic(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Return, per topic, talks offered and withdrawn, requests and how they were answered."""
    rows = con.execute(PER_TOPIC).fetchall()
    return [dict(zip(TOPIC_COLUMNS, row, strict=True)) for row in rows]


def per_speaker_region(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, int, int]]:
    """Return (speaker's region, speakers, talks offered, requests) per region."""
    return [tuple(row) for row in con.execute(PER_SPEAKER_REGION).fetchall()]  # type: ignore[misc]


def per_series(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """Return (series title, events created in it)."""
    return [tuple(row) for row in con.execute(PER_SERIES).fetchall()]  # type: ignore[misc]


def main(argv: list[str] | None = None) -> None:
    """Print talks per topic and per speaker's region, and events per series."""
    con = connect(folder_argument(sys.argv[1:] if argv is None else argv))
    found = present(con, "talk-offered", "talk-requested", "talk-request-answered", "member-joined")
    if "talk-offered" in found:
        print(" ".join(f"{c:>12}" for c in TOPIC_COLUMNS))
        for row in per_topic(con):
            print(" ".join(f"{row[c]!s:>12}" for c in TOPIC_COLUMNS))
        print("\n                  region  speakers  talks  requests")
        for region, speakers, talks, requests in per_speaker_region(con):
            print(f"{region:>24} {speakers:>9} {talks:>6} {requests:>9}")
    if present(con, "series-created"):
        print("\n                          series  events")
        for title, events in per_series(con):
            print(f"{title:>32} {events:>7}")


if __name__ == "__main__":
    main()
