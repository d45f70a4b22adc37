"""Read the JSON of test responses, typed for the checker."""

import json
from typing import Any

from werkzeug.test import TestResponse


def body(response: TestResponse) -> Any:
    """Return a response's JSON body, failing the test when it has none."""
    assert response.is_json, response.get_data(as_text=True)
    return response.json


def total(response: TestResponse) -> int:
    """Return how many items a paged list holds in all, as its X-Pagination header says."""
    found: int = json.loads(response.headers["X-Pagination"])["total"]
    return found
