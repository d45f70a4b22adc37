"""When coffee rounds fall: every so many months, on a day of the month."""

from datetime import date


def next_round_after(held_on: date, every_months: int, day_of_month: int) -> date:
    """Return the day of the round `every_months` after the one held on `held_on`."""
    months = held_on.month - 1 + every_months
    return date(held_on.year + months // 12, months % 12 + 1, day_of_month)
