"""One blueprint per resource of collaboration's HTTP API."""
