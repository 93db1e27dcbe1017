"""eligo: screen patients against clinical-trial eligibility criteria.

Python API (contract §6)::

    from datetime import date
    from eligo import load_trial, load_patient, screen
    result = screen(load_patient("p.json"), load_trial("criteria/NCT04243681.yaml"),
                    as_of=date(2026, 11, 27))
    result.verdict, result.criteria[0].met, result.to_json()

Names are imported lazily so the command line starts fast.
"""

from __future__ import annotations

from typing import Any

__all__ = ["compile_rule", "compile_text", "load_patient", "load_trial", "screen"]

_LAZY = {
    "load_trial": ("eligo.trial", "load_trial"),
    "load_patient": ("eligo.patient", "load_patient"),
    "screen": ("eligo.screening", "screen"),
    "compile_rule": ("eligo.parse", "compile_rule"),
    "compile_text": ("eligo.parse", "compile_text"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'eligo' has no attribute {name!r}")
