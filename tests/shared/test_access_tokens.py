"""Access tokens: what membership signs, every service verifies on its own."""

from dataclasses import replace
from datetime import timedelta

import pytest

from qplatform.config import Settings
from qplatform.errors import Unauthorized
from qplatform.web.auth import CONNECTOR, MEMBER, STAFF, issue_access_token, read_access_token

SETTINGS = Settings.from_env("tests", env={})


def test_a_token_names_its_member_roles_and_region() -> None:
    token = issue_access_token(
        SETTINGS, member_id="m-1", roles=[MEMBER, CONNECTOR], region="scotland"
    )
    caller = read_access_token(SETTINGS, token)
    assert caller.member_id == "m-1"
    assert caller.has_role(CONNECTOR) and not caller.is_staff
    assert caller.region == "scotland"


def test_staff_hold_every_role() -> None:
    caller = read_access_token(SETTINGS, issue_access_token(SETTINGS, member_id="s", roles=[STAFF]))
    assert caller.has_role(CONNECTOR)


@pytest.mark.parametrize(
    "token",
    [
        issue_access_token(SETTINGS, member_id="m-1", roles=[MEMBER], ttl=timedelta(seconds=-1)),
        issue_access_token(
            replace(SETTINGS, token_secret="another secret of thirty-two bytes or more"),
            member_id="m-1",
            roles=[STAFF],
        ),
        issue_access_token(SETTINGS, member_id="m-1", roles=[MEMBER])[:-3] + "abc",
        "not.a.token",
    ],
    ids=["expired", "signed with another key", "tampered", "garbage"],
)
def test_a_token_that_is_not_valid_is_refused(token: str) -> None:
    with pytest.raises(Unauthorized):
        read_access_token(SETTINGS, token)


def test_unknown_roles_in_a_token_grant_nothing() -> None:
    token = issue_access_token(SETTINGS, member_id="m-1", roles=["admin"])
    assert read_access_token(SETTINGS, token).roles == frozenset()


def test_tokens_signed_with_the_previous_key_pass_while_the_key_rotates() -> None:
    old = issue_access_token(SETTINGS, member_id="m-1", roles=[MEMBER])
    rotated = replace(
        SETTINGS,
        token_secret="the new secret of thirty-two bytes or more",
        previous_token_secret=SETTINGS.token_secret,
    )
    assert read_access_token(rotated, old).member_id == "m-1"
    with pytest.raises(Unauthorized):
        read_access_token(replace(rotated, previous_token_secret=""), old)
