"""A pipelined transaction reads what a plain one reads, and loses nothing when it fails."""

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import String, cast, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.exc import IntegrityError

from qplatform.config import Settings
from qplatform.db.pipeline import answers_nothing
from qplatform.runtime import Runtime
from tests.shared.toy import GREETINGS, build_runtime, joined_envelope

pytestmark = [pytest.mark.postgres]


@pytest.fixture
def runtime(
    settings_for: Callable[..., Settings], fresh_database: Callable[[str, str], str]
) -> Iterator[Runtime]:
    url = fresh_database("membership", "postgres")
    built = build_runtime(settings_for("toy", database_url=url))
    runtime = built.without_pre_ping()  # as the consumer's
    yield runtime
    runtime.close()
    built.close()


def greetings(runtime: Runtime) -> dict[str, str | None]:
    with runtime.engine.connect() as connection:
        return dict(connection.execute(select(GREETINGS.c.member_id, GREETINGS.c.name)).all())


def greet(member_id: str, name: str = "Asha") -> object:
    return insert(GREETINGS).values(member_id=member_id, name=name)


def test_a_failed_insert_is_not_waited_for_and_fails_the_block_with_nothing_kept(
    runtime: Runtime,
) -> None:
    with runtime.unit_of_work() as uow:
        uow.session.execute(greet("m-1"))
        uow.commit()
    went_on = False
    with pytest.raises(IntegrityError), runtime.unit_of_work() as uow:
        with uow.pipelined():
            # The server answers in order, so nothing after this is answered for a second.
            slow = cast(func.pg_sleep(1), String)
            uow.session.execute(insert(GREETINGS).values(member_id="m-2", name=slow))
            # Sent, not waited for: the duplicate key is reported when the block ends.
            uow.session.execute(greet("m-1"))
            went_on = True
            uow.session.execute(greet("m-3"))
        uow.commit()
    assert went_on
    assert greetings(runtime) == {"m-1": "Asha"}


def test_reads_in_a_pipeline_see_the_inserts_before_them(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        with uow.pipelined():
            for n in range(5):
                uow.session.execute(greet(f"m-{n}"))
            counted = uow.session.execute(select(func.count()).select_from(GREETINGS))
            assert counted.scalar_one() == 5
            renamed = uow.session.execute(
                update(GREETINGS).where(GREETINGS.c.member_id.in_(["m-1", "m-2"])).values(name="B")
            )
            assert renamed.rowcount == 2
            again = uow.session.execute(
                upsert(GREETINGS)
                .values([{"member_id": "m-1"}, {"member_id": "m-9"}])
                .on_conflict_do_nothing()
                .execution_options(preserve_rowcount=True)
            )
            assert again.rowcount == 1
        uow.commit()
    assert greetings(runtime) == {
        "m-0": "Asha",
        "m-1": "B",
        "m-2": "B",
        "m-3": "Asha",
        "m-4": "Asha",
        "m-9": None,
    }


def test_an_error_before_a_read_is_raised_at_the_read(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        uow.session.execute(greet("m-1"))
        uow.commit()
    with runtime.unit_of_work() as uow, pytest.raises(IntegrityError), uow.pipelined():
        uow.session.execute(greet("m-1"))
        uow.session.execute(select(GREETINGS.c.member_id))
        pytest.fail("the read returned despite the failed insert before it")


def test_the_connection_leaves_the_pipeline_with_the_block(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        with uow.pipelined():
            uow.session.execute(greet("m-1"))
        uow.commit()
    # The pooled connection serves the next transaction as a plain one: a failed insert
    # raises at once.
    with runtime.unit_of_work() as uow, pytest.raises(IntegrityError):
        uow.session.execute(greet("m-1"))
        pytest.fail("the insert returned before its answer")


def test_the_inbox_records_a_batch_once_however_often_an_event_comes(runtime: Runtime) -> None:
    first, second = joined_envelope("m-1"), joined_envelope("m-2")
    with runtime.unit_of_work() as uow:
        with uow.pipelined():
            assert uow.record_first_handling([first, first]) == {first.id}
        uow.commit()
    with runtime.unit_of_work() as uow:
        with uow.pipelined():
            assert uow.record_first_handling([first, second, second]) == {second.id}
        uow.commit()
    with runtime.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM inbox")).scalar_one() == 2


@pytest.mark.parametrize(
    ("statement", "waits"),
    [
        ("INSERT INTO greetings (member_id, name) VALUES (%(member_id)s, %(name)s)", False),
        ("INSERT INTO greetings (member_id) VALUES (%(m)s) RETURNING greetings.member_id", True),
        ("INSERT INTO greetings (member_id) VALUES (%(m)s) ON CONFLICT DO NOTHING", True),
        ("INSERT INTO greetings (member_id) SELECT member_id FROM approvals", True),
        ("UPDATE greetings SET name=%(name)s", True),
        ("DELETE FROM greetings", True),
        ("SELECT 1", True),
    ],
)
def test_only_a_plain_insert_goes_unanswered(statement: str, waits: bool) -> None:
    assert answers_nothing(statement) is not waits
