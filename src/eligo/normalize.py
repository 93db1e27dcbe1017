"""Normalise registry text before lexing, keeping a map back to the original offsets.

Registry lines carry CT.gov markdown escapes (``\\<20,000``), unicode comparators and units
(``≥``, ``×10⁹/L``, ``µmol``), and typos that recur across records (``Pa02/Fi02``).  The
rewrites are a data table; every output character maps back to an offset in the original, so
spans, carets and ``unparsed`` fragments always point into the text the author wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (pattern, replacement) applied in one left-to-right pass; first alternative wins.
REWRITES: tuple[tuple[str, str], ...] = (
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
    (r"[；;]", ";"),
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
_PATTERN = re.compile("|".join(f"(?:{p})" for p, _ in REWRITES))
# Something every match of a rewrite above contains (keep in step with REWRITES): most
# lines have none, and finding that out is much cheaper than trying every rewrite at every
# character.
_MAY_REWRITE = re.compile(
    r"[\\≥⩾≧=≤⩽≦＞＜≠×✕µμ⁹³²；;–—−‐‘’´`“”\u00a0]"  # the characters rewritten
    r"|(?i:pa|fi)0|mcL"  # Pa02, Fi02, mcL
    r"|\s/"  # "10g /dL"
    r"|10[369]/"  # "x 109/L"
)
_SUBS = [(re.compile(p), r) for p, r in REWRITES]


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus ``offsets[i]`` = original offset of normalised char ``i``."""

    text: str
    offsets: tuple[int, ...]
    original: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` back to the original text."""
        if not self.offsets:
            return (0, 0)
        s = (
            self.offsets[min(start, len(self.offsets) - 1)]
            if start < len(self.offsets)
            else len(self.original)
        )
        if end <= 0:
            return (s, s)
        e = self.offsets[min(end, len(self.offsets)) - 1] + 1
        return (s, max(s, min(e, len(self.original))))


def normalise(text: str) -> Normalised:
    """Apply :data:`REWRITES` to ``text``.

    >>> n = normalise("Pa02/Fi02 \\\\<150")
    >>> n.text
    'PaO2/FiO2 <150'
    >>> n.original[slice(*n.original_span(10, 14))]
    '\\\\<150'
    """
    if not _MAY_REWRITE.search(text):
        return Normalised(text, tuple(range(len(text))), text)
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _PATTERN.finditer(text):
        out.append(text[pos : m.start()])  # unchanged text keeps its offsets
        offsets.extend(range(pos, m.start()))
        matched = m.group(0)
        replacement = matched
        for rx, rep in _SUBS:
            own = rx.match(text, m.start())
            if own and own.end() == m.end():
                replacement = own.expand(rep)
                break
        for j, ch in enumerate(replacement):
            out.append(ch)
            offsets.append(m.start() + min(j, len(matched) - 1))
        pos = m.end()
    out.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    return Normalised("".join(out), tuple(offsets), text)
