"""Run qp-streams as `python -m qplatform.streams`."""

from qplatform.streams.cli import main

main()
