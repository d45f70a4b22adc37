"""After a member leaves, no topic and no service's database yields their name or their work.

A member joins, edits their profile, takes a place at an event, comments and joins a
group; every service keeps its copy of them. Then they leave. Every service database is
read in full, and every topic from its beginning: public topics never named them, and on
the restricted, compacted topics each record that did is followed by a tombstone for its
key, which compaction turns into nothing.
"""

from sqlalchemy import MetaData, create_engine, select

from qplatform.services import SERVICES
from tests.e2e.flows import create_event
from tests.e2e.member_flows import (
    call,
    comment_on,
    join,
    leave,
    participant,
    register_for,
    registrant,
    wait_for_copy,
)
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import SmtpServer
from tests.support.servers import Broker
from tests.support.topics import Seen, read_every_topic
from tests.support.waiting import wait_until

NAME, ORGANISATION, JOB_TITLE = "Zanele Brightwater", "Fernhollow Care Trust", "Lantern Keeper"


def personal(email: str) -> tuple[str, ...]:
    """Return what must be found nowhere once the member has left, in lower case."""
    return tuple(word.lower() for word in (NAME, ORGANISATION, JOB_TITLE, email))


def found_in_databases(platform: Platform, needles: tuple[str, ...]) -> list[str]:
    """Return `service.table` for every row of every service database naming a needle."""
    hits = []
    for service in SERVICES:
        engine = create_engine(platform.services[service].env["QP_DATABASE_URL"])
        try:
            tables = MetaData()
            tables.reflect(engine)
            with engine.connect() as connection:
                for table in tables.sorted_tables:
                    for row in connection.execute(select(table)):
                        text = str(tuple(row)).lower()
                        hits += [f"{service}.{table.name}" for n in needles if n in text]
        finally:
            engine.dispose()
    return sorted(set(hits))


def names(record: Seen, needles: tuple[str, ...]) -> bool:
    text = " ".join([record.key or "", *record.headers.values()]).lower()
    text += (record.raw or b"").decode(errors="replace").lower()
    return any(needle in text for needle in needles)


def test_a_leaver_is_found_in_no_database_and_no_topic(
    shared_platform: Platform, shared_smtp: SmtpServer, broker: Broker, shared_prefix: str
) -> None:
    form = {"name": NAME, "organisation": ORGANISATION, "job_title": JOB_TITLE}
    account = join(shared_platform, shared_smtp, region="wales", **form)
    needles = personal(account.email)
    profile = {"bio": "Improvement coach.", "expertise": [], "shown_groups": ["work", "about"]}
    path = f"/members/{account.member_id}/profile"
    assert call(shared_platform, "PATCH", path, headers=account.headers, json=profile).ok
    event_id = create_event(shared_platform, "Flow in community care")["id"]
    register_for(shared_platform, account, event_id)
    comment_on(shared_platform, account, event_id, "Looking forward to it.")
    wait_for_copy(
        lambda: registrant(shared_platform, event_id, account.member_id),
        lambda copy: copy["display_name"] == NAME,
        "events to know the member's name",
    )
    wait_for_copy(
        lambda: participant(shared_platform, account.member_id),
        lambda copy: copy["organisation"] == ORGANISATION,
        "matching to know the member's organisation",
    )
    assert found_in_databases(shared_platform, needles)  # the scan does see the copies

    leave(shared_platform, account)

    wait_until(
        lambda: not found_in_databases(shared_platform, needles),
        timeout=30,
        interval=0.5,
        message="every database to forget the member",
    )
    topics = read_every_topic(broker.bootstrap, shared_prefix)
    restricted = {
        f"{shared_prefix}membership.member-contact",
        f"{shared_prefix}membership.member-profile",
        f"{shared_prefix}membership.applicant-contact",
    }
    public = {name: records for name, records in topics.items() if name not in restricted}
    assert [
        name for name, records in public.items() if any(names(r, needles) for r in records)
    ] == []
    for name in restricted:
        kept = _left_after_compaction(topics[name])
        assert [r.key for r in kept if names(r, needles)] == [], name
    assert any(names(r, needles) for name in restricted for r in topics[name])


def _left_after_compaction(records: list[Seen]) -> list[Seen]:
    """Return what a compacted topic keeps of `records`: each key's newest, unless a tombstone."""
    newest = {record.key: record for record in records}
    return [record for record in newest.values() if record.raw is not None]
