"""Erasure: after a member leaves, nothing collaboration holds says anything about them."""

from sqlalchemy import delete, update

from collaboration.adapters.storage import Members
from collaboration.domain.lab import LabApplication, Update
from collaboration.domain.resources import Favourite, Rating, Resource
from collaboration.domain.surveys import Response
from qplatform.db.unit_of_work import UnitOfWork


def erase_member(uow: UnitOfWork, member_id: str) -> None:
    """Drop a leaver's name, statements, saves and ratings; unlink them from what stays."""
    Members(uow.session).erase(member_id)
    session = uow.session
    session.execute(
        update(LabApplication).where(LabApplication.member_id == member_id).values(statement="")
    )
    session.execute(
        update(Update).where(Update.author_member_id == member_id).values(author_member_id=None)
    )
    session.execute(delete(Favourite).where(Favourite.member_id == member_id))
    session.execute(delete(Rating).where(Rating.member_id == member_id))
    session.execute(
        update(Resource).where(Resource.suggested_by == member_id).values(suggested_by=None)
    )
    # Their answers still count in results, but no longer as theirs.
    session.execute(update(Response).where(Response.member_id == member_id).values(member_id=None))
