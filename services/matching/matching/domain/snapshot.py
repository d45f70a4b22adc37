"""A round's snapshot: who was eligible, with exactly what the pairing used of each.

Rows are numbered in the order the pairing sorts its candidates, and never-pair wishes and
organisations are kept as positions and codes, so a member's later anonymisation changes
nothing the pairing sees: the stored seed and snapshot give the stored pairs again.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from matching.domain.model import Base
from matching.domain.pairing import Pairing, make_pairs
from matching.domain.pairing.affinity import Candidate, PastRounds


class SnapshotEntry(Base):
    """One eligible member of a round, as the pairing saw them."""

    __tablename__ = "round_snapshots"

    # The round's id, without a foreign key: see Match.
    round_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[str] = mapped_column(String(60), index=True)
    region: Mapped[str] = mapped_column(String(60))
    organisation: Mapped[str] = mapped_column(String(200))
    organisation_code: Mapped[int] = mapped_column()
    meeting_format: Mapped[str] = mapped_column(String(20))
    prefers_other_organisation: Mapped[bool] = mapped_column()
    prefers_other_region: Mapped[bool] = mapped_column()
    left_over_last_time: Mapped[bool] = mapped_column()
    never: Mapped[list[int]] = mapped_column(JSON(), default=list)


def snapshot_rows(round_id: str, candidates: Sequence[Candidate]) -> list[dict[str, Any]]:
    """Return the snapshot rows of `candidates`, in the order the pairing sorts them."""
    ordered = sorted(candidates, key=lambda c: c.member_id)
    position = {c.member_id: i for i, c in enumerate(ordered)}
    codes: dict[str, int] = {}
    return [
        {
            "round_id": round_id,
            "position": i,
            "member_id": c.member_id,
            "region": c.region,
            "organisation": c.organisation,
            "organisation_code": codes.setdefault(c.organisation, len(codes)),
            "meeting_format": c.meeting_format,
            "prefers_other_organisation": c.prefers_other_organisation,
            "prefers_other_region": c.prefers_other_region,
            "left_over_last_time": c.left_over_last_time,
            "never": sorted(position[m] for m in c.never if m in position),
        }
        for i, c in enumerate(ordered)
    ]


def replay(
    entries: Sequence[SnapshotEntry], *, seed: int, past_rounds: PastRounds, cooldown: int
) -> Pairing:
    """Pair a stored snapshot again with its round's seed and history."""
    keys = {e.member_id: _key(e.position) for e in entries}
    members = {key: member for member, key in keys.items()}
    candidates = [_candidate(e) for e in entries]
    history = [
        [tuple(keys[m] for m in group if m in keys) for group in groups] for groups in past_rounds
    ]
    pairing = make_pairs(candidates, seed=seed, past_rounds=history, cooldown=cooldown)
    return Pairing(
        groups=[_named(group, members) for group in pairing.groups],
        unmatched=sorted(members[k] for k in pairing.unmatched),
    )


def _key(position: int) -> str:
    # Fixed width, so keys sort as the member ids sorted when the round ran.
    return f"{position:09d}"


def _candidate(entry: SnapshotEntry) -> Candidate:
    return Candidate(
        member_id=_key(entry.position),
        region=entry.region,
        organisation=str(entry.organisation_code),
        meeting_format=entry.meeting_format,
        prefers_other_organisation=entry.prefers_other_organisation,
        prefers_other_region=entry.prefers_other_region,
        never=frozenset(_key(p) for p in entry.never),
        left_over_last_time=entry.left_over_last_time,
    )


def _named(group: Sequence[str], members: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(sorted(members[k] for k in group))
