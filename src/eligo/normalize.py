"""Normalise registry text before lexing, keeping a map back to the original offsets.

Registry lines carry CT.gov markdown escapes (``\\<20,000``), unicode comparators and units
(``≥``, ``×10⁹/L``, ``µmol``), and typos that recur across records (``Pa02/Fi02``).  The
rewrites are a data table; every output character maps back to an offset in the original, so
spans, carets and ``unparsed`` fragments always point into the text the author wrote.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .firstchars import needs

# (pattern, replacement) applied in one left-to-right pass; first alternative wins.
_UNIT_WORD = r"(?i:milli|micro)?(?i:liter|litre|gram|mole|meter|metre|minute|equivalent|second)s?"
REWRITES: tuple[tuple[str, str], ...] = (
    (r"^\s*\d{1,2}[.)]\s+(?=[A-Za-z])", ""),  # "4. uncontrolled hypertension": a list number
    # "30 milliliter (mL)/minute (min)", "milliliter/minute (mL/min)": the unit as abbreviated
    (
        rf"(?<![A-Za-z]){_UNIT_WORD}(?:\s*/\s*{_UNIT_WORD})*"
        r"\s*\(\s*([A-Za-z%]{1,5}(?:/[A-Za-z]{1,5})*)\s*\)",
        r"\1",
    ),
    (r"(?<![A-Za-z])(?i:percent)\s*\(\s*%\s*\)", "%"),  # "6.5 percent (%)"
    (r"(?<![A-Za-z])(?i:millilit(?:er|re)s?)(?=\s*/)", "mL"),  # "60milliLitre/min/1.73 m2"
    # "500 mg per day", "1 g/24 h", "200 mg/24 hours": an amount per day
    (r"(?<![A-Za-z])((?i:mg|g|ug|mcg))\s+(?i:per\s+day)(?![A-Za-z])", r"\1/d"),
    (r"(?<=[A-Za-z])\s*/\s*24\s*-?\s*(?i:hours?|hrs?|h)(?![A-Za-z])", "/d"),
    (r"(?<=\d)(\s*[A-Za-z^\d]{1,5})/\s+(?=[A-Za-z])", r"\1/"),  # "125 mmol/ L"
    (r"(?<=[a-z])\((?=s\))|(?<=[a-z]\(s)\)", ""),  # "syndrome(s)"
    (r"(?<=[mM][lL])\s*/\s*(?i:minute)(?![A-Za-z])", "/min"),  # "15 mL/minute"
    # "24-hour urine protein < 1,000 mg": a 24-hour amount is an amount per day
    (
        r"(?P<lead>(?i:24[\s-]*hours?\s+urine\s+protein)\s*(?:[<>]=?|[≤≥])\s*[\d,.]+\s*)"
        r"(?P<mass>m?g)(?![A-Za-z/])",
        r"\g<lead>\g<mass>/d",
    ),
    # "18 to 75 years (including 18 and 75 years)": the bounds said inclusive, as read anyway
    (
        r"(?P<lo>\d+)(?P<to>\s*(?:to|-)\s*)(?P<hi>\d+)(?P<yr>\s*(?i:years?))\s*\(\s*(?i:including)"
        r"\s+(?P=lo)\s+(?i:and)\s+(?P=hi)(?:\s+(?i:years?))?\s*\)",
        r"\g<lo>\g<to>\g<hi>\g<yr>",
    ),
    # "at least 1 prior episode of overt hepatic encephalopathy": a history of it
    (
        r"(?i:at\s+least\s+(?:1|one)(?:\s+prior)?\s+episodes?\s+of"
        r"|one\s+or\s+more\s+(?:prior\s+)?episodes?\s+of)(?![A-Za-z])",
        "history of",
    ),
    (r"\((?=(?i:total)\)\s*(?i:bilirubin))|(?<=\((?i:total))\)(?=\s*(?i:bilirubin))", ""),
    # "serum transaminase (AST or ALT) < 2.5 x ULN": the transaminases named, like "AST/ALT"
    (
        r"(?i:(?:serum\s+)?transaminases?)\s*\(\s*(AST|ALT)\s*(?:or|and|and/or|/|,)\s*"
        r"(AST|ALT)\s*\)",
        r"\1/\2",
    ),
    # "30 ml / min / 1.73m": eGFR units spaced out, the square left off
    (
        r"(?<=\d)\s*(?i:ml)\s*/\s*(?i:min)\s*/\s*1[.,]73\s*(?i:m)(?:2|\^2|²)?(?![A-Za-z0-9])",
        " mL/min/1.73m2",
    ),
    # "Gorelick score13 >= 4": a footnote number glued to "score" before its threshold
    (r"(?<=(?i:score))\d{1,2}(?=\s*(?:[<>≤≥]|=))", ""),
    # "< 300 mg/g creatinine": an albumin/creatinine ratio's unit, the denominator named
    (r"(?<=\d)(\s*(?i:mg)\s*/\s*(?i:g|gm))\s+(?i:creatinine|creat)(?![A-Za-z])", r"\1"),
    (r"\\([<>\[\]*_()=+-])", r"\1"),  # CT.gov markdown escapes: \< \> \[ \*
    (r"≥|⩾|≧|=>", ">="),
    (r"≤|⩽|≦|=<", "<="),
    (r"＞", ">"),
    (r"＜", "<"),
    (r"≠", "!="),
    (r"[×✕]", "x"),
    (r"[µμ]", "u"),
    (r"⁹", "^9"),
    (r"³", "3"),
    (r"²", "2"),
    (r"；", ";"),  # (an ASCII ";" is itself: no rewrite, and no reason to scan the line)
    (r"[–—−‐]", "-"),
    (r"[‘’´`]", "'"),
    (r"[“”]", '"'),
    (r"\u00a0", " "),
    (r"\b(?i:pa)0(?=2\b)", "PaO"),  # "Pa02" typed with a zero
    (r"\b(?i:fi)0(?=2\b)", "FiO"),
    (r"\bmcL\b", "uL"),
    (r"(?<=\d)(\s*[A-Za-z]{1,4})\s+/\s*(?=[A-Za-z])", r"\1/"),  # "10g /dL"
    (r"(?<=[xX×] )10(?=[369]/[lLuU])|(?<=[xX×])10(?=[369]/[lLuU])", "10^"),  # "x 109/L"
)
_SUBS = [(re.compile(p), r) for p, r in REWRITES]
# a replacement without a backslash is its own expansion: ``Match.expand`` would parse it
# as a template on every match (Python 3.11 keeps no parsed templates)
_LITERAL = tuple("\\" not in r for _, r in REWRITES)
# Which rewrites can match in a line: each needs some literal text (``firstchars.needs``),
# and most lines hold none of it, which a few substring tests find out much faster than the
# alternation of every rewrite tried at every character.  Worked out from the patterns, so a
# new rewrite needs nothing here.
_ALWAYS = tuple(i for i, (rx, _) in enumerate(_SUBS) if needs(rx) is None)
_LITERALS: tuple[tuple[str, tuple[int, ...]], ...] = tuple(
    (lit, tuple(i for i, (rx, _) in enumerate(_SUBS) if lit in (needs(rx) or ())))
    for lit in sorted({lit for rx, _ in _SUBS for lit in needs(rx) or ()})
)
# an ASCII line's lower case holds no literal outside ASCII: it tests only the ASCII ones
_ASCII_LITERALS = tuple((lit, idxs) for lit, idxs in _LITERALS if lit.isascii())
# rewrites anchored at the line's start ("4. " list numbers): asked once, at offset 0, rather
# than kept for a scan of the whole line because the line holds a "." or a ")"
_ANCHORED = frozenset(
    i for i, (rx, _) in enumerate(_SUBS) if rx.pattern.startswith("^") and not rx.flags & re.M
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _candidates(text: str) -> tuple[int, ...]:
    """Indexes of the rewrites that can match somewhere in ``text``, in table order."""
    if not text.isascii() and any(c.isalpha() for c in _NON_ASCII.findall(text)):
        return tuple(range(len(_SUBS)))  # lower-casing may not be what IGNORECASE does
    low = text.lower()
    found = set(_ALWAYS)
    for lit, idxs in _ASCII_LITERALS if text.isascii() else _LITERALS:
        if lit in low:
            found.update(idxs)
    for i in _ANCHORED & found:
        if not _SUBS[i][0].match(text):
            found.discard(i)  # (it can match nowhere else)
    return tuple(sorted(found))


@functools.lru_cache(maxsize=1024)
def _alternation(idxs: tuple[int, ...]) -> re.Pattern[str]:
    """The rewrites ``idxs`` as one pattern, first alternative winning."""
    return re.compile("|".join(f"(?:{REWRITES[i][0]})" for i in idxs))


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus ``offsets[i]`` = original offset of normalised char ``i``."""

    text: str
    offsets: tuple[int, ...]
    original: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` back to the original text."""
        offsets = self.offsets
        n = len(offsets)
        if not n:
            return (0, 0)
        s = offsets[start] if start < n else len(self.original)
        if end <= 0:
            return (s, s)
        e = offsets[end - 1 if end < n else n - 1] + 1
        limit = len(self.original)
        if e > limit:
            e = limit
        return (s, e if e > s else s)


def normalise(text: str) -> Normalised:
    """Apply :data:`REWRITES` to ``text``.

    >>> n = normalise("Pa02/Fi02 \\\\<150")
    >>> n.text
    'PaO2/FiO2 <150'
    >>> n.original[slice(*n.original_span(10, 14))]
    '\\\\<150'
    """
    idxs = _candidates(text)
    if not idxs:
        return Normalised(text, tuple(range(len(text))), text)
    subs = [(*_SUBS[i], _LITERAL[i]) for i in idxs]
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _alternation(idxs).finditer(text):
        out.append(text[pos : m.start()])  # unchanged text keeps its offsets
        offsets.extend(range(pos, m.start()))
        matched = m.group(0)
        replacement = matched
        for rx, rep, literal in subs:
            own = rx.match(text, m.start())
            if own and own.end() == m.end():
                replacement = rep if literal else own.expand(rep)
                break
        for j, ch in enumerate(replacement):
            out.append(ch)
            # the last character stands for the end of what it replaced ("mg per day" -> "mg/d")
            last = 0 < j == len(replacement) - 1
            offsets.append(m.end() - 1 if last else m.start() + min(j, len(matched) - 1))
        pos = m.end()
    out.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    return Normalised("".join(out), tuple(offsets), text)
