"""Errors: one root, one subclass per pipeline phase.

Every error eligo raises on bad input is an :class:`EligoError`; the CLI prints its
``str()`` and exits, so messages must stand alone: they name the file, the line or field,
and what would have been accepted.  Fields live on the instance; the message is built in
``__str__`` so callers can re-render or collect errors (``eligo check`` collects them all).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """Return ``" (did you mean 'x'?)"`` for close matches of ``word``, else ``""``.

    >>> did_you_mean("mg/dk", ["mg/dL", "g/L"])
    " (did you mean 'mg/dL'?)"
    """
    pool = list(choices)
    lowered = {c.lower(): c for c in pool}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)
    if not close:
        return ""
    names = " or ".join(f"'{lowered[c]}'" for c in close)
    return f" (did you mean {names}?)"


def caret_block(line: str, col: int, width: int = 1) -> str:
    """Render ``line`` with a caret under 1-based column ``col``.

    >>> print(caret_block("INR < x", 7))
        INR < x
              ^
    """
    width = max(1, width)
    return f"    {line}\n    {' ' * (col - 1)}{'^' * width}"


class EligoError(Exception):
    """Root of every error eligo reports to a user."""


@dataclass
class CriterionSyntaxError(EligoError):
    """A criterion or canonical rule that does not compile."""

    message: str
    text: str
    column: int = 1  # 1-based column in ``text``
    width: int = 1
    file: str | None = None
    line: int | None = None  # 1-based line in ``file`` where ``text`` starts
    line_column: int | None = None  # 1-based column in the file where ``text`` starts
    source_line: str | None = None  # the file's line, shown instead of ``text`` when known

    def __str__(self) -> str:
        where = ""
        if self.file:
            col = (self.line_column or 1) + self.column - 1
            where = f"{self.file}:{self.line or 1}:{col}: "
            if self.source_line is not None:
                caret = caret_block(self.source_line, col, self.width)
                return f"{where}{self.message}\n{caret}"
        return f"{where}{self.message}\n{caret_block(self.text, self.column, self.width)}"


@dataclass
class TrialFileError(EligoError):
    """A trial YAML file that cannot be read or is not in the contract's shape."""

    message: str
    file: str
    line: int | None = None
    column: int | None = None
    source_line: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.source_line is not None and self.column is not None:
            text += "\n" + caret_block(self.source_line, self.column)
        return text


@dataclass
class PatientRecordError(EligoError):
    """A patient record (JSON or FHIR) that cannot be read."""

    message: str
    file: str | None = None
    field: str | None = None
    record: str | None = None  # patient id or record locator inside a batch

    def __str__(self) -> str:
        parts = [p for p in (self.file, self.record) if p]
        where = ": ".join(parts)
        if self.field:
            where = f"{where}: {self.field}" if where else self.field
        return f"{where}: {self.message}" if where else self.message


@dataclass
class UnitError(EligoError):
    """A unit that is not UCUM, or two units that cannot be compared."""

    message: str
    unit: str | None = None

    def __str__(self) -> str:
        return self.message


class CheckFailed(EligoError):
    """Several problems collected from one or more trial files (``eligo check``)."""

    def __init__(self, problems: list[EligoError]) -> None:
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
