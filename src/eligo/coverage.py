"""Coverage: how much real registry text the grammar reads (``eligo check --coverage``).

Reads trial files leniently — only ``id``, ``inclusion`` and ``exclusion`` are used, so corpus
files with extra keys (``raw_criteria``, ``area``…) are fine — compiles every line, and counts
lines understood fully, partly (some ``unparsed`` spans, some rule) or not at all, overall and
for lines that state a numeric threshold.  The most frequent unread phrases show where the
grammar or vocabulary should grow next.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from .errors import TrialFileError
from .groups import Group, find_groups, members
from .nodes import Unparsed, walk
from .parse import Compiled, compile_text
from .sections import list_readings

Level = Literal["full", "partial", "none"]

# A line "states a numeric threshold" when a comparator or range meets a number, or a number
# carries a lab/vital/age unit or a multiple of the reference limit.
_NUMERIC = re.compile(
    r"(?:[<>≤≥]=?|=>|=<|\\[<>]|more than|less than|greater than|lower than|higher than|"
    r"at least|at most|above|below|exceed\w*|not exceeding|up to|between|under|over|"
    r"no more than|no less than|minimum|maximum)\s*(?:\(\s*[<>≤≥=]+\s*\)\s*)?-?\d"
    r"|\d\s*(?:-|to)\s*\d+\s*(?:years|yrs|months)"
    r"|\d\s*(?:x|×|times)\s*(?:the\s+)?(?:uln|upper limit|institutional)"
    r"|\d\s*(?:mg|g/|µmol|umol|μmol|mmol|/ul|/µl|/μl|/mm|x\s*10|×\s*10|%|mmhg|mm hg|ml/min|kg/m"
    r"|years|yrs|months|iu|u/l|ng/|pg/|ms\b|cells)",
    re.IGNORECASE,
)


def states_threshold(text: str) -> bool:
    """Whether a criterion line states a numeric threshold (lab, vital, age, score, dose).

    >>> states_threshold("Platelets >80,000"), states_threshold("Autoimmune hepatitis")
    (True, False)
    """
    return bool(_NUMERIC.search(text))


def level(compiled: Compiled) -> Level:
    """full: nothing unread; partial: some rule and some unread; none: nothing read."""
    if not compiled.unparsed:
        return "full"
    leaves = [
        n for n in walk(compiled.rule) if not hasattr(n, "children") and not hasattr(n, "child")
    ]
    if all(isinstance(n, Unparsed) for n in leaves):
        return "none"
    return "partial"


@dataclass
class TrialCoverage:
    """Counts for one trial file."""

    trial: str
    path: str
    lines: int = 0
    full: int = 0
    partial: int = 0
    none: int = 0
    numeric: int = 0
    numeric_full: int = 0
    unread: list[str] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        text: str,
        kind: Literal["inclusion", "exclusion"],
        group: Group | None = None,
        position: int = 0,
        compiled: Compiled | None = None,
    ) -> None:
        """Count one line; a line of a sub-bullet ``group`` (``position`` 0-based in its kind)
        counts as its group's rule reads, as screening reads it."""
        from .render import render

        c = compiled if compiled is not None else compile_text(text, kind)
        if group is not None:
            c = replace(c, rule=group.rule, unparsed=group.unparsed)
        lv = level(c)
        self.lines += 1
        setattr(self, lv, getattr(self, lv) + 1)
        numeric = states_threshold(text)
        if numeric:
            self.numeric += 1
            self.numeric_full += lv == "full"
        if group is None or position == group.first:  # a group's unread words count once
            self.unread.extend(u.text for u in c.unparsed)
        self.details.append(
            {
                "kind": kind,
                "text": text,
                "level": lv,
                "numeric": numeric,
                "rule": render(c.rule),
                "unparsed": [u.text for u in c.unparsed],
                **({"group": group.note(position)} if group else {}),
            }
        )


