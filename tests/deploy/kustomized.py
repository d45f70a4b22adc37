"""The Kubernetes manifests as kustomize renders them, one dict per resource."""

import shutil
import subprocess
from functools import cache
from typing import Any

import pytest
import yaml

from tests.deploy.compose_file import ROOT

K8S = ROOT / "deploy" / "k8s"
BASE = K8S / "base"
OVERLAY = K8S / "overlays" / "example"


def kustomize_command() -> list[str] | None:
    """Return how to run kustomize here: standalone, or built into kubectl."""
    if standalone := shutil.which("kustomize"):
        return [standalone, "build"]
    if kubectl := shutil.which("kubectl"):
        return [kubectl, "kustomize"]
    return None


@cache
def build(directory: str) -> tuple[dict[str, Any], ...]:
    """Return the resources kustomize renders from `directory`."""
    command = kustomize_command()
    if command is None:
        pytest.skip("kustomize is not installed (neither `kustomize` nor `kubectl`)")
    result = subprocess.run([*command, directory], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def of_kind(resources: tuple[dict[str, Any], ...], kind: str) -> dict[str, dict[str, Any]]:
    """Return the resources of one kind by name."""
    return {r["metadata"]["name"]: r for r in resources if r["kind"] == kind}
