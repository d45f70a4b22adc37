"""One blueprint per part of the site: the account, joining, home and Q's pillars."""

from website import console
from website.views import account, coffee, connect, exchange, groups, home, join, learn, me

BLUEPRINTS = [
    account.blp,
    join.blp,
    home.blp,
    connect.blp,
    groups.blp,
    coffee.blp,
    learn.blp,
    exchange.blp,
    me.blp,
    console.blp,
]
