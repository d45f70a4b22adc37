"""The month's coffee round: matches made, and members saying whether they met."""

from datetime import timedelta
from typing import Any

from analysis.activity import Activity, Member

OUTCOMES = ["met", "rescheduled", "did-not-meet"]


def pair_for_coffee(activity: Activity) -> None:
    """Pair the members who joined by mid-month; about two in three pairs say they met."""
    rng, at = activity.rng, activity.start + timedelta(days=14, hours=9)
    members = activity.members_by(at)
    rng.shuffle(members)
    round_id = activity.new_id()
    pairs = [members[i : i + 2] for i in range(0, len(members) - 1, 2)]
    if len(members) % 2 and pairs:
        pairs[-1].append(members[-1])
    for pair in pairs:
        match = {
            "round_id": round_id,
            "match_id": activity.new_id(),
            "member_ids": [m.id for m in pair],
            "meeting_format": "virtual",
            "matched_at": at,
        }
        if not activity.emit("match-made", at, match, "matching"):
            return
        _answer(activity, match, pair, rng.choices(OUTCOMES, weights=[62, 13, 25])[0])
    figures = {
        "round_id": round_id,
        "number": 1,
        "seed": 8,
        "completed_at": at,
        "participants": len(members),
        "pairs": sum(len(p) == 2 for p in pairs),
        "trios": sum(len(p) == 3 for p in pairs),
        "unmatched": 0,
        "repeats": 0,
        "cross_organisation_share": 0.9,
        "cross_region_share": 0.6,
        "preference_hits": 0.85,
    }
    activity.emit("coffee-round-completed", at, figures, "matching")


def _answer(activity: Activity, match: dict[str, Any], pair: list[Member], outcome: str) -> None:
    """Let some of the matched members say whether they met."""
    for member in pair:
        if activity.rng.random() < 0.7:
            answered = activity.moment(match["matched_at"], timedelta(days=14))
            feedback = {
                "round_id": match["round_id"],
                "match_id": match["match_id"],
                "member_id": member.id,
                "outcome": outcome,
                "rating": activity.rng.randint(3, 5) if outcome == "met" else None,
                "recorded_at": answered,
            }
            activity.emit("match-feedback-recorded", answered, feedback, "matching")
