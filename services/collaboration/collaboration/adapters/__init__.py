"""Storage: tables and repositories of collaboration's own database."""
