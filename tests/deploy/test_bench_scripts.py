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


def run(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a benchmark from the checkout's root, as the README says to."""
    return subprocess.run(
        [sys.executable, str(script), *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_a_benchmark_starts_and_says_how_to_run_it(script: Path) -> None:
    done = run(script, "--help")
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


def test_a_small_mail_burst_drains_through_the_real_dispatcher() -> None:
    done = run(ROOT / "bench" / "mail_burst.py", "--mails", "12", "--rate", "50")
    assert done.returncode == 0, done.stderr
    assert "(catcher holds 12)" in done.stdout
