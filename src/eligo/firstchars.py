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


# ---------------------------------------------------------------------------- prefixes
#
# The first character rules out few patterns at a letter: "a" may start "at least", "above",
# "according to" …  The first three characters rule out almost all of them, so
# :func:`prefixes` works out, from the pattern in the same way, the ASCII strings (up to three
# characters) a match can start with, and :class:`StartTable` answers "which of these
# patterns can match here" from the next three characters of the text.


class _TooMany(Exception):
    """The prefix set grew past its limit: try fewer characters."""


def _concat(head: set[str], tail: set[str], k: int, limit: int) -> set[str]:
    """Prefixes of ``head`` followed by ``tail`` (a string shorter than ``k`` is a whole match)."""
    out = {h for h in head if len(h) >= k}
    for h in head:
        if len(h) < k:
            out.update((h + t)[:k] for t in tail)
            if len(out) > limit:
                raise _TooMany
    return out


def _pre(seq: Any, flags: int, k: int, limit: int) -> set[str]:
    """The ASCII prefixes (at most ``k`` characters) of what ``seq`` can match."""
    out = {""}
    for op, av in seq:
        if all(len(s) >= k for s in out):
            break
        out = _concat(out, _pre_item(str(op), av, flags, k, limit), k, limit)
    return out


def _pre_item(name: str, av: Any, flags: int, k: int, limit: int) -> set[str]:
    if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
        chars, _ = _first_item(name, av, flags)
        return chars
    if name == "BRANCH":
        out: set[str] = set()
        for alt in av[1]:
            out |= _pre(alt, flags, k, limit)
            if len(out) > limit:
                raise _TooMany
        return out
    if name == "SUBPATTERN":
        _, add, remove, sub = av
        return _pre(sub, (flags | add) & ~remove, k, limit)
    if name == "ATOMIC_GROUP":
        return _pre(av, flags, k, limit)
    if name in _REPEATS:
        low, high, sub = av
        once = _pre(sub, flags, k, limit)
        # past k repetitions every prefix is complete: more add nothing
        low, high = min(low, k), min(high, k)
        out = {""}
        for _ in range(low):
            out = _concat(out, once, k, limit)
        reps = set(out)
        for _ in range(low, high):
            out = _concat(out, once, k, limit)
            reps |= out
        return reps
    if name in _ZERO_WIDTH:
        return {""}
    raise _Unknown(name)


def prefixes(rx: re.Pattern[str], k: int = 3, limit: int = 4096) -> frozenset[str] | None:
    """ASCII strings of up to ``k`` characters every match of ``rx`` starts with, in the text's
    case; a shorter string is a whole match.  ``None`` when that cannot be told (a pattern
    that can match the empty string, a construct the analysis does not know).  Fewer
    characters are used when ``k`` would give more than ``limit`` strings.

    >>> sorted(prefixes(re.compile("ab|c", re.I), 2))
    ['AB', 'Ab', 'C', 'aB', 'ab', 'c']
    >>> prefixes(re.compile("x?")) is None
    True
    """
    try:
        parser = importlib.import_module("re._parser")
        parsed = parser.parse(rx.pattern, rx.flags)
    except (ImportError, AttributeError, TypeError, ValueError, re.error):
        return None
    for n in range(k, 0, -1):
        try:
            found = _pre(parsed, rx.flags, n, limit)
        except _TooMany:
            continue
        except (_Unknown, TypeError, ValueError, re.error):
            return None
        return None if "" in found else frozenset(found)
    return None


