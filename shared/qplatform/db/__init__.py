"""Storage plumbing: engines, the outbox and inbox tables, the unit of work, migrations."""
