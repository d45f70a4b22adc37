"""Posts and comments over HTTP: safe HTML, display names, the policy link, and bad input."""

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from events.domain.posts import Post
from events.service_layer import handlers
from tests.events.conftest import STAFF
from tests.events.examples import rows, staged_types
from tests.events.member_events import joined, received
from tests.support.auth import bearer

ANN = bearer("ann")
POST = {"kind": "blog", "title": "Crisis care", "body": "Hello", "pillar": "learn"}


def _published(client: FlaskClient, body: str = "Hello") -> str:
    post_id = str(client.post("/posts", json={**POST, "body": body}, headers=ANN).get_json()["id"])
    client.post(f"/posts/{post_id}/submit", headers=ANN)
    assert client.post(f"/posts/{post_id}/publish", headers=STAFF).status_code == 200
    return post_id


def test_a_published_post_shows_safe_html_and_its_authors_name(client: FlaskClient) -> None:
    runtime = client.application.extensions["qplatform"]
    with runtime.unit_of_work() as uow:
        handlers.name_member(uow, received(joined("ann", "Ann Lee")))
        uow.commit()
    post_id = _published(client, "Hi <script>alert(1)</script> **there**")
    shown = client.get(f"/posts/{post_id}").get_json()
    assert "<script" not in shown["body_html"] and "<strong>there</strong>" in shown["body_html"]
    assert shown["author_name"] == "Ann Lee"
    assert [p["id"] for p in client.get("/posts").get_json()] == [post_id]
    assert staged_types(runtime.engine)[-1] == "post-published"


def test_comments_come_with_the_policy_link_and_names_never_emails(client: FlaskClient) -> None:
    post_id = _published(client)
    posted = client.post(f"/posts/{post_id}/comments", json={"text": "<b>Nice</b>"}, headers=ANN)
    assert posted.status_code == 201
    thread = client.get(f"/posts/{post_id}/comments", headers=bearer("bob")).get_json()
    assert thread["policy_url"].startswith("https://")
    (comment,) = thread["comments"]
    assert (comment["text"], comment["author_name"]) == ("Nice", "Member")
    assert not {"email", "author_email", "author_id"} & set(comment)


def test_a_hidden_comment_is_gone_for_members_but_staff_still_see_it(client: FlaskClient) -> None:
    post_id = _published(client)
    comment = client.post(f"/posts/{post_id}/comments", json={"text": "Rude"}, headers=ANN)
    comment_id = comment.get_json()["id"]
    client.post(f"/comments/{comment_id}/flag", headers=bearer("bob"))
    assert client.get("/comments/flagged", headers=STAFF).get_json()[0]["flags"] == 1
    client.put(f"/comments/{comment_id}/hidden", headers=STAFF)
    thread = f"/posts/{post_id}/comments"
    assert client.get(thread, headers=bearer("bob")).get_json()["comments"] == []
    assert client.get(thread, headers=STAFF).get_json()["comments"][0]["hidden"] is True
    client.delete(f"/comments/{comment_id}/hidden", headers=STAFF)
    assert len(client.get(thread, headers=bearer("bob")).get_json()["comments"]) == 1


def test_there_is_no_thread_under_a_post_that_is_not_published(client: FlaskClient) -> None:
    draft_id = client.post("/posts", json=POST, headers=ANN).get_json()["id"]
    for path in (f"/posts/{draft_id}/comments", "/posts/nope/comments", "/events/nope/comments"):
        answer = client.get(path, headers=bearer("bob"))
        assert answer.status_code == 404, path


BAD_POSTS = [
    ("unknown kind", {"kind": "essay"}, "kind"),
    ("blank title", {"title": ""}, "title"),
    ("overlong title", {"title": "t" * 201}, "title"),
    ("blank body", {"body": ""}, "body"),
    ("whitespace body", {"body": "   "}, "body"),
    ("overlong body", {"body": "b" * 50_001}, "body"),
    ("unknown pillar", {"pillar": "share"}, "pillar"),
    ("topic not a slug", {"topics": ["Not A Slug"]}, "topics"),
    ("title a number", {"title": 7}, "title"),
    ("unknown field", {"author_email": "a@b.org"}, "author_email"),
]


@pytest.mark.parametrize(
    ("changes", "field"), [c[1:] for c in BAD_POSTS], ids=[c[0] for c in BAD_POSTS]
)
def test_a_bad_post_gets_a_4xx_naming_the_field_and_nothing_is_written(
    unwritten_client: FlaskClient, changes: dict[str, object], field: str
) -> None:
    answer = unwritten_client.post("/posts", json={**POST, **changes}, headers=ANN)
    assert 400 <= answer.status_code < 500
    assert field in answer.get_json()["errors"]["json"]
    engine = unwritten_client.application.extensions["qplatform"].engine
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Post)) == 0
    assert rows(engine) == (0, 0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": " "}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"text": ["a"]}, "text"),
        ({"text": "ok", "author": "x"}, "author"),
    ],
    ids=["missing", "empty", "blank", "overlong", "a list", "unknown field"],
)
def test_a_bad_comment_gets_a_4xx_naming_the_field_and_nothing_is_written(
    client: FlaskClient, body: dict[str, object], field: str
) -> None:
    post_id = _published(client)
    before = staged_types(client.application.extensions["qplatform"].engine)
    answer = client.post(f"/posts/{post_id}/comments", json=body, headers=ANN)
    assert 400 <= answer.status_code < 500
    assert field in answer.get_json()["errors"]["json"]
    assert staged_types(client.application.extensions["qplatform"].engine) == before
