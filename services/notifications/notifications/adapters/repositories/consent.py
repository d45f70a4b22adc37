"""Repositories of members' preferences, bounce reports and suppressed addresses."""

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from notifications.domain.preferences import Bounce, Preference, Suppression


class Preferences:
    """Each member's choice per mail category."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, preference: Preference) -> None:
        self._session.add(preference)

    def get(self, member_id: str, category: str) -> Preference | None:
        return self._session.get(Preference, (member_id, category))

    def of(self, member_id: str) -> Sequence[Preference]:
        query = select(Preference).where(Preference.member_id == member_id)
        return self._session.scalars(query.order_by(Preference.category)).all()

    def delete_all(self, member_id: str) -> None:
        self._session.execute(delete(Preference).where(Preference.member_id == member_id))

    def subscribers_after(self, category: str, after: str, *, limit: int) -> Sequence[str]:
        """Return up to `limit` members subscribed to `category` whose ids sort after `after`."""
        query = (
            select(Preference.member_id)
            .where(Preference.category == category, Preference.subscribed.is_(True))
            .where(Preference.member_id > after)
            .order_by(Preference.member_id)
            .limit(limit)
        )
        return self._session.scalars(query).all()


class Bounces:
    """Reports of mail that came back."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, bounce: Bounce) -> None:
        self._session.add(bounce)

    def count(self, member_id: str, kind: str) -> int:
        query = select(func.count()).select_from(Bounce)
        query = query.where(Bounce.member_id == member_id, Bounce.kind == kind)
        return self._session.execute(query).scalar_one()

    def page(self, *, offset: int, limit: int) -> Sequence[Bounce]:
        query = select(Bounce).order_by(Bounce.received_at.desc(), Bounce.id)
        return self._session.scalars(query.offset(offset).limit(limit)).all()

    def count_all(self) -> int:
        return self._session.execute(select(func.count()).select_from(Bounce)).scalar_one()

    def delete_all(self, member_id: str) -> None:
        self._session.execute(delete(Bounce).where(Bounce.member_id == member_id))


class Suppressions:
    """Addresses that get no more mail."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, suppression: Suppression) -> None:
        self._session.add(suppression)

    def get(self, member_id: str) -> Suppression | None:
        return self._session.get(Suppression, member_id)

    def page(self, *, offset: int, limit: int) -> Sequence[Suppression]:
        query = select(Suppression).order_by(Suppression.suppressed_at.desc())
        return self._session.scalars(query.offset(offset).limit(limit)).all()

    def count(self) -> int:
        return self._session.execute(select(func.count()).select_from(Suppression)).scalar_one()

    def delete(self, member_id: str) -> None:
        self._session.execute(delete(Suppression).where(Suppression.member_id == member_id))
