"""The comments policy link comes from the service's settings, with Q's page by default."""

from collections.abc import Callable

import pytest

from events.config import EventsConfig
from events.entrypoints.web import create_app
from qplatform.config import Settings
from tests.events.conftest import STAFF
from tests.events.examples import form
from tests.support.auth import bearer

DEFAULT = "https://q.health.org.uk/about-q/comments-policy/"
ELSEWHERE = "https://community.example.org/house-rules"


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, DEFAULT), ({"QP_COMMENTS_POLICY_URL": ELSEWHERE}, ELSEWHERE)],
    ids=["unset", "set"],
)
def test_the_policy_link_is_read_from_the_environment(
    settings: Settings, env: dict[str, str], expected: str
) -> None:
    assert EventsConfig.of(settings, env=env).comments_policy_url == expected


def test_the_settings_passed_in_win_over_the_environment(
    settings_for: Callable[..., Settings], database_url: str
) -> None:
    settings = settings_for(
        "events", database_url=database_url, extra={"comments_policy_url": ELSEWHERE}
    )
    env = {"QP_COMMENTS_POLICY_URL": DEFAULT}
    assert EventsConfig.of(settings, env=env).comments_policy_url == ELSEWHERE


def test_the_api_returns_the_configured_policy_link_with_every_thread(database_url: str) -> None:
    app = create_app({"database_url": database_url, "extra": {"comments_policy_url": ELSEWHERE}})
    client = app.test_client()
    event_id = client.post("/events", json=form(), headers=STAFF).get_json()["id"]
    post = {"kind": "news", "title": "Crisis care", "body": "Hello", "pillar": "learn"}
    post_id = client.post("/posts", json=post, headers=bearer("ann")).get_json()["id"]
    client.post(f"/posts/{post_id}/submit", headers=bearer("ann"))
    client.post(f"/posts/{post_id}/publish", headers=STAFF)
    for path in (f"/events/{event_id}/comments", f"/posts/{post_id}/comments"):
        thread = client.get(path, headers=bearer("bob"))
        assert thread.status_code == 200
        assert thread.get_json()["policy_url"] == ELSEWHERE
    app.extensions["qplatform"].close()