class StartTable:
    """Which of some patterns can match at a position, from the next three characters.

    ``can(text, pos)`` is the set of indexes of the patterns that can match at ``pos`` (a
    pattern whose prefixes cannot be told is always in it).  Answers are kept by those
    characters (a few thousand distinct ones in registry text).  Where the characters are not
    all ASCII the first character decides, and a first character outside ASCII lets every
    pattern through, so skipping never changes an answer.
    """

    K = 3

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.n = len(patterns)
        self.everything = frozenset(range(self.n))
        self.prefixes = [prefixes(rx, self.K) for rx in patterns]
        heads = [None if pre is None else {p[0] for p in pre} for pre in self.prefixes]
        self.first = {
            ch: frozenset(i for i, h in enumerate(heads) if h is None or ch in h) for ch in _ASCII
        }
        self.memo: dict[str, frozenset[int]] = {}

    def can(self, text: str, pos: int) -> frozenset[int]:
        key = text[pos : pos + self.K]
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        if not key.isascii():
            return self.first.get(key[0], self.everything)
        if len(self.memo) > 100_000:  # arbitrary text: keep the table bounded
            self.memo.clear()
        heads = {key[:j] for j in range(1, len(key) + 1)}
        found = frozenset(
            i for i, pre in enumerate(self.prefixes) if pre is None or not heads.isdisjoint(pre)
        )
        self.memo[key] = found
        return found


# ---------------------------------------------------------------------------- needed text
#
# A rewrite table tried as one alternation at every character costs far more than asking
# first which rewrites can match anywhere in the line: each needs some literal text ("≥",
# "per", "liter" …), and a substring test is cheap.  :func:`needs` works that literal text out
# from the pattern.

_SMALL_CLASS = 12  # a class of more characters is no useful requirement


def _class_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters an explicit class lists, lower-cased (``None`` for ranges, categories,
    negation: too many to test)."""
    out: set[str] = set()
    for op, av in items:
        if str(op) != "LITERAL":
            return None
        out.add(chr(av).lower())
    return out if len(out) <= _SMALL_CLASS else None


def _score(req: set[str]) -> tuple[int, int]:
    return (min(len(s) for s in req), -len(req))


def _needs(seq: Any, flags: int) -> set[str] | None:
    """Lower-cased strings of which every match of ``seq`` contains one (``None``: unknown)."""
    cands: list[set[str]] = []
    run = ""
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            run += chr(av).lower()
            continue
        if name == "SUBPATTERN" and av[3] and all(str(o) == "LITERAL" for o, _ in av[3]):
            run += "".join(chr(c).lower() for _, c in av[3])  # "(?i:pa)0": "pa0"
            continue
        if run:
            cands.append({run})
            run = ""
        req = _needs_item(name, av, flags)
        if req:
            cands.append(req)
    if run:
        cands.append({run})
    return max(cands, key=_score) if cands else None


def _needs_item(name: str, av: Any, flags: int) -> set[str] | None:
    if name == "IN":
        return _class_chars(av)
    if name == "BRANCH":
        out: set[str] = set()
        for alt in av[1]:
            req = _needs(alt, flags)
            if req is None:
                return None
            out |= req
        return out
    if name == "SUBPATTERN":
        _, add, remove, sub = av
        return _needs(sub, (flags | add) & ~remove)
    if name == "ATOMIC_GROUP":
        return _needs(av, flags)
    if name == "ASSERT":  # a lookahead or lookbehind: its text is in the line too
        return _needs(av[1], flags)
    if name in _REPEATS:
        low, _, sub = av
        return _needs(sub, flags) if low >= 1 else None
    return None


def needs(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased strings of which every match of ``rx`` contains at least one (or, for a
    lookahead or lookbehind, has next to it), for a text
    without letters outside ASCII (where lower-casing is what ``re.IGNORECASE`` does);
    ``None`` when the pattern names none.

    >>> sorted(needs(re.compile(r"(?i:per\\s+day)|/\\s*24")))
    ['24', 'per']
    >>> needs(re.compile(r"\\w+")) is None
    True
    """
    try:
        parser = importlib.import_module("re._parser")
        req = _needs(parser.parse(rx.pattern, rx.flags), rx.flags)
    except (ImportError, AttributeError, TypeError, ValueError, re.error):
        return None
    return frozenset(req) if req else None
