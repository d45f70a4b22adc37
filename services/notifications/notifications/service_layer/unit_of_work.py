"""Notifications' unit of work: one transaction, and the repositories that work in it."""

from sqlalchemy.orm import Session

from notifications.adapters.repositories.consent import Bounces, Preferences, Suppressions
from notifications.adapters.repositories.copies import (
    CoffeeMatches,
    CollaborationNewsItems,
    KnownCoffeeRounds,
    KnownEvents,
    KnownMembers,
    KnownPosts,
    KnownRegions,
    Registrations,
    SurveyInvitations,
)
from notifications.adapters.repositories.digests import DigestEditions, DigestRuns
from notifications.adapters.repositories.groups import GroupPlaces, KnownGroups
from notifications.adapters.repositories.mail import Contacts, Messages
from qplatform.db.unit_of_work import UnitOfWork


class NotificationsUnitOfWork(UnitOfWork):
    """A transaction of notifications, with a repository for each of its aggregates."""

    contacts: Contacts
    messages: Messages
    preferences: Preferences
    bounces: Bounces
    suppressions: Suppressions
    known_events: KnownEvents
    known_members: KnownMembers
    known_regions: KnownRegions
    known_posts: KnownPosts
    known_coffee_rounds: KnownCoffeeRounds
    registrations: Registrations
    coffee_matches: CoffeeMatches
    survey_invitations: SurveyInvitations
    collaboration_news: CollaborationNewsItems
    known_groups: KnownGroups
    group_places: GroupPlaces
    digest_runs: DigestRuns
    digest_editions: DigestEditions

    def _open_repositories(self, session: Session) -> None:
        self.contacts = Contacts(session)
        self.messages = Messages(session)
        self.preferences = Preferences(session)
        self.bounces = Bounces(session)
        self.suppressions = Suppressions(session)
        self.known_events = KnownEvents(session)
        self.known_members = KnownMembers(session)
        self.known_regions = KnownRegions(session)
        self.known_posts = KnownPosts(session)
        self.known_coffee_rounds = KnownCoffeeRounds(session)
        self.registrations = Registrations(session)
        self.coffee_matches = CoffeeMatches(session)
        self.survey_invitations = SurveyInvitations(session)
        self.collaboration_news = CollaborationNewsItems(session)
        self.known_groups = KnownGroups(session)
        self.group_places = GroupPlaces(session)
        self.digest_runs = DigestRuns(session)
        self.digest_editions = DigestEditions(session)
