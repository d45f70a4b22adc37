"""Membership: regions, applications to join Q, and its members."""