def _lines(path: Path) -> tuple[str, list[tuple[str, Literal["inclusion", "exclusion"]]]]:
    try:
        data = yaml.load(
            path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise TrialFileError(f"cannot read for coverage: {e}", str(path)) from None
    if not isinstance(data, dict):
        raise TrialFileError("not a trial file (expected a mapping)", str(path))
    out: list[tuple[str, Literal["inclusion", "exclusion"]]] = []
    for kind in ("inclusion", "exclusion"):
        for item in data.get(kind) or []:
            text = item.get("text") if isinstance(item, dict) else item
            if isinstance(text, str) and text.strip():
                out.append((text, kind))
    return str(data.get("id") or path.stem), out


def trial_files(paths: list[Path]) -> list[Path]:
    """Trial YAML files under the given files and folders, sorted."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(x for x in p.glob("*.y*ml") if x.suffix in (".yaml", ".yml")))
        else:
            files.append(p)
    return files


def coverage(paths: list[Path]) -> list[TrialCoverage]:
    """Coverage of every trial file under ``paths``."""
    out = []
    for f in trial_files(paths):
        tid, lines = _lines(f)
        tc = TrialCoverage(tid, str(f))
        for kind in ("inclusion", "exclusion"):
            texts = [text for text, k in lines if k == kind]
            grouped = members(find_groups(texts, kind))
            placed = list_readings(texts, kind, grouped)  # see eligo.sections
            for i, text in enumerate(texts):
                if i in placed:
                    tc.add(text, kind, None, i, placed[i])
                else:
                    tc.add(text, kind, grouped.get(i), i)
        out.append(tc)
    return out


def summary(trials: list[TrialCoverage], top: int = 25) -> dict[str, Any]:
    """Totals, percentages and the most frequent unread phrases."""
    lines = sum(t.lines for t in trials)
    full = sum(t.full for t in trials)
    partial = sum(t.partial for t in trials)
    numeric = sum(t.numeric for t in trials)
    numeric_full = sum(t.numeric_full for t in trials)
    phrases: Counter[str] = Counter()
    for t in trials:
        phrases.update(_phrase_key(u) for u in t.unread)

    def pct(a: int, b: int) -> float:
        return round(100.0 * a / b, 1) if b else 0.0

    return {
        "trials": len(trials),
        "lines": lines,
        "full": full,
        "partial": partial,
        "none": lines - full - partial,
        "understood_pct": pct(full, lines),
        "understood_or_partial_pct": pct(full + partial, lines),
        "numeric_lines": numeric,
        "numeric_full": numeric_full,
        "numeric_full_pct": pct(numeric_full, numeric),
        "top_unparsed": [{"phrase": p, "count": n} for p, n in phrases.most_common(top)],
    }


def _phrase_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())[:60]


def text_report(trials: list[TrialCoverage], top: int = 25) -> str:
    """The coverage report for people."""
    s = summary(trials, top)
    rows = [
        f"{'trial':<14} {'lines':>5} {'full':>5} {'part':>5} {'none':>5} {'num':>4} {'numfull':>7}"
    ]
    for t in trials:
        rows.append(
            f"{t.trial:<14} {t.lines:>5} {t.full:>5} {t.partial:>5} {t.none:>5} "
            f"{t.numeric:>4} {t.numeric_full:>7}"
        )
    rows.append("")
    rows.append(
        f"total: {s['lines']} lines in {s['trials']} trials — fully understood {s['full']} "
        f"({s['understood_pct']}%), partly {s['partial']}, not at all {s['none']}; "
        f"understood fully or partly {s['understood_or_partial_pct']}%"
    )
    rows.append(
        f"lines stating a numeric threshold: {s['numeric_lines']}, fully understood "
        f"{s['numeric_full']} ({s['numeric_full_pct']}%)"
    )
    rows.append("")
    rows.append("most frequent unparsed phrases:")
    for item in s["top_unparsed"]:
        rows.append(f"  {item['count']:>4}  {item['phrase']}")
    return "\n".join(rows)
