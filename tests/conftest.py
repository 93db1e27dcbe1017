"""Shared fixtures: paths to the repository and to ../shared (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CRITERIA = ROOT / "criteria"
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent: these tests read ../shared in place (see shared/README.md)")
    return p


@pytest.fixture
def shared() -> Path:
    return shared_path()
