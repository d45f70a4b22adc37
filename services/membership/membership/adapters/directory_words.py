"""Directory entries counted per listed word, region and expertise mask.

A search of one word usually begins just one listed word ("sepsis", "patel"); its facets are
then that word's tallies, a few thousand small rows, instead of every entry it matches.
"""

from collections import Counter
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from membership.adapters.directory_matching import query_words
from membership.domain.directory import DirectoryEntry, ExpertiseArea
from membership.domain.directory import DirectoryWordTally as Tally

Grid = dict[str, Any]


def count_words(session: Session, entry: DirectoryEntry, change: int) -> None:
    """Add `change` to the tallies of every word the entry lists."""
    # In one order, so members saved at once mostly queue on shared words, not deadlock.
    words = sorted(query_words(entry.search_text))
    if not words:
        return
    key = {"region": entry.region, "expertise_mask": entry.expertise_mask}
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    upsert = dialect.insert(Tally)
    # Added in the database, so members changing at once never lose each other's counts.
    upsert = upsert.on_conflict_do_update(
        index_elements=[Tally.word, Tally.region, Tally.expertise_mask],
        set_={"members": Tally.members + upsert.excluded.members},
    )
    session.execute(upsert, [{"word": word, **key, "members": change} for word in words])
    session.execute(
        delete(Tally).where(
            Tally.word.in_(words),
            Tally.region == entry.region,
            Tally.expertise_mask == entry.expertise_mask,
            Tally.members <= 0,
        )
    )


def recount_words(session: Session) -> None:
    """Rebuild every word's tallies from the entries, after loading entries in bulk."""
    session.execute(delete(Tally))
    counts: Counter[tuple[str, str, int]] = Counter()
    listed = select(
        DirectoryEntry.search_text, DirectoryEntry.region, DirectoryEntry.expertise_mask
    )
    for text, region, mask in session.execute(listed):
        counts.update((word, region, mask) for word in query_words(text))
    rows = [
        {"word": word, "region": region, "expertise_mask": mask, "members": members}
        for (word, region, mask), members in counts.items()
    ]
    if rows:
        session.execute(insert(Tally), rows)


def word_grid(session: Session, text: str, areas: dict[str, ExpertiseArea]) -> Grid | None:
    """Return matches per region, in all and per area, if `text` begins one listed word.

    None when it has several words or begins several listed words: their entries must be
    counted themselves, as one entry can list more than one of them.
    """
    words = query_words(text)
    # Past U+D7FF the next character may be a surrogate, which has no UTF-8.
    if len(words) != 1 or ord(words[0][-1]) >= 0xD7FF:
        return None
    start = words[0]
    beyond = start[:-1] + chr(ord(start[-1]) + 1)
    first, last = session.execute(
        select(func.min(Tally.word), func.max(Tally.word)).where(
            Tally.word >= start, Tally.word < beyond
        )
    ).one()
    if first != last:
        return None
    if first is None:
        return {}
    grid = select(Tally.region, func.sum(Tally.members), *_per_area(areas))
    found = grid.where(Tally.word == first).group_by(Tally.region)
    return {row[0]: row[1:] for row in session.execute(found)}


def _per_area(areas: dict[str, ExpertiseArea]) -> list[ColumnElement[Any]]:
    return [
        func.coalesce(
            func.sum(Tally.members).filter(Tally.expertise_mask.op("&")(1 << areas[slug].bit) != 0),
            0,
        )
        for slug in sorted(areas)
    ]
