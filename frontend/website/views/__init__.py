"""One blueprint per part of the site: the account, joining, home and Q's pillars."""

from website import console
from website.views import (
    account,
    coffee,
    collaborate,
    connect,
    exchange,
    groups,
    home,
    join,
    learn,
    me,
    series,
    talks,
)

BLUEPRINTS = [
    account.blp,
    join.blp,
    home.blp,
    connect.blp,
    groups.blp,
    coffee.blp,
    learn.blp,
    series.blp,
    talks.blp,
    exchange.blp,
    collaborate.blp,
    me.blp,
    console.blp,
]
