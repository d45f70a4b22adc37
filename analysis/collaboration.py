"""The Lab, surveys and the library: participation by region, response rates, use by pillar.

    python -m analysis.collaboration [FOLDER]

Reads collaboration.lab-cohort (lab-application-made, lab-participant-selected),
collaboration.survey (survey-opened, survey-answered) and collaboration.resource
(resource-published, resource-favourited, resource-rated). Members travel by id and region
only; an anonymous survey's answers carry no member id, and need none to be counted.
"""

import sys
from typing import Any

import duckdb

from analysis.load import connect, folder_argument, present

LAB = """
SELECT data->>'cohort_id' AS cohort_id, coalesce(data->>'region', 'unknown') AS region,
       count(*) FILTER (type = 'lab-application-made') AS applied,
       count(*) FILTER (type = 'lab-participant-selected') AS selected,
       round(100.0 * count(*) FILTER (type = 'lab-participant-selected')
             / nullif(count(*) FILTER (type = 'lab-application-made'), 0), 1)::DOUBLE
         AS selected_pct
FROM events WHERE type IN ('lab-application-made', 'lab-participant-selected')
GROUP BY ALL ORDER BY cohort_id, region
"""
SURVEYS = """
WITH opened AS (
    SELECT data->>'survey_id' AS survey_id, data->>'title' AS title,
           (data->>'audience_size')::INTEGER AS asked, (data->>'anonymous')::BOOLEAN AS anonymous
    FROM events WHERE type = 'survey-opened'
), answered AS (
    SELECT data->>'survey_id' AS survey_id, count(*) AS answered
    FROM events WHERE type = 'survey-answered' GROUP BY ALL
)
SELECT survey_id, title, anonymous, asked, coalesce(answered, 0) AS answered,
       round(100.0 * coalesce(answered, 0) / nullif(asked, 0), 1)::DOUBLE AS response_pct
FROM opened LEFT JOIN answered USING (survey_id) ORDER BY title
"""
RESOURCES = """
SELECT data->>'pillar' AS pillar,
       count(*) FILTER (type = 'resource-published') AS published,
       count(*) FILTER (type = 'resource-favourited') AS favourited,
       count(*) FILTER (type = 'resource-rated') AS rated,
       round(avg((data->>'rating')::INTEGER) FILTER (type = 'resource-rated'), 2)::DOUBLE
         AS mean_rating
FROM events
WHERE type IN ('resource-published', 'resource-favourited', 'resource-rated')
GROUP BY ALL ORDER BY pillar
"""
QUESTIONS = {
    "Lab participation by region": (
        LAB,
        ["cohort_id", "region", "applied", "selected", "selected_pct"],
    ),
    "Survey response rates": (
        SURVEYS,
        ["survey_id", "title", "anonymous", "asked", "answered", "response_pct"],
    ),
    "Resource use by pillar": (
        RESOURCES,
        ["pillar", "published", "favourited", "rated", "mean_rating"],
    ),
}


def answer(con: duckdb.DuckDBPyConnection, question: str) -> list[dict[str, Any]]:
    """Return the rows answering one of the QUESTIONS."""
    query, columns = QUESTIONS[question]
    return [dict(zip(columns, row, strict=True)) for row in con.execute(query).fetchall()]


def main(argv: list[str] | None = None) -> None:
    """Print Lab participation by region, survey response rates and resource use by pillar."""
    con = connect(folder_argument(sys.argv[1:] if argv is None else argv))
    present(con, "lab-application-made", "survey-opened", "resource-published")
    for question, (_, columns) in QUESTIONS.items():
        print(f"\n{question}")
        print(" ".join(f"{c:>14}" for c in columns))
        for row in answer(con, question):
            print(" ".join(f"{row[c]!s:>14}" for c in columns))


if __name__ == "__main__":
    main()
