"""Each membership flow once, through real processes: accounts, roles, profiles, groups, leaving."""

from dataclasses import replace

from qplatform.web.auth import CONNECTOR
from tests.analytics.test_no_contact_details import EMAIL

# The Lab and surveys run on this module's platform, so the suite starts no other for them.
from tests.e2e.collaboration_journeys import (  # noqa: F401
    collaborators,
    test_a_lab_cohort_runs_from_opening_to_closing_with_two_teams,
    test_a_survey_to_one_region_is_answered_by_its_members_and_not_by_others,
    test_an_anonymous_surveys_stored_answers_hold_no_member_id,
)
from tests.e2e.flows import apply, approve, create_event
from tests.e2e.member_flows import (
    as_staff,
    call,
    comment,
    comment_on,
    group_members,
    is_tombstone,
    join,
    leave,
    log_in,
    of_type,
    participant,
    preferences,
    records_about,
    register_for,
    registrant,
    wait_for_copy,
    wait_for_name,
)
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import SmtpServer
from tests.support.auth import bearer
from tests.support.waiting import wait_until


def test_a_member_sets_a_password_from_the_mail_logs_in_and_out_and_is_slowed_when_failing(
    shared_platform: Platform, shared_smtp: SmtpServer
) -> None:
    account = join(shared_platform, shared_smtp, region="wales")
    own = call(
        shared_platform, "GET", f"/members/{account.member_id}/profile", headers=account.headers
    )
    assert own.status_code == 200 and own.json()["email"] == account.email

    renewed = call(
        shared_platform, "POST", "/accounts/refresh", json=_refresh(account.refresh_token)
    )
    assert renewed.status_code == 200, renewed.text
    fresh = renewed.json()["refresh_token"]
    call(shared_platform, "POST", "/accounts/logout", json=_refresh(fresh))
    for spent in (account.refresh_token, fresh):
        again = call(shared_platform, "POST", "/accounts/refresh", json=_refresh(spent))
        assert again.status_code == 401 and again.json()["errors"]["json"]["refresh_token"]

    wrong = [
        log_in(shared_platform, account.email, "not my password").status_code for _ in range(5)
    ]
    assert wrong == [401] * 5
    assert log_in(shared_platform, account.email).status_code == 429


def test_a_rejected_applicant_is_told_once_with_the_reason_and_their_address_is_forgotten(
    shared_platform: Platform, shared_smtp: SmtpServer, kafka_bootstrap: str, shared_prefix: str
) -> None:
    applicant = apply(shared_platform, region="eastern")
    reason = "This wave is for people leading improvement work in their own organisation."
    path = f"/applications/{applicant['id']}/reject"
    rejected = as_staff(shared_platform, "POST", path, json={"reason": reason})
    assert rejected.status_code == 200, rejected.text

    [mail] = wait_until(lambda: shared_smtp.to(applicant["email"]), message="the decision mail")
    assert mail.message["Subject"] == "Your application to join Q"
    assert reason in mail.text and "Dear Asha Patel" in mail.text
    topic = f"{shared_prefix}membership.applicant-contact"
    records = records_about(kafka_bootstrap, topic, applicant["id"], is_tombstone)
    assert [is_tombstone(record) for record in records] == [False, True]
    again = as_staff(shared_platform, "POST", path, json={"reason": reason})
    assert again.status_code == 409
    assert len(shared_smtp.to(applicant["email"])) == 1


def test_a_partner_reviewer_decides_in_their_region_and_is_refused_in_another(
    shared_platform: Platform, shared_smtp: SmtpServer
) -> None:
    reviewer = join(shared_platform, shared_smtp, region="yorkshire-and-humber")
    path = f"/members/{reviewer.member_id}/roles/partner-reviewer"
    granted = as_staff(shared_platform, "PUT", path, json={"region": "yorkshire-and-humber"})
    assert granted.status_code == 200, granted.text
    headers = _bearer(log_in(shared_platform, reviewer.email).json()["access_token"])
    ours = apply(shared_platform, region="yorkshire-and-humber")["id"]
    theirs = apply(shared_platform, region="west-midlands")["id"]

    listed = call(shared_platform, "GET", "/applications", headers=headers).json()
    assert {a["region"] for a in listed} == {"yorkshire-and-humber"}
    for action in ("approve", "reject"):
        body = {"reason": "Not this round."} if action == "reject" else None
        refused = call(
            shared_platform, "POST", f"/applications/{theirs}/{action}", headers=headers, json=body
        )
        assert refused.status_code == 403, refused.text
    decided = call(shared_platform, "POST", f"/applications/{ours}/approve", headers=headers)
    assert decided.status_code == 200 and decided.json()["status"] == "approved"


def test_a_profile_edit_shows_in_the_directory_and_reaches_events_and_matching(
    shared_platform: Platform, shared_smtp: SmtpServer
) -> None:
    event = create_event(shared_platform, "Measuring what matters")["id"]
    account = join(shared_platform, shared_smtp, region="uclpartners", name="Dev Sharma")
    register_for(shared_platform, account, event)
    wait_for_name(shared_platform, event, account.member_id, "Dev Sharma")

    change = {"display_name": "Devika Sharma", "bio": "Flow coach.", "shown_groups": ["about"]}
    path = f"/members/{account.member_id}/profile"
    assert (
        call(shared_platform, "PATCH", path, headers=account.headers, json=change).status_code
        == 200
    )

    found = call(shared_platform, "GET", "/directory?q=devika").json()
    assert [(m["id"], m["bio"], m["organisation"]) for m in found] == [
        (account.member_id, "Flow coach.", None)
    ]
    shown = call(shared_platform, "GET", f"/members/{account.member_id}")
    assert shown.json()["job_title"] is None and not EMAIL.search(shown.text)
    wait_for_name(shared_platform, event, account.member_id, "Devika Sharma")


