"""Coffee-round meeting rates over time: of the matches each round made, how many met.

    python -m analysis.coffee [FOLDER]

Reads matching.coffee-round: match-made (one match), match-feedback-recorded ("did you
meet?", one answer per member) and coffee-round-completed (the round's number and time).
A match counts as met when any of its members answered `met`.
"""

import sys
from typing import Any

import duckdb

from analysis.load import connect, folder_argument, present

RATES = """
WITH matches AS (
    SELECT data->>'round_id' AS round_id, data->>'match_id' AS match_id,
           (data->>'matched_at')::TIMESTAMPTZ AS matched_at
    FROM events WHERE type = 'match-made'
), answers AS (
    SELECT data->>'match_id' AS match_id, bool_or(data->>'outcome' = 'met') AS met
    FROM events WHERE type = 'match-feedback-recorded' GROUP BY ALL
), rounds AS (
    SELECT data->>'round_id' AS round_id, (data->>'number')::INTEGER AS number
    FROM events WHERE type = 'coffee-round-completed'
)
SELECT strftime(min(matched_at), '%Y-%m-%d') AS matched_on, any_value(number) AS round,
       count(*) AS matches, count(answers.match_id) AS answered,
       count(*) FILTER (answers.met) AS met,
       round(100.0 * count(*) FILTER (answers.met) / count(*), 1)::DOUBLE AS met_pct,
       round(100.0 * count(*) FILTER (answers.met) / nullif(count(answers.match_id), 0),
             1)::DOUBLE AS met_pct_of_answered
FROM matches LEFT JOIN answers USING (match_id) LEFT JOIN rounds USING (round_id)
GROUP BY round_id ORDER BY matched_on
"""
COLUMNS = ["matched_on", "round", "matches", "answered", "met", "met_pct", "met_pct_of_answered"]


def meeting_rates(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Return, per round, matches made, matches answered, matches met, and the rates."""
    return [dict(zip(COLUMNS, row, strict=True)) for row in con.execute(RATES).fetchall()]


def main(argv: list[str] | None = None) -> None:
    """Print the meeting rate of every coffee round in the replay."""
    con = connect(folder_argument(sys.argv[1:] if argv is None else argv))
    present(con, "match-made", "match-feedback-recorded", "coffee-round-completed")
    print(" ".join(f"{c:>19}" for c in COLUMNS))
    for row in meeting_rates(con):
        print(" ".join(f"{row[c]!s:>19}" for c in COLUMNS))


if __name__ == "__main__":
    main()
