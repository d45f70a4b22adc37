"""Notifications: members' contact details, and the mail Q sends them."""
