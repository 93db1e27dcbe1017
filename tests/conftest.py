"""Shared fixtures: paths to the repository and to ../shared (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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


def criterion_lines(*folders: Path) -> list[tuple[str, str]]:
    """``(kind, text)`` of every inclusion/exclusion line of the trial files in ``folders``,
    in order; a folder that is absent (../shared/corpus on CI) contributes nothing."""
    out: list[tuple[str, str]] = []
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.safe_load(path.read_text("utf-8")) or {}
            for kind in ("inclusion", "exclusion"):
                for item in data.get(kind) or []:
                    text = item.get("text") if isinstance(item, dict) else item
                    if isinstance(text, str) and text.strip():
                        out.append((kind, text))
    return out


@pytest.fixture
def shared() -> Path:
    return shared_path()
