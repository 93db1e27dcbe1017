"""On-disk cache of compiled artefacts (vocabulary, trials), so start-up stays fast.

Entries live under ``$XDG_CACHE_HOME/eligo`` (default ``~/.cache/eligo``), named by a hash of
everything they were built from; a stale key simply misses.  An entry that cannot be read is
rebuilt and rewritten, and a cache directory that cannot be written is skipped silently: the
cache only ever saves time, never changes a result.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """Root of eligo's cache."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eligo"


def digest(*parts: bytes | str) -> str:
    """A short hex key over ``parts``."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()[:32]


def load_or_build(kind: str, key: str, build: Callable[[], T], accept: type[T]) -> T:
    """The cached ``kind/key`` entry if it is an ``accept``, else ``build()``, then cached."""
    path = cache_dir() / kind / f"{key}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as fh:
                value = pickle.load(fh)
            if isinstance(value, accept):
                return value
        except Exception:
            pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
    return value
