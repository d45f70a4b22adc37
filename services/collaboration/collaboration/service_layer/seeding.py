"""Seed the library with the project's Creative Approaches to Problem Solving cards."""

import json
from importlib import resources

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from collaboration.domain.resources import Resource
from collaboration.service_layer import library
from qplatform.db.unit_of_work import UnitOfWork


def caps_cards() -> list[dict[str, object]]:
    """Return the cards as written for the project."""
    text = resources.files("collaboration.seeds").joinpath("caps_cards.json").read_text()
    cards: list[dict[str, object]] = json.loads(text)
    return cards


def seed_library(*, uow: UnitOfWork) -> int:
    """Publish every card the library does not hold yet; return how many were added."""
    held = set(uow.session.scalars(select(Resource.slug).where(Resource.slug.is_not(None))))
    added = 0
    for card in caps_cards():
        if card["slug"] in held:
            continue
        form = {**card, "pillar": "learn", "kind": "caps-card", "link": None}
        try:
            library.add(uow=uow, form=form, suggested_by=None)
        except IntegrityError:
            # Another worker seeded this card at the same moment; it is there either way.
            uow.rollback()
            continue
        added += 1
    return added
