"""The platform's topics: one per aggregate, keyed by the aggregate's id."""

from qplatform.events.spec import Topic

APPLICATIONS = Topic(
    name="membership.application",
    description="Applications to join Q, from submission to decision.",
    key="application id",
)
MEMBERS = Topic(
    name="membership.member",
    description=(
        "Members of Q by pseudonymous id: joining, profile changes, roles, sessions, "
        "leaving. No contact details and, since member-joined and member-profile-updated "
        "version 2, no name, organisation or job title."
    ),
    key="member id",
)
MEMBER_CONTACTS = Topic(
    name="membership.member-contact",
    description=(
        "Restricted: members' contact details, for notifications only. Compacted; "
        "a member's erasure is a tombstone."
    ),
    key="member id",
    restricted=True,
    compacted=True,
    readers=("notifications",),
)
MEMBER_PROFILES = Topic(
    name="membership.member-profile",
    description=(
        "Restricted: what the services show of a member (name, organisation, job title, "
        "the profile fields they share), for events, matching, notifications and "
        "collaboration only. "
        "Compacted; a member's erasure is a tombstone, which erases every copy."
    ),
    key="member id",
    restricted=True,
    compacted=True,
    readers=("events", "matching", "notifications", "collaboration"),
)
APPLICANT_CONTACTS = Topic(
    name="membership.applicant-contact",
    description=(
        "Restricted: an applicant's address and the decision on their application, for "
        "notifications only. Compacted; each decision is followed by a tombstone, so the "
        "topic forgets the address."
    ),
    key="application id",
    restricted=True,
    compacted=True,
    readers=("notifications",),
)
REGIONS = Topic(
    name="membership.region",
    description="Q's regions as staff name them: each region's latest name and whether it "
    "is active.",
    key="region slug",
)
EVENTS = Topic(
    name="events.event",
    description="Q events of every kind: webinars, site visits, face-to-face and online.",
    key="event id",
)
