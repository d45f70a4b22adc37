"""Send requests at the same moment, as web workers side by side receive them."""

import threading
from collections import Counter
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

Request = Callable[[FlaskClient], TestResponse]


def at_once(app: Flask, *requests: Request) -> Counter[int]:
    """Send every request at the same moment, each from its own thread; count the statuses."""
    start = threading.Barrier(len(requests))
    statuses: list[int] = []

    def send(request: Request) -> None:
        client = app.test_client()
        start.wait()
        statuses.append(request(client).status_code)

    threads = [threading.Thread(target=send, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Counter(statuses)
