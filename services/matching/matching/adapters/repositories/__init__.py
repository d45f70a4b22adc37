"""Matching's repositories: one module per family of aggregates, each built on a session.

They find and keep what the service layer asks for and never commit: the unit of work
(`matching.service_layer.unit_of_work`) owns the transaction.
"""
