"""Directory search gives the same answers on SQLite and PostgreSQL."""

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Select, column, func, select, text
from sqlalchemy.orm import Session

from membership.adapters.directory_matching import conditions, query_words
from membership.adapters.directory_words import word_grid
from membership.adapters.repositories.directory import DirectoryEntries, DirectoryQuery
from membership.domain.directory import DirectoryEntry, DirectoryWordTally, entry_for
from membership.domain.model import Member
from qplatform.db.engine import make_engine
from qplatform.paging import PageRequest

PEOPLE: list[dict[str, Any]] = [
    {
        "display_name": "Asha Patel",
        "organisation": "Lancashire Teaching Hospitals",
        "bio": "Co-produced a sepsis pathway with patients.",
        "expertise": ["patient-safety", "co-production"],
        "tags": ["sepsis"],
    },
    {
        "display_name": "Ben Ross",
        "region": "scotland",
        "organisation": "NHS Tayside",
        "job_title": "Consultant Nurse",
        "bio": "Coached ward teams on falls: 50% fewer in a year.",
        "expertise": ["lean"],
        "roles": ["connector"],
    },
    {
        "display_name": "Cara O'Neil",
        "region": "scotland",
        "organisation": "NHS Lothian",
        "bio": "Measured flow in A&E (emergency_department).",
        "expertise": ["lean", "measurement-for-improvement"],
    },
    {
        "display_name": "Dev Patel",
        "region": "west-midlands",
        "organisation": "Patel Partners",
        "bio": "Sepsis dashboards.",
        "expertise": ["measurement-for-improvement"],
        "shown_groups": ["work"],
    },
    {
        "display_name": "Zoë Hughes",
        "region": "yorkshire-and-humber",
        "organisation": "Bradford Teaching Hospitals",
        "bio": "Frailty and dementia.",
        "shown_groups": [],
    },
    {"display_name": "Ann Lee", "bio": "Lean\tcoach\\mentor."},
    {"display_name": "Ann Lee", "bio": "Quality improvement."},
]

EVERYONE = [
    "Ann Lee m5",
    "Ann Lee m6",
    "Asha Patel m0",
    "Ben Ross m1",
    "Cara O'Neil m2",
    "Dev Patel m3",
    "Zoë Hughes m4",
]


