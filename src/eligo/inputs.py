"""What ``eligo screen`` reads: cohort tables, or patient files.

Told apart here, without loading either reader, so a one-patient screen does not import
:mod:`eligo.cohort` (its table layout and DuckDB plumbing: ~5 ms of its start).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import PatientRecordError
    from .record import Record

EXTENSIONS = (".parquet", ".csv", ".csv.gz", ".tsv")
"""How the names of cohort table files end."""


def is_tabular(path: str | Path) -> bool:
    """True for a folder holding ``patients.csv|parquet`` or a DuckDB database file."""
    p = Path(path)
    if p.is_dir():
        return any((p / f"patients{ext}").is_file() for ext in EXTENSIONS)
    return p.is_file() and p.suffix.lower() in (".duckdb", ".db")


def iter_input(path: str | Path) -> Iterator[tuple[str, Record | PatientRecordError]]:
    """What ``eligo screen`` reads: cohort tables (as records, in order) or patient files.

    Raises:
        CohortError: a cohort table cannot be read.
        PatientRecordError: ``path`` does not exist or holds no patients.
    """
    if is_tabular(path):
        from .cohort import iter_records, open_cohort

        yield from iter_records(open_cohort(path))
        return
    from .patient import iter_patients

    yield from iter_patients(path)
