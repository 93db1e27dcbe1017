"""Grammar files: ``grammar/*.lark``, shipped inside the wheel or read beside ``src/``.

Kept apart from :mod:`eligo.parse` so the trial cache can hash the grammars without
importing Lark.
"""

from __future__ import annotations

from pathlib import Path


def grammar_text(name: str) -> str:
    """Source of ``grammar/<name>``: packaged in the wheel, or beside ``src/`` in a checkout."""
    packaged = Path(__file__).parent / "grammar" / name  # where the wheel puts it
    if packaged.is_file():
        return packaged.read_text("utf-8")
    here = Path(__file__).resolve().parents[2] / "grammar" / name
    return here.read_text("utf-8")
