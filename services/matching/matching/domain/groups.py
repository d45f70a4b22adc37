"""Special interest groups, as membership announces them, to suggest to members."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from matching.domain.model import Base


class InterestGroup(Base):
    """A special interest group that members started."""

    __tablename__ = "interest_groups"

    group_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(2000), default="")
    topics: Mapped[list[str]] = mapped_column(JSON(), default=list)


class GroupMember(Base):
    """A member's place in a group."""

    __tablename__ = "group_members"

    group_id: Mapped[str] = mapped_column(
        ForeignKey("interest_groups.group_id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)


@dataclass(frozen=True)
class GroupSuggestion:
    """A group worth joining, and why in a few words."""

    group_id: str
    name: str
    purpose: str
    topics: list[str]
    members: int
    reason: str


def suggest_groups(
    topics_of_interest: frozenset[str],
    groups: Iterable[tuple[InterestGroup, int]],
    joined: set[str],
    limit: int,
) -> list[GroupSuggestion]:
    """Return up to `limit` groups on the member's topics they are not in, most shared first."""
    found = []
    for group, members in groups:
        shared = topics_of_interest & set(group.topics or [])
        if not shared or group.group_id in joined:
            continue
        people = "1 member" if members == 1 else f"{members} members"
        found.append(
            (
                len(shared),
                GroupSuggestion(
                    group_id=group.group_id,
                    name=group.name,
                    purpose=group.purpose,
                    topics=sorted(group.topics or []),
                    members=members,
                    reason=f"About {', '.join(sorted(shared))}; {people}.",
                ),
            )
        )
    found.sort(key=lambda f: (-f[0], -f[1].members, f[1].name, f[1].group_id))
    return [suggestion for _, suggestion in found[:limit]]