def test_staff_appoint_a_connector_whom_the_directory_and_the_stream_show(
    shared_platform: Platform, shared_prefix: str, kafka_bootstrap: str
) -> None:
    member_id = approve(
        shared_platform, apply(shared_platform, region="north-east-north-cumbria")["id"]
    )["member_id"]
    appointed = as_staff(shared_platform, "PUT", f"/members/{member_id}/roles/connector", json={})
    assert appointed.status_code == 200 and CONNECTOR in appointed.json()["roles"]

    listed = call(
        shared_platform, "GET", "/directory?role=connector&region=north-east-north-cumbria"
    )
    assert [m["id"] for m in listed.json()] == [member_id]
    topic = f"{shared_prefix}membership.member"
    changed = records_about(kafka_bootstrap, topic, member_id, of_type("member-role-changed"))
    assert changed[-1].value is not None
    assert changed[-1].value["data"]["role"] == CONNECTOR and changed[-1].value["data"]["granted"]


def test_members_start_join_and_leave_a_special_interest_group(
    shared_platform: Platform, shared_smtp: SmtpServer
) -> None:
    founder = join(shared_platform, shared_smtp, region="east-midlands", name="Femi Adeyemi")
    joiner = join(shared_platform, shared_smtp, region="east-midlands", name="Gail Brown")
    group = {"name": "Flow in emergency care", "purpose": "Share what works.", "topics": ["flow"]}
    started = call(shared_platform, "POST", "/groups", headers=founder.headers, json=group)
    assert started.status_code == 201, started.text
    members = f"/groups/{started.json()['id']}/members"

    assert call(shared_platform, "POST", members, headers=joiner.headers).status_code == 200
    assert group_members(shared_platform, members) == {founder.member_id, joiner.member_id}
    left = call(shared_platform, "DELETE", f"{members}/{joiner.member_id}", headers=joiner.headers)
    assert left.status_code == 204
    assert group_members(shared_platform, members) == {founder.member_id}


def test_a_member_downloads_everything_membership_holds_about_them(
    shared_platform: Platform, shared_smtp: SmtpServer
) -> None:
    account = join(
        shared_platform, shared_smtp, region="south-west", organisation="Torbay and South Devon"
    )
    path = f"/members/{account.member_id}/export"
    assert call(shared_platform, "GET", path).status_code == 401
    export = call(shared_platform, "GET", path, headers=account.headers).json()
    assert export["profile"]["email"] == account.email
    assert export["profile"]["organisation"] == "Torbay and South Devon"
    assert [a["status"] for a in export["applications"]] == ["approved"]
    assert export["account"]["has_password"] and len(export["account"]["sessions"]) == 1


def test_a_member_who_leaves_is_announced_without_personal_data_and_anonymised_elsewhere(
    shared_platform: Platform, shared_smtp: SmtpServer, shared_prefix: str, kafka_bootstrap: str
) -> None:
    event = create_event(shared_platform, "Leading change in primary care")["id"]
    account = join(shared_platform, shared_smtp, region="kent-surrey-sussex", name="Hana Ito")
    register_for(shared_platform, account, event)
    said = comment_on(shared_platform, account, event, "Which measures did you start with?")
    wait_for_name(shared_platform, event, account.member_id, "Hana Ito")

    leave(shared_platform, account)

    topic = f"{shared_prefix}membership.member"
    public = records_about(kafka_bootstrap, topic, account.member_id, of_type("member-left"))
    assert all(not EMAIL.search((r.raw or b"").decode()) for r in public)
    assert public[-1].value is not None
    assert set(public[-1].value["data"]) == {"member_id", "left_at"}
    contact = f"{shared_prefix}membership.member-contact"
    assert records_about(kafka_bootstrap, contact, account.member_id, is_tombstone)
    wait_for_copy(
        lambda: participant(shared_platform, account.member_id),
        lambda copy: copy["display_name"] == "Former member" and copy["organisation"] == "",
        "matching to anonymise the member",
    )
    wait_for_copy(
        lambda: comment(shared_platform, event, said),
        lambda copy: copy["author_name"] == "Former member",
        "events to anonymise the member's comment",
    )
    assert registrant(shared_platform, event, account.member_id) is None
    assert call(shared_platform, "GET", f"/members/{account.member_id}").status_code == 404
    assert log_in(shared_platform, account.email).status_code == 401


def test_notifications_erases_the_contact_of_a_member_who_leaves(
    shared_platform: Platform, shared_smtp: SmtpServer
) -> None:
    account = join(shared_platform, shared_smtp, region="wessex", mail_categories=["events"])
    wait_until(
        lambda: preferences(shared_platform, account)["events"], message="the contact recorded"
    )

    leave(shared_platform, account)

    # The leaver's own tokens are refused now; a token minted after they left shows what
    # notifications still holds for their id.
    minted = replace(account, access_token=bearer(account.member_id)["Authorization"][7:])
    wait_until(
        lambda: not any(preferences(shared_platform, minted).values()),
        timeout=10,
        message="notifications to erase the contact and the choices made with it",
    )


def _refresh(token: str) -> dict[str, str]:
    return {"refresh_token": token}


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
