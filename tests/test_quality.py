"""Static checks users rely on: ruff over the tree, mypy --strict over the core."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_ruff_is_clean():
    targets = [p for p in ("quorum", "tests", "benchmarks", "app.py", "app_pages", "dashboard")
               if (ROOT / p).exists()]
    result = run("ruff", "check", *targets)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_core():
    result = run("mypy", "--strict", "quorum")
    assert result.returncode == 0, result.stdout + result.stderr
