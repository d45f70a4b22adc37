"""Tests of the collaboration service: the Lab, the library, surveys."""
