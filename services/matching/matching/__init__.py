"""Matching: who takes part in Randomised Coffee Trials, and their pairings."""
