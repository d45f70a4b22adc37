"""The member directory: what it lists of each member, and the expertise it is searched by."""

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from membership.domain.model import Base, Member

STARTING_EXPERTISE = [
    ("quality-improvement", "Quality improvement"),
    ("patient-safety", "Patient safety"),
    ("measurement-for-improvement", "Measurement for improvement"),
    ("lean", "Lean and flow"),
    ("human-factors", "Human factors"),
    ("co-production", "Co-production with patients and carers"),
    ("system-leadership", "System leadership"),
    ("service-design", "Service design"),
    ("digital-transformation", "Digital transformation"),
    ("population-health", "Population health"),
]


MAX_BIT = 62


class ExpertiseArea(Base):
    """One entry of the controlled list of improvement expertise, which staff manage."""

    __tablename__ = "expertise_areas"

    slug: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # Each area owns one bit of a listed member's expertise mask, for one-pass facet counts.
    bit: Mapped[int] = mapped_column(Integer, unique=True)


class DirectoryEntry(Base):
    """A member as the directory searches them: only the fields they show, kept narrow."""

    __tablename__ = "directory_entries"
    __table_args__ = (Index("ix_directory_entries_sort", "sort_name", "member_id"),)

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sort_name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(60), index=True)
    organisation_key: Mapped[str | None] = mapped_column(String(200), index=True)
    roles: Mapped[str] = mapped_column(String(100))
    expertise_mask: Mapped[int] = mapped_column(BigInteger)
    search_text: Mapped[str] = mapped_column(Text)


def entry_for(member: Member, areas: dict[str, ExpertiseArea]) -> DirectoryEntry:
    """Build the directory entry of `member` from the fields they show."""
    shown = member.visible_groups
    work = "work" in shown
    expertise = [areas[a] for a in member.expertise or [] if a in areas] if "about" in shown else []
    words = [member.display_name]
    if work:
        words += [member.organisation, member.job_title]
    if "about" in shown:
        words += [member.bio or "", *(member.tags or []), *(area.name for area in expertise)]
    return DirectoryEntry(
        member_id=member.id,
        sort_name=member.display_name.lower(),
        region=member.region,
        organisation_key=member.organisation.lower() if work else None,
        roles=" " + " ".join(member.role_list) + " ",
        expertise_mask=sum({1 << area.bit for area in expertise}),
        search_text=" ".join(words).lower(),
    )


class DirectoryTally(Base):
    """How many listed members one region has, in all (`area` empty) or with one expertise.

    Kept in step with every entry, so browsing without search words counts nothing.
    """

    __tablename__ = "directory_tallies"

    region: Mapped[str] = mapped_column(String(60), primary_key=True)
    area: Mapped[str] = mapped_column(String(60), primary_key=True)
    members: Mapped[int] = mapped_column(Integer)


class DirectoryWordTally(Base):
    """How many listed members of one region and expertise mask list one word.

    Kept in step with every entry, so a one-word search counts its facets without reading
    the entries it matches.
    """

    __tablename__ = "directory_word_tallies"

    # Byte order, the order a word's beginning is looked up in as a range.
    word: Mapped[str] = mapped_column(
        Text().with_variant(Text(collation="C"), "postgresql"), primary_key=True
    )
    region: Mapped[str] = mapped_column(String(60), primary_key=True)
    expertise_mask: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    members: Mapped[int] = mapped_column(Integer)


def tally_keys(entry: DirectoryEntry, areas: dict[str, ExpertiseArea]) -> list[tuple[str, str]]:
    """Return the (region, area) tallies an entry counts in, its region's total first."""
    shown = [slug for slug, area in areas.items() if entry.expertise_mask & (1 << area.bit)]
    return [(entry.region, ""), *((entry.region, slug) for slug in shown)]
