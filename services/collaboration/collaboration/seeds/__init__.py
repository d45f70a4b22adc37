"""Content the library starts with."""
