"""`make lint` checks the layers with import-linter: it passes today and fails on a violation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

VIOLATIONS = [
    ("domain/web.py", "from flask import request\n", "know nothing of the web"),
    ("domain/storage.py", "from matching.adapters import storage\n", "above the"),
    (
        "service_layer/caller.py",
        "from qplatform.web.auth import current_caller\n",
        "nothing of the web",
    ),
    ("service_layer/members.py", "import membership.domain.model\n", "No service imports"),
    ("adapters/routes.py", "from matching.entrypoints import api\n", "above the"),
    ("domain/pairing/stored.py", "from matching.domain import model\n", "pairing is pure"),
]


def _lint(pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath) if pythonpath else ""}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / ".importlinter")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_checkout_keeps_every_layer_contract() -> None:
    result = _lint()

    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("path", "line", "contract"), VIOLATIONS)
def test_an_import_across_the_layers_breaks_the_lint(
    tmp_path: Path, path: str, line: str, contract: str
) -> None:
    # A copy of matching placed first on the path stands in for the installed one.
    copy = tmp_path / "matching"
    shutil.copytree(ROOT / "services" / "matching" / "matching", copy)
    (copy / path).write_text(f'"""A deliberate violation."""\n\n{line}')

    result = _lint(pythonpath=tmp_path)

    assert result.returncode == 1, result.stdout
    assert "BROKEN" in result.stdout
    assert contract in result.stdout
    assert "matching." + path.removesuffix(".py").replace("/", ".") in result.stdout
