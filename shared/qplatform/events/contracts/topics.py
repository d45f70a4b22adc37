"""The platform's topics: one per aggregate, keyed by the aggregate's id."""

from qplatform.events.spec import Topic

APPLICATIONS = Topic(
    name="membership.application",
    description="Applications to join Q, from submission to decision.",
    key="application id",
)
MEMBERS = Topic(
    name="membership.member",
    description="Members of Q: joining, profile changes, leaving. No contact details.",
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
)
EVENTS = Topic(
    name="events.event",
    description="Q events of every kind: webinars, site visits, face-to-face and online.",
    key="event id",
)
