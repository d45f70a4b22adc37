"""Which directory entries a search matches, with the same answers on SQLite and PostgreSQL.

A search word matches an entry when it begins one of the words the entry lists. Words are
runs of anything but whitespace and ASCII punctuation, so "co-produced" lists "co" and
"produced". PostgreSQL keeps each entry's words in the generated, GIN-indexed column
`search_words`, split by the same character class (see the migration that adds it);
SQLite looks for the word after a separator in the listed text.
"""

import re
from typing import Any

from sqlalchemy import ColumnElement, String, Text, bindparam, cast, column, func, literal_column
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY, TSVECTOR

from membership.domain.directory import DirectoryEntry as Entry
from membership.domain.directory import ExpertiseArea

# The migration's generated column splits with this very pattern; change both together.
SEPARATORS = r"[\t\n\v\f\r !-/:-@\[-`{-~]+"
_GLOB_SEPARATOR = "[\t\n\v\f\r !-/:-@[-`{-~]"


def query_words(text: str) -> list[str]:
    """Return the distinct words of a search, lower-cased as listed text is."""
    return list(dict.fromkeys(word for word in re.split(SEPARATORS, text.lower()) if word))


def conditions(
    *,
    dialect: str,
    text: str = "",
    region: str | None = None,
    expertise: str | None = None,
    role: str | None = None,
    organisation: str | None = None,
    areas: dict[str, ExpertiseArea],
) -> list[ColumnElement[Any]]:
    """Return what an entry must satisfy to match the search and its filters."""
    postgres = dialect == "postgresql"
    words = query_words(text)
    found: list[ColumnElement[Any]] = []
    if words:
        found += [_all_words(words)] if postgres else [_begins_a_word(w) for w in words]
    if region:
        found.append(Entry.region == region)
    if organisation:
        found.append(Entry.organisation_key == organisation.strip().lower())
    if role:
        found.append(_has_role_listed(role) if postgres else _has_role(role))
    if expertise:
        bit = 1 << areas[expertise].bit if expertise in areas else 0
        found.append(Entry.expertise_mask.op("&")(bit) != 0)
    return found


def _all_words(words: list[str]) -> ColumnElement[bool]:
    # Words hold no quote or backslash (both separate words), so each quotes safely. The
    # query is written into the statement so that no cached generic plan walks every entry.
    prefixes = " & ".join(f"'{word}':*" for word in words)
    query = cast(bindparam("words", prefixes, String, unique=True, literal_execute=True), TSQUERY)
    return column("search_words", TSVECTOR).bool_op("@@")(query)


def _begins_a_word(word: str) -> ColumnElement[bool]:
    listed = literal_column("' '").concat(Entry.search_text)
    return listed.bool_op("GLOB")(f"*{_GLOB_SEPARATOR}{word}*")


def _has_role_listed(role: str) -> ColumnElement[bool]:
    listed = func.string_to_array(Entry.roles, literal_column("' '"), type_=ARRAY(Text))
    return listed.contains(cast([role], ARRAY(Text)))


def _has_role(role: str) -> ColumnElement[bool]:
    return Entry.roles.contains(f" {role} ", autoescape=True)
