"""Setting up shows a line per package and keeps what a newcomer cannot act on in a log."""

import sys
from pathlib import Path

import pytest

from deploy.local.install import run_quietly

# What pip prints for an editable install, setuptools' warning block included.
PIP_OUTPUT = """Obtaining file:///work/q-platform
Collecting flask<4,>=3.0 (from q-platform==0.1.0)
  Downloading flask-3.1.3-py3-none-any.whl (103 kB)
Collecting kafka-python<4,>=2.2 (from q-platform==0.1.0)
  /tmp/overlay/setuptools/command/editable_wheel.py:354: BuildBackendWarning: Editable.
  !!
          Please be careful with folders in your working directory with the same
  !!
Installing collected packages: kafka-python, flask, q-platform
Successfully installed flask-3.1.3 kafka-python-3.0.12 q-platform-0.1.0
"""


def pip_like(output: str, status: int) -> list[str]:
    """Return a command that prints `output` as pip would (warnings on stderr) and exits."""
    script = (
        "import sys\n"
        f"for line in {output!r}.splitlines(keepends=True):\n"
        "    (sys.stderr if 'Warning' in line or '!!' in line else sys.stdout).write(line)\n"
        f"sys.exit({status})\n"
    )
    return [sys.executable, "-c", script]


def test_each_package_fetched_is_a_numbered_line_and_warnings_go_to_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "install.log"
    assert run_quietly(pip_like(PIP_OUTPUT, 0), log) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown == [
        "      1 flask<4,>=3.0",
        "      2 kafka-python<4,>=2.2",
        "    installing them (the longest step)",
    ]
    assert "BuildBackendWarning" in log.read_text()


def test_a_failing_step_reports_its_status(tmp_path: Path) -> None:
    assert (
        run_quietly(
            pip_like("ERROR: No matching distribution found for flask\n", 1), tmp_path / "l"
        )
        == 1
    )
