"""Erasure: after a member leaves, nothing collaboration holds says anything about them."""

from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork


def erase_member(uow: CollaborationUnitOfWork, member_id: str) -> None:
    """Drop a leaver's name, statements, saves and ratings; unlink them from what stays."""
    uow.members.erase(member_id)
    uow.cohorts.forget_member(member_id)
    uow.resources.forget_member(member_id)
    # Their answers still count in results, but no longer as theirs.
    uow.surveys.forget_member(member_id)
