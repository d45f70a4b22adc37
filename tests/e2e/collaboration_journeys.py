"""The Lab and surveys through the real processes, from membership's members to the streams.

A host module imports these tests, so they run on its platform and the suite starts no other.
"""

import pytest
from sqlalchemy import MetaData, create_engine, select

from tests.e2e.collaboration_flows import (
    Member,
    answer,
    audience,
    call,
    done,
    join,
    open_cohort,
    open_survey,
)
from tests.e2e.flows import STAFF
from tests.e2e.platform import Platform
from tests.support.topics import read_topic

LAB_EVENTS = [
    "lab-cohort-opened",
    "lab-application-made",
    "lab-participant-selected",
    "lab-team-formed",
    "lab-update-posted",
    "lab-cohort-closed",
]


@pytest.fixture(scope="module")
def collaborators(shared_platform: Platform) -> list[Member]:
    """Six members in Scotland and one in the North West Coast, known to collaboration."""
    scots = [
        (f"Scot {name}", "scotland")
        for name in ("Ailsa", "Bruce", "Cara", "Dougal", "Eilidh", "Fraser")
    ]
    return join(shared_platform, [*scots, ("Nia Roberts", "north-west-coast")])


def test_a_lab_cohort_runs_from_opening_to_closing_with_two_teams(
    shared_platform: Platform, collaborators: list[Member], shared_prefix: str, kafka_bootstrap: str
) -> None:
    scots, outsider = collaborators[:6], collaborators[6]
    cohort = open_cohort(shared_platform, "Waiting times in outpatients")
    for member in scots:
        path = f"/cohorts/{cohort}/applications"
        done(
            call(shared_platform, "POST", path, member.headers, {"statement": "I run clinics."}),
            201,
        )
        selection = {"member_id": member.member_id}
        done(call(shared_platform, "POST", f"/cohorts/{cohort}/participants", STAFF, selection))
    ids = [m.member_id for m in scots]
    teams = [
        done(
            call(
                shared_platform,
                "POST",
                f"/cohorts/{cohort}/teams",
                scots[0].headers,
                {"name": "Flow", "lead_member_id": ids[0], "member_ids": ids[:3]},
            ),
            201,
        ),
        done(
            call(
                shared_platform,
                "POST",
                f"/cohorts/{cohort}/teams",
                STAFF,
                {"name": "Letters", "lead_member_id": ids[4], "member_ids": ids[3:]},
            ),
            201,
        ),
    ]
    assert {m["display_name"] for m in teams[0]["members"]} == {m.name for m in scots[:3]}
    assert {m["display_name"] for m in teams[1]["members"]} == {m.name for m in scots[3:]}
    milestone = {"title": "Problem mapped", "due_on": "2027-03-01", "what_is_due": "A map"}
    done(call(shared_platform, "POST", f"/cohorts/{cohort}/milestones", STAFF, milestone), 201)
    for team, author in zip(teams, (scots[1], scots[5]), strict=True):
        update = {"title": f"{team['name']} output", "body": "What we learnt.", "is_output": True}
        path = f"/cohorts/{cohort}/teams/{team['id']}/updates"
        done(call(shared_platform, "POST", path, author.headers, update), 201)
    assert (
        done(call(shared_platform, "POST", f"/cohorts/{cohort}/close", STAFF))["status"] == "closed"
    )

    outputs = done(call(shared_platform, "GET", f"/cohorts/{cohort}/outputs", outsider.headers))
    assert sorted(o["title"] for o in outputs) == ["Flow output", "Letters output"]
    records = read_topic(
        kafka_bootstrap,
        f"{shared_prefix}collaboration.lab-cohort",
        until=lambda seen: any(
            r.headers.get("event-type") == "lab-cohort-closed" and r.key == cohort for r in seen
        ),
    )
    ours = [r for r in records if r.key == cohort]
    assert [t for t in LAB_EVENTS if t in {r.headers.get("event-type") for r in ours}] == LAB_EVENTS
    assert ours[-1].value is not None and ours[-1].value["data"]["teams"] == 2
    shown = b"".join(r.raw or b"" for r in ours)
    assert b"I run clinics" not in shown and b"Scot Ailsa" not in shown


def test_a_survey_to_one_region_is_answered_by_its_members_and_not_by_others(
    shared_platform: Platform, collaborators: list[Member]
) -> None:
    scots, outsider = collaborators[:6], collaborators[6]
    assert audience(shared_platform, "region", "scotland") >= 6
    survey = open_survey(
        shared_platform, "Scottish events", audience="region", audience_value="scotland"
    )
    statuses = [answer(shared_platform, survey, m, useful=i < 4) for i, m in enumerate(scots)]
    assert statuses == [201] * 6
    assert answer(shared_platform, survey, outsider, useful=True) == 403
    assert answer(shared_platform, survey, scots[0], useful=False) == 409
    results = done(call(shared_platform, "GET", f"/surveys/{survey['id']}/results", STAFF))
    assert results["responses"] == 6
    assert results["questions"][0]["counts"] == {"Yes": 4, "No": 2}
    assert results["questions"][1]["texts"] == ["More of it"] * 6


def test_an_anonymous_surveys_stored_answers_hold_no_member_id(
    shared_platform: Platform, collaborators: list[Member], shared_prefix: str, kafka_bootstrap: str
) -> None:
    survey = open_survey(shared_platform, "Tell us honestly", anonymous=True)
    for member in collaborators[:3]:
        assert answer(shared_platform, survey, member, useful=True) == 201
    assert answer(shared_platform, survey, collaborators[0], useful=True) == 409
    engine = create_engine(shared_platform.services["collaboration"].env["QP_DATABASE_URL"])
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        stored = [
            str(tuple(row))
            for name, table in tables.tables.items()
            if name != "members"
            for row in connection.execute(select(table))
            # Who was asked is not who answered: invitations name everyone in the audience.
            if "survey-invitation-sent" not in str(tuple(row))
        ]
    engine.dispose()
    assert sum(survey["id"] in row for row in stored) >= 3
    ids = [m.member_id for m in collaborators[:3]]
    assert [row for row in stored if survey["id"] in row and any(i in row for i in ids)] == []
    records = read_topic(
        kafka_bootstrap,
        f"{shared_prefix}collaboration.survey",
        until=lambda seen: (
            sum(
                r.key == survey["id"] and r.headers.get("event-type") == "survey-answered"
                for r in seen
            )
            >= 3
        ),
    )
    answered = [
        r.value
        for r in records
        if r.key == survey["id"] and r.headers.get("event-type") == "survey-answered"
    ]
    assert [a["data"]["member_id"] for a in answered if a] == [None, None, None]
