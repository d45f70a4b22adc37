"""Members offer talks; organisers find speakers by subject, ask them; speakers answer."""

import json

import pytest
from flask.testing import FlaskClient

from events.service_layer.handlers import forget_member
from tests.events.conftest import STAFF
from tests.events.examples import form, staged, staged_types
from tests.events.member_events import left, received
from tests.events.talk_examples import ORGANISER, OTHER, SPEAKER, talk_form


def _offer(client: FlaskClient, **changes: object) -> str:
    answer = client.post("/talks", json=talk_form(**changes), headers=SPEAKER)
    assert answer.status_code == 201, answer.get_json()
    return str(answer.get_json()["id"])


def _request(client: FlaskClient, talk_id: str) -> dict[str, object]:
    body = {"message": "Our ward managers' day in Preston, in May?"}
    answer = client.post(f"/talks/{talk_id}/requests", json=body, headers=ORGANISER)
    assert answer.status_code == 201, answer.get_json()
    return dict(answer.get_json())


def _engine(client: FlaskClient):  # type: ignore[no-untyped-def]
    return client.application.extensions["qplatform"].engine


def test_a_member_offers_a_talk_and_members_read_it(client: FlaskClient) -> None:
    talk_id = _offer(client)
    shown = client.get(f"/talks/{talk_id}", headers=OTHER).get_json()
    assert (shown["subject"], shown["speaker_id"], shown["status"]) == (
        "Measuring for improvement in mental health",
        "speaker",
        "offered",
    )
    assert shown["regions"] == ["scotland", "north-west-coast"]
    assert shown["availability"] == "Weekday afternoons from March"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("subject=measuring", ["Measuring for improvement in mental health"]),
        ("subject=MENTAL+health", ["Measuring for improvement in mental health"]),
        ("subject=run+charts", ["Measuring for improvement in mental health"]),
        ("subject=co-design", ["Co-design with patients"]),
        ("subject=improvement+patients", []),
        ("subject=100%25", []),
        (
            "region=scotland",
            ["Co-design with patients", "Measuring for improvement in mental health"],
        ),
        ("region=wales", ["Co-design with patients"]),
        ("format=in-person", ["Measuring for improvement in mental health"]),
        (
            "format=online",
            ["Co-design with patients", "Measuring for improvement in mental health"],
        ),
    ],
)
def test_organisers_find_speakers_by_subject_region_and_format(
    client: FlaskClient, query: str, found: list[str]
) -> None:
    _offer(client)
    _offer(
        client,
        subject="Co-design with patients",
        summary=None,
        regions=[],
        format="online",
        topics=["co-design"],
    )
    withdrawn = _offer(client, subject="Measuring waits")
    client.delete(f"/talks/{withdrawn}", headers=SPEAKER)
    answer = client.get(f"/talks?{query}", headers=ORGANISER)
    assert answer.status_code == 200
    assert [talk["subject"] for talk in answer.get_json()] == found
    assert json.loads(answer.headers["X-Pagination"])["total"] == len(found)


def test_the_speaker_changes_and_withdraws_their_offer(client: FlaskClient) -> None:
    talk_id = _offer(client)
    changed = client.patch(f"/talks/{talk_id}", json={"regions": ["wales"]}, headers=SPEAKER)
    assert changed.get_json()["regions"] == ["wales"]
    assert client.delete(f"/talks/{talk_id}", headers=SPEAKER).status_code == 204
    assert client.get(f"/talks/{talk_id}", headers=SPEAKER).get_json()["status"] == "withdrawn"
    again = client.post(f"/talks/{talk_id}/requests", json={"message": "Hi"}, headers=ORGANISER)
    assert again.status_code == 409
    assert staged_types(_engine(client)) == ["talk-offered", "talk-offer-updated", "talk-withdrawn"]


def test_only_the_speaker_or_staff_change_an_offer(client: FlaskClient) -> None:
    talk_id = _offer(client)
    assert (
        client.patch(f"/talks/{talk_id}", json={"format": "online"}, headers=OTHER).status_code
        == 403
    )
    assert client.delete(f"/talks/{talk_id}", headers=OTHER).status_code == 403
    assert (
        client.patch(f"/talks/{talk_id}", json={"format": "online"}, headers=STAFF).status_code
        == 200
    )


def test_a_request_is_answered_once_by_the_speaker(client: FlaskClient) -> None:
    talk_id = _offer(client)
    request = _request(client, talk_id)
    assert (request["status"], request["subject"]) == ("requested", talk_form()["subject"])
    url = f"/talks/requests/{request['id']}"
    assert client.post(f"{url}/accept", json={}, headers=ORGANISER).status_code == 403
    accepted = client.post(f"{url}/accept", json={"reply": "Gladly."}, headers=SPEAKER)
    assert (accepted.get_json()["status"], accepted.get_json()["reply"]) == ("accepted", "Gladly.")
    assert client.post(f"{url}/decline", json={}, headers=SPEAKER).status_code == 409
    assert client.get(url, headers=ORGANISER).get_json()["status"] == "accepted"
    assert client.get(url, headers=OTHER).status_code == 404
    mine = client.get("/talks/requests", headers=SPEAKER).get_json()
    assert [r["id"] for r in mine] == [request["id"]]


def test_a_speaker_cannot_request_their_own_talk(client: FlaskClient) -> None:
    talk_id = _offer(client)
    answer = client.post(f"/talks/{talk_id}/requests", json={"message": "Me?"}, headers=SPEAKER)
    assert answer.status_code == 403


