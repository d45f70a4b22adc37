"""`qp-streams`: list, tail and replay the public event streams, as an analyst would."""
