"""The platform's services: each has its own database, web app, relay and worker."""

SERVICES = ("membership", "events", "matching", "notifications", "collaboration")
