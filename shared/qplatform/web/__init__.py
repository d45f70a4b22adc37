"""Web plumbing shared by every service's HTTP API."""
