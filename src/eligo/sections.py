"""Sections: an "EXC CRITERIA" heading line filed among the inclusions.

A trial-level stage, like :mod:`eligo.groups`.  Registry text without Inclusion/Exclusion
sections sometimes lands every line among the inclusions.  Lines that carry their own
header ("Exc Criteria: ECOG PS>1") are read by the lexer; but a heading may stand alone on
its line ("EXC CRITERIA (AZD6244 cohorts)") with the exclusions on the lines after it
("Baseline LVEF ≤50%").  Read as inclusions those lines are inverted: every patient with
LVEF ≤ 50% met "Baseline LVEF ≤50%", the very patients the trial excludes.

This stage finds such headings and re-reads each line under one as the exclusion it is,
negated (an inclusion list holds what must be met): ``not (exclusion)``.  A heading that
names whom its exclusions apply to ("(AZD6244 cohorts)") adds that condition unread:
``not (exclusion) or unparsed("AZD6244 cohorts")``: met when the exclusion is not, unknown
otherwise, since eligo cannot tell a patient's cohort.  The section runs to the next
inclusion heading or the end of the list; the heading line itself stays as compiled (an
unread line, unknown).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .nodes import AnyOf, Not, Unparsed
from .parse import Compiled, compile_text
from .transform import Kind, canonicalize

_HEADING = re.compile(
    r"\s*(?P<which>exc|exclusion|inc|inclusion)\.?\s+criteria\s*"
    r"(?:\((?P<who>[^()]{1,80})\))?\s*:?\s*$",
    re.IGNORECASE,
)


def exclusion_sections(texts: Sequence[str], kind: Kind) -> dict[int, str | None]:
    """Lines of an inclusion list that sit under a bare exclusion heading, each mapped to
    the heading's qualifier ("AZD6244 cohorts") or ``None``.

    >>> exclusion_sections(["Age >= 18", "EXC CRITERIA (X cohorts)", "INR > 2"], "inclusion")
    {2: 'X cohorts'}
    """
    if kind != "inclusion":
        return {}
    out: dict[int, str | None] = {}
    under: str | None = None
    inside = False
    for i, text in enumerate(texts):
        m = _HEADING.match(text)
        if m:
            inside = m.group("which").lower().startswith("exc")
            under = (m.group("who") or "").strip() or None
            continue
        if inside:
            out[i] = under
    return out


def reread(text: str, who: str | None) -> Compiled:
    """A line under an exclusion heading among the inclusions: ``not (exclusion)``, or
    unknown when the heading's qualifier (a cohort) may exempt the patient.

    >>> from eligo.render import render
    >>> render(reread("INR > 2", None).rule)
    'not inr > 2'
    >>> render(reread("INR > 2", "X cohorts").rule)
    'not inr > 2 or unparsed("X cohorts")'
    """
    c = compile_text(text, "exclusion")
    rule = canonicalize(Not(c.rule))
    unparsed = c.unparsed
    if who is not None:
        cohort = Unparsed(who)
        rule = canonicalize(AnyOf((rule, cohort)))
        unparsed = (*unparsed, cohort)
    return replace(c, rule=rule, unparsed=unparsed)
