"""Kleene three-valued logic: MET / NOT_MET / UNKNOWN.

The one small module every verdict rests on.  Unknown is absorbing except where the other
operand decides: ``NOT_MET and UNKNOWN`` is ``NOT_MET``; ``MET or UNKNOWN`` is ``MET``.
Missing data therefore never makes a criterion true by default.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum


class Truth(Enum):
    """A criterion's truth for one patient."""

    MET = True
    NOT_MET = False
    UNKNOWN = None

    def __invert__(self) -> Truth:
        return k_not(self)

    def __and__(self, other: Truth) -> Truth:
        return k_and([self, other])

    def __or__(self, other: Truth) -> Truth:
        return k_or([self, other])

    def __bool__(self) -> bool:
        raise TypeError("a Truth is three-valued; compare with Truth.MET explicitly")


def k_not(a: Truth) -> Truth:
    """Kleene NOT.

    >>> k_not(Truth.MET), k_not(Truth.UNKNOWN)
    (<Truth.NOT_MET: False>, <Truth.UNKNOWN: None>)
    """
    if a is Truth.UNKNOWN:
        return a
    return Truth.NOT_MET if a is Truth.MET else Truth.MET


def k_and(values: Iterable[Truth]) -> Truth:
    """Kleene AND: false if any is false, else unknown if any is unknown, else true."""
    seen_unknown = False
    for v in values:
        if v is Truth.NOT_MET:
            return Truth.NOT_MET
        if v is Truth.UNKNOWN:
            seen_unknown = True
    return Truth.UNKNOWN if seen_unknown else Truth.MET


def k_or(values: Iterable[Truth]) -> Truth:
    """Kleene OR: true if any is true, else unknown if any is unknown, else false."""
    seen_unknown = False
    for v in values:
        if v is Truth.MET:
            return Truth.MET
        if v is Truth.UNKNOWN:
            seen_unknown = True
    return Truth.UNKNOWN if seen_unknown else Truth.NOT_MET


def from_bool(value: bool | None) -> Truth:
    """``True``/``False``/``None`` → Truth."""
    return Truth(value)
