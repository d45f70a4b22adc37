"""Seed the library with the project's Creative Approaches to Problem Solving cards."""

import json
from importlib import resources

from sqlalchemy.exc import IntegrityError

from collaboration.service_layer import library
from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork


def caps_cards() -> list[dict[str, object]]:
    """Return the cards as written for the project."""
    text = resources.files("collaboration.seeds").joinpath("caps_cards.json").read_text()
    cards: list[dict[str, object]] = json.loads(text)
    return cards


def seed_library(*, uow: CollaborationUnitOfWork) -> int:
    """Publish every card the library does not hold yet; return how many were added."""
    held = uow.resources.slugs()
    added = 0
    for card in caps_cards():
        if card["slug"] in held:
            continue
        form = {**card, "pillar": "learn", "kind": "caps-card", "link": None}
        try:
            library.publish(uow=uow, form=form, suggested_by=None)
        except IntegrityError:
            # Another worker seeded this card at the same moment; it is there either way.
            uow.rollback()
            continue
        added += 1
    return added
