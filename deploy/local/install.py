"""Install the project into the venv, showing progress and keeping pip's chatter in a log.

    .venv/bin/python deploy/local/install.py

`make setup` runs it. Build-backend warnings and pip's notices are nothing a newcomer can
act on, so they go to .run/install.log; on failure the end of that log is shown.
"""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / ".run" / "install.log"
STEPS = (
    ("upgrading pip", ["install", "--upgrade", "pip"]),
    ("installing the project and its tools", ["install", "-e", ".[dev]"]),
)


def main() -> int:
    """Run each pip step, one progress line per package; say how long it took."""
    LOG.parent.mkdir(parents=True, exist_ok=True)
    LOG.write_text("")
    print(f"Setting up .venv (the first time takes a few minutes; pip's log: {LOG})", flush=True)
    started = time.monotonic()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    for title, arguments in STEPS:
        print(f"  {title}", flush=True)
        if run_quietly([*pip, *arguments], LOG) != 0:
            print(f"\npip failed; the end of {LOG}:", file=sys.stderr)
            print("\n".join(LOG.read_text().splitlines()[-30:]), file=sys.stderr)
            return 1
    print(f"  done in {time.monotonic() - started:.0f} s", flush=True)
    return 0


def run_quietly(command: list[str], log_path: Path) -> int:
    """Run pip, its whole output into the log, and a line per package it fetches to the user."""
    fetched = 0
    with (
        log_path.open("a") as log,
        subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as popen,
    ):
        assert popen.stdout is not None
        for line in popen.stdout:
            log.write(line)
            if line.startswith("Collecting "):
                fetched += 1
                print(f"    {fetched:3d} {line.split()[1]}", flush=True)
            elif line.startswith("Installing collected packages"):
                print("    installing them (the longest step)", flush=True)
    return popen.returncode


if __name__ == "__main__":
    sys.exit(main())
