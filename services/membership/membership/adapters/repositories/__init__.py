"""Membership's repositories: one module per family of aggregates, built on a session.

Repositories find and keep aggregates; they never commit (the unit of work does).
"""
