"""Debian's chromium as the tests start it: headless, and asking nothing of the network."""

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("QP_TEST_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags chromium keeps trying hosts this machine cannot reach.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