def a_member(n: int, **fields: Any) -> Member:
    defaults = {"region": "north-west-coast", "organisation": "Q", "job_title": "Improvement Lead"}
    return Member(id=f"m{n}", email=f"person{n}@example.org", **{**defaults, **fields})


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    """Return a session of a directory listing PEOPLE, on this test's backend."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        directory = DirectoryEntries(session)
        for n, fields in enumerate(PEOPLE):
            directory.save(entry_for(a_member(n, **fields), directory.areas()))
        session.commit()
        yield session
    engine.dispose()


@pytest.fixture
def directory(session: Session) -> DirectoryEntries:
    return DirectoryEntries(session)


def names(directory: DirectoryEntries, **query: Any) -> list[str]:
    ids = directory.search(DirectoryQuery(**query)).member_ids
    return [f"{PEOPLE[int(i[1:])]['display_name']} {i}" for i in ids]


# Each search, and the members it finds in name order, on either backend.
SEARCHES: list[tuple[dict[str, Any], list[str]]] = [
    ({"text": "patel"}, ["Asha Patel m0", "Dev Patel m3"]),
    ({"text": "PAT"}, ["Asha Patel m0", "Dev Patel m3"]),
    ({"text": "atel"}, []),
    ({"text": "sepsis"}, ["Asha Patel m0"]),
    ({"text": "coached falls"}, ["Ben Ross m1"]),
    ({"text": "co-produced"}, ["Asha Patel m0"]),
    ({"text": "produced patients"}, ["Asha Patel m0"]),
    ({"text": "o'neil"}, ["Cara O'Neil m2"]),
    ({"text": "department"}, ["Cara O'Neil m2"]),
    ({"text": "50%"}, ["Ben Ross m1"]),
    ({"text": "mentor"}, ["Ann Lee m5"]),
    ({"text": "zoë"}, ["Zoë Hughes m4"]),
    ({"text": "ZOË"}, ["Zoë Hughes m4"]),
    ({"text": "bradford"}, []),
    ({"text": "frailty"}, []),
    ({"text": "example"}, []),
    ({"text": "lean and flow"}, ["Ben Ross m1", "Cara O'Neil m2"]),
    ({"text": "' \\ % _ *"}, EVERYONE),
    ({"text": "ann"}, EVERYONE[:2]),
    ({"text": "nurse", "role": "connector"}, ["Ben Ross m1"]),
    ({"role": "connector"}, ["Ben Ross m1"]),
    ({"region": "scotland"}, ["Ben Ross m1", "Cara O'Neil m2"]),
    ({"organisation": " NHS Tayside"}, ["Ben Ross m1"]),
    ({"text": "flow", "expertise": "lean"}, ["Ben Ross m1", "Cara O'Neil m2"]),
    ({"text": "patel", "region": "west-midlands"}, ["Dev Patel m3"]),
]


def test_a_search_finds_the_members_whose_shown_words_begin_with_each_search_word(
    directory: DirectoryEntries,
) -> None:
    found = {repr(query): names(directory, **query) for query, _ in SEARCHES}
    assert found == {repr(query): expected for query, expected in SEARCHES}


def test_facets_count_the_matches_each_ignoring_its_own_filter(directory: DirectoryEntries) -> None:
    page = directory.search(DirectoryQuery(text="lean", region="scotland", expertise="lean"))
    assert (page.member_ids, page.total) == (["m1", "m2"], 2)
    assert page.facets == {
        "region": {"north-west-coast": 0, "scotland": 2},
        "expertise": {"lean": 2, "measurement-for-improvement": 1},
    }


def test_pages_are_stable_and_complete(directory: DirectoryEntries) -> None:
    seen: list[str] = []
    for number in range(1, 5):
        page = directory.search(DirectoryQuery(page=PageRequest(number=number, size=2)))
        assert page.total == 7
        seen += page.member_ids
    assert seen == ["m5", "m6", "m0", "m1", "m2", "m3", "m4"]


@pytest.mark.parametrize("word", ["patel", "PATEL", "sepsis", "ann", "lean", "zoë", "atel", "50"])
def test_one_word_facets_read_off_word_tallies_equal_counting_the_matches(
    directory: DirectoryEntries, session: Session, word: str
) -> None:
    lean = a_member(7, display_name="Patience Lean", region="scotland", expertise=["lean"])
    directory.save(entry_for(lean, directory.areas()))
    directory.remove("m1")
    areas = directory.areas()
    tallied = word_grid(session, word, areas)
    counted = directory._grid(DirectoryQuery(text=word), areas)
    assert tallied is not None
    assert {r: [int(n) for n in row] for r, row in tallied.items()} == {
        r: [int(n) for n in row] for r, row in counted.items()
    }


@pytest.mark.parametrize("text", ["pat", "sepsis co", "p"])
def test_a_search_beginning_several_listed_words_counts_the_matches_themselves(
    directory: DirectoryEntries, session: Session, text: str
) -> None:
    directory.save(entry_for(a_member(7, display_name="Patience Lean"), {}))
    assert word_grid(session, text, directory.areas()) is None


def test_removing_every_entry_leaves_no_word_tallies(
    directory: DirectoryEntries, session: Session
) -> None:
    renamed = a_member(0, **{**PEOPLE[0], "display_name": "Asha Patel-Doyle"})
    directory.save(entry_for(renamed, directory.areas()))
    for n in range(len(PEOPLE)):
        directory.remove(f"m{n}")
    assert session.scalars(select(DirectoryWordTally)).all() == []


POSTGRES_ONLY = pytest.mark.parametrize("database_backend", ["postgres"])


@POSTGRES_ONLY
def test_postgres_lists_the_words_a_search_is_split_into(session: Session) -> None:
    listed = "".join(f"{chr(c)}w{c}" for c in range(1, 128)).lower() + " naïve\u00a0café"
    entry = DirectoryEntry(
        member_id="x",
        sort_name="x",
        region="scotland",
        roles=" member ",
        expertise_mask=0,
        search_text=listed,
    )
    session.add(entry)
    session.flush()
    words = func.tsvector_to_array(column("search_words"))
    stored = session.scalars(
        select(words).select_from(DirectoryEntry).filter_by(member_id="x")
    ).one()
    assert sorted(stored) == sorted(query_words(listed))


@POSTGRES_ONLY
@pytest.mark.parametrize(
    ("search", "index"),
    [
        ({"text": "sepsis co"}, "ix_directory_entries_search_words"),
        ({"role": "connector"}, "ix_directory_entries_role_list"),
    ],
)
def test_postgres_searches_through_the_indexes_the_migrations_made(
    session: Session, search: dict[str, str], index: str
) -> None:
    found = conditions(dialect="postgresql", areas={}, **search)
    assert index in explained(session, select(DirectoryEntry.member_id).where(*found))


def explained(session: Session, statement: Select[Any]) -> str:
    session.execute(text("SET LOCAL enable_seqscan = off"))
    compiled = statement.compile(session.get_bind(), compile_kwargs={"render_postcompile": True})
    plan = session.connection().exec_driver_sql(f"EXPLAIN {compiled}", compiled.params)
    return "\n".join(row[0] for row in plan)
