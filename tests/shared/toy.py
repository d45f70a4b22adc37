"""A toy service that exercises the plumbing: it greets every member who joins."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, String, Table, insert, select

from qplatform.config import Settings
from qplatform.db.engine import new_metadata
from qplatform.db.plumbing import add_plumbing_tables
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.errors import ArrivedEarly
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.runtime import Runtime
from qplatform.worker import Worker

METADATA = new_metadata()
PLUMBING = add_plumbing_tables(METADATA)
GREETINGS = Table(
    "greetings",
    METADATA,
    Column("member_id", String(36), primary_key=True),
    Column("name", String(200)),
)
APPROVALS = Table("approvals", METADATA, Column("member_id", String(36), primary_key=True))


class PoisonError(Exception):
    """Raised for the one member the toy cannot greet."""


def greet(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Greet a new member, refusing anyone called 'poison'."""
    if event.data["display_name"] == "poison":
        raise PoisonError("cannot greet poison")
    uow.session.execute(
        insert(GREETINGS).values(member_id=event.data["member_id"], name=event.data["display_name"])
    )


def note_approval(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Note an approval, which makes sense only once its member has been greeted."""
    member_id = event.data["member_id"]
    known = uow.session.execute(
        select(GREETINGS.c.member_id).where(GREETINGS.c.member_id == member_id)
    )
    if known.first() is None:
        raise ArrivedEarly(f"member {member_id} not greeted yet")
    uow.session.execute(insert(APPROVALS).values(member_id=member_id))


def approved(runtime: Runtime) -> list[str]:
    with runtime.engine.connect() as connection:
        return list(connection.execute(select(APPROVALS.c.member_id)).scalars())


def build_runtime(settings: Settings) -> Runtime:
    runtime = Runtime.build(settings, PLUMBING)
    METADATA.create_all(runtime.engine)
    return runtime


def build_worker(settings: Settings) -> Worker:
    return Worker(build_runtime(settings), handlers={("member-joined", 1): greet})


def member_joined(member_id: str, name: str = "Asha Patel") -> dict[str, Any]:
    return {
        "member_id": member_id,
        "display_name": name,
        "organisation": "NHS Tayside",
        "job_title": "Improvement Lead",
        "region": "scotland",
        "joined_at": datetime.now(UTC),
    }


def joined_envelope(member_id: str, name: str = "Asha Patel") -> Envelope:
    """Return the member-joined envelope membership would publish for `member_id`."""
    data = CATALOG.spec("member-joined", 1).serialise(member_joined(member_id, name))
    return Envelope.new(
        type="member-joined",
        version=1,
        source="membership",
        subject=member_id,
        correlation_id="test",
        data=data,
    )


def application_approved(member_id: str) -> dict[str, Any]:
    return {
        "application_id": f"a-{member_id}",
        "member_id": member_id,
        "decided_at": datetime.now(UTC),
    }


def greeted(runtime: Runtime) -> list[str]:
    with runtime.engine.connect() as connection:
        return list(connection.execute(select(GREETINGS.c.member_id)).scalars())
