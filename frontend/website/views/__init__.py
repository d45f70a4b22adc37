"""One blueprint per part of the site: the account, joining, home and Q's pillars."""

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
)

BLUEPRINTS = [
    account.blp,
    join.blp,
    home.blp,
    connect.blp,
    groups.blp,
    coffee.blp,
    learn.blp,
    exchange.blp,
    collaborate.blp,
    me.blp,
]
