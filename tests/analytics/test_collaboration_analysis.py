"""The worked analysis of the collaboration streams, on events built by the catalog."""

import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from analysis import collaboration
from analysis.load import connect
from qplatform.events import CATALOG, Envelope

AT = datetime(2026, 12, 1, 9, tzinfo=UTC)
COHORT, SURVEY, ANONYMOUS = "cohort-1", "survey-1", "survey-2"


def _event(event_type: str, subject: str, **data: Any) -> str:
    spec = CATALOG.spec(event_type, 1)
    envelope = Envelope.new(
        type=event_type,
        version=1,
        source="collaboration",
        subject=subject,
        correlation_id=uuid.uuid4().hex,
        data=spec.serialise(data),
    )
    return envelope.to_json()


@pytest.fixture
def replayed(tmp_path: Path) -> Path:
    """Write a small replay of the three collaboration streams, one file per topic."""
    lab = [
        _event(
            "lab-cohort-opened",
            COHORT,
            cohort_id=COHORT,
            problem="Flow",
            starts_on=date(2027, 1, 11),
            months=10,
            capacity=3,
            opened_at=AT,
        )
    ]
    for member, region, selected in (
        ("a", "scotland", True),
        ("b", "scotland", False),
        ("c", "wales", True),
    ):
        lab.append(
            _event(
                "lab-application-made",
                COHORT,
                cohort_id=COHORT,
                member_id=member,
                region=region,
                applied_at=AT,
            )
        )
        if selected:
            lab.append(
                _event(
                    "lab-participant-selected",
                    COHORT,
                    cohort_id=COHORT,
                    problem="Flow",
                    member_id=member,
                    region=region,
                    selected_at=AT,
                )
            )
    surveys = []
    for survey, asked, answers, anonymous in (
        (SURVEY, 4, ["a", "b", "c"], False),
        (ANONYMOUS, 10, [None] * 2, True),
    ):
        surveys.append(
            _event(
                "survey-opened",
                survey,
                survey_id=survey,
                title=survey,
                audience="everyone",
                audience_size=asked,
                anonymous=anonymous,
                opened_at=AT,
            )
        )
        surveys += [
            _event(
                "survey-answered",
                survey,
                survey_id=survey,
                response_id=str(i),
                member_id=m,
                answered_at=AT,
            )
            for i, m in enumerate(answers)
        ]
    resources = [
        _event(
            "resource-published",
            r,
            resource_id=r,
            title=r,
            kind="guide",
            pillar=p,
            topics=[],
            at=AT,
        )
        for r, p in (("r1", "learn"), ("r2", "learn"), ("r3", "connect"))
    ]
    resources += [
        _event(
            "resource-rated",
            "r1",
            resource_id="r1",
            pillar="learn",
            member_id=m,
            rating=stars,
            at=AT,
        )
        for m, stars in (("a", 5), ("b", 4))
    ]
    resources.append(
        _event(
            "resource-favourited",
            "r3",
            resource_id="r3",
            pillar="connect",
            member_id="a",
            rating=None,
            at=AT,
        )
    )
    for topic, lines in (("lab-cohort", lab), ("survey", surveys), ("resource", resources)):
        (tmp_path / f"collaboration.{topic}.jsonl").write_text("\n".join(lines) + "\n")
    return tmp_path


def test_lab_participation_counts_applicants_and_selections_per_region(replayed: Path) -> None:
    rows = collaboration.answer(connect(replayed), "Lab participation by region")
    assert [(r["region"], r["applied"], r["selected"], r["selected_pct"]) for r in rows] == [
        ("scotland", 2, 1, 50.0),
        ("wales", 1, 1, 100.0),
    ]


def test_survey_response_rates_divide_answers_by_the_audience_asked(replayed: Path) -> None:
    rows = collaboration.answer(connect(replayed), "Survey response rates")
    assert [(r["title"], r["asked"], r["answered"], r["response_pct"]) for r in rows] == [
        (SURVEY, 4, 3, 75.0),
        (ANONYMOUS, 10, 2, 20.0),
    ]


def test_resource_use_is_counted_per_pillar(replayed: Path) -> None:
    rows = collaboration.answer(connect(replayed), "Resource use by pillar")
    assert {
        r["pillar"]: (r["published"], r["favourited"], r["rated"], r["mean_rating"]) for r in rows
    } == {"connect": (1, 1, 0, None), "learn": (2, 0, 2, 4.5)}


def test_the_analysis_prints_a_table_per_question(
    replayed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    collaboration.main([str(replayed)])
    out = capsys.readouterr().out
    assert "Lab participation by region" in out and "Resource use by pillar" in out
