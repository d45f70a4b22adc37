"""Every benchmark starts: it imports what it measures as the code now names it."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "bench").glob("*.py"))


def test_there_are_benchmarks() -> None:
    assert {script.name for script in SCRIPTS} >= {
        "pipeline.py",
        "coffee_round.py",
        "mail_burst.py",
    }


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_a_benchmark_starts_and_says_how_to_run_it(script: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


def test_a_small_mail_burst_drains_through_the_real_dispatcher() -> None:
    done = subprocess.run(
        [sys.executable, "bench/mail_burst.py", "--mails", "12", "--rate", "50"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "(catcher holds 12)" in done.stdout
