"""First characters of a regex: which ASCII characters no match of it can start with.

The lexer tries a few dozen anchored patterns at every position ("at least", "within the
last", "history of", vocabulary cue lists …), and most of them fail on the first character.
A failing ``re.match`` still runs the pattern (a long ``IGNORECASE`` alternation is tried
branch by branch), so :func:`cannot_start` works out once, from the pattern itself, which ASCII
characters no match can start with; the lexer skips the pattern there.  Anything it cannot
tell (a pattern that can match the empty string, a construct it does not know) gives the
empty set, and a non-ASCII character is never in it, so skipping never changes an answer.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_ASCII = tuple(chr(i) for i in range(128))
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")  # taken as matching anything: never too strict
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_FLAGS = re.IGNORECASE | re.DOTALL | re.ASCII | re.UNICODE


class _Unknown(Exception):
    """A construct the first-character analysis does not handle."""


def _chars(item_pattern: str, flags: int) -> set[str]:
    """ASCII characters one single-character pattern matches, under ``flags``."""
    rx = re.compile(item_pattern, flags & _FLAGS)
    return {c for c in _ASCII if rx.fullmatch(c)}


def _class(items: list[tuple[Any, Any]]) -> str:
    negate = ""
    parts = []
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = "^"
        elif name == "LITERAL":
            parts.append(re.escape(chr(av)))
        elif name == "RANGE":
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            parts.append(_CATEGORIES[str(av)])
        else:
            raise _Unknown(name)
    return f"[{negate}{''.join(parts)}]"


def _first(seq: Any, flags: int) -> tuple[set[str], bool]:
    """(ASCII characters a match of ``seq`` can start with, whether it can match empty)."""
    out: set[str] = set()
    for op, av in seq:
        chars, nullable = _first_item(str(op), av, flags)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_item(name: str, av: Any, flags: int) -> tuple[set[str], bool]:
    if name == "LITERAL":
        return _chars(re.escape(chr(av)), flags), False
    if name == "NOT_LITERAL":
        return _chars(f"[^{re.escape(chr(av))}]", flags), False
    if name == "IN":
        return _chars(_class(av), flags), False
    if name == "ANY":
        return _chars(".", flags), False
    if name == "BRANCH":
        chars: set[str] = set()
        nullable = False
        for alt in av[1]:
            c, n = _first(alt, flags)
            chars |= c
            nullable = nullable or n
        return chars, nullable
    if name == "SUBPATTERN":
        _, add, remove, sub = av
        return _first(sub, (flags | add) & ~remove)
    if name == "ATOMIC_GROUP":
        return _first(av, flags)
    if name in _REPEATS:
        low, high, sub = av
        if high == 0:
            return set(), True
        c, n = _first(sub, flags)
        return c, n or low == 0
    if name in _ZERO_WIDTH:
        return set(), True
    raise _Unknown(name)


def cannot_start(rx: re.Pattern[str]) -> frozenset[str]:
    """ASCII characters no match of ``rx`` can start with (empty when that cannot be told).

    >>> sorted(cannot_start(re.compile("ab|c", re.I)) & set("abcABCx"))
    ['B', 'b', 'x']
    >>> cannot_start(re.compile(r"\\s*x")) & {" ", "x", "y"}
    frozenset({'y'})
    >>> cannot_start(re.compile("x?"))
    frozenset()
    """
    try:
        parser = importlib.import_module("re._parser")
        chars, nullable = _first(parser.parse(rx.pattern, rx.flags), rx.flags)
    except (_Unknown, ImportError, AttributeError, TypeError, ValueError, re.error):
        return frozenset()
    if nullable:
        return frozenset()
    return frozenset(set(_ASCII) - chars)