def test_talk_events_carry_member_ids_and_no_message_or_availability(client: FlaskClient) -> None:
    talk_id = _offer(client)
    request = _request(client, talk_id)
    client.post(f"/talks/requests/{request['id']}/decline", json={}, headers=SPEAKER)
    found = staged(_engine(client))
    assert [(kind, key) for kind, key, _ in found] == [
        ("talk-offered", talk_id),
        ("talk-requested", talk_id),
        ("talk-request-answered", talk_id),
    ]
    requested, answered = found[1][2], found[2][2]
    assert (requested["speaker_id"], requested["requester_id"]) == ("speaker", "organiser")
    assert answered["answer"] == "declined"
    text = json.dumps([data for _, _, data in found])
    for private in ("Preston", "Weekday afternoons", "run charts"):
        assert private not in text


BAD_OFFERS = [
    ("missing subject", {"subject": None}, "subject"),
    ("blank subject", {"subject": "   "}, "subject"),
    ("overlong subject", {"subject": "Q" * 201}, "subject"),
    ("subject with a line break", {"subject": "Two\nlines"}, "subject"),
    ("unknown format", {"format": "carrier-pigeon"}, "format"),
    ("unknown region", {"regions": ["atlantis"]}, "regions"),
    ("regions not a list", {"regions": "scotland"}, "regions"),
    ("topic not a slug", {"topics": ["Mental Health"]}, "topics"),
    ("missing availability", {"availability": None}, "availability"),
    ("overlong summary", {"summary": "x" * 2_001}, "summary"),
    ("unknown field", {"speaker_email": "x@example.org"}, "speaker_email"),
]


@pytest.mark.parametrize(
    ("changes", "field"), [case[1:] for case in BAD_OFFERS], ids=[case[0] for case in BAD_OFFERS]
)
def test_a_bad_offer_gets_a_422_naming_the_field_and_nothing_is_written(
    client: FlaskClient, changes: dict[str, object], field: str
) -> None:
    body = {k: v for k, v in talk_form(**changes).items() if v is not None or k not in changes}
    answer = client.post("/talks", json=body, headers=SPEAKER)
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["json"]
    assert staged_types(_engine(client)) == []


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/talks/{talk}/requests", {}, "message"),
        ("/talks/{talk}/requests", {"message": "   "}, "message"),
        ("/talks/{talk}/requests", {"message": "x" * 2_001}, "message"),
        ("/talks/{talk}/requests", {"message": "Hi", "event_id": ""}, "event_id"),
        ("/talks/{talk}/requests", {"message": "Hi", "event_id": "no-such-event"}, "event_id"),
        ("/talks/{talk}/requests", {"message": "Hi", "event_id": "{others_event}"}, "event_id"),
        ("/talks/requests/{request}/accept", {"reply": "x" * 1_001}, "reply"),
        ("/talks/requests/{request}/decline", {"reply": 3}, "reply"),
    ],
)
def test_a_bad_request_or_answer_gets_a_422_naming_the_field(
    client: FlaskClient, path: str, body: dict[str, object], field: str
) -> None:
    talk_id = _offer(client)
    request_id = _request(client, talk_id)["id"]
    others_event = client.post("/events", json=form(), headers=OTHER).get_json()["id"]
    if body.get("event_id") == "{others_event}":
        body = {**body, "event_id": others_event}
    headers = ORGANISER if "{talk}" in path else SPEAKER
    answer = client.post(path.format(talk=talk_id, request=request_id), json=body, headers=headers)
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["json"]
    assert staged_types(_engine(client)) == ["talk-offered", "talk-requested", "event-created"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("region=atlantis", "region"),
        ("format=either", "format"),
        ("subject=" + "q" * 201, "subject"),
    ],
)
def test_a_bad_search_gets_a_422_naming_the_parameter(
    unwritten_client: FlaskClient, query: str, field: str
) -> None:
    answer = unwritten_client.get(f"/talks?{query}", headers=ORGANISER)
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["query"]


def test_a_leaving_speakers_offers_are_withdrawn_and_their_words_blanked(
    client: FlaskClient,
) -> None:
    talk_id = _offer(client)
    request = _request(client, talk_id)
    client.post(f"/talks/requests/{request['id']}/decline", json={"reply": "Busy"}, headers=SPEAKER)
    runtime = client.application.extensions["qplatform"]
    with runtime.unit_of_work() as uow:
        forget_member(uow, received(left("speaker")))
        uow.commit()
    talk = client.get(f"/talks/{talk_id}", headers=OTHER).get_json()
    assert (talk["status"], talk["summary"], talk["availability"]) == ("withdrawn", None, "")
    shown = client.get(f"/talks/requests/{request['id']}", headers=ORGANISER).get_json()
    assert (shown["reply"], shown["message"]) == (None, request["message"])
    assert staged_types(_engine(client))[-1] == "talk-withdrawn"


def test_a_request_names_one_of_the_organisers_own_events(client: FlaskClient) -> None:
    talk_id = _offer(client)
    event_id = client.post("/events", json=form(), headers=ORGANISER).get_json()["id"]
    body = {"message": "For our webinar?", "event_id": event_id}
    asked = client.post(f"/talks/{talk_id}/requests", json=body, headers=ORGANISER)
    assert asked.status_code == 201 and asked.get_json()["event_id"] == event_id
    assert staged(_engine(client))[-1][2]["event_id"] == event_id
