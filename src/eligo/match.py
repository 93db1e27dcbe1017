"""Match: one patient against every trial in a folder, ranked as a coordinator works.

A stage above screening (``eligo match``): each trial is screened with
:func:`eligo.screening.screen` and the results are ranked

1. **eligible** trials first (by trial id);
2. **needs review** next, fewest undecided criteria first (then fewest distinct data items
   missing, then trial id) — the trials closest to a decision come first;
3. **ineligible** last, fewest failing criteria first (near misses before clear misses), each
   with its first failing reasons.

The **worklist** turns the undecided criteria of the needs-review trials into data to
collect: each missing item once ("measure INR"), with the trials and criteria it would
decide, most trials first.  Ineligible trials do not feed it: no new data makes them
eligible.  A trial file that cannot be read is listed with its error, never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from .errors import EligoError
from .record import Record, Section
from .screening import ScreenResult, Verdict, screen
from .trial import Trial, load_trial

VERDICT_ORDER: Mapping[Verdict, int] = {"eligible": 0, "needs_review": 1, "ineligible": 2}
VERDICT_LABEL: Mapping[Verdict, str] = {
    "eligible": "ELIGIBLE",
    "needs_review": "NEEDS REVIEW",
    "ineligible": "INELIGIBLE",
}
# What to do to obtain a missing item, by vocabulary kind.
ACTIONS: Mapping[str, str] = {
    "analyte": "measure",
    "score": "assess",
    "condition": "confirm or rule out",
    "medication": "check medications for",
    "procedure": "check procedures for",
    "fact": "record",
    "demographic": "record",
}
_FOR = re.compile(r"^(?P<item>.+?) \(for (?P<what>[^()]+)\)$")
_REVIEW = "manual review of "


@dataclass(frozen=True)
class TrialError:
    """A trial file in the folder that could not be read."""

    path: str
    message: str


@dataclass(frozen=True)
class Ranked:
    """One trial's screening result and its place in the ranking."""

    rank: int
    trial: Trial
    result: ScreenResult

    @property
    def verdict(self) -> Verdict:
        return self.result.verdict

    @property
    def unknown(self) -> tuple[str, ...]:
        """Ids of the undecided criteria."""
        return tuple(c.id for c in self.result.criteria if c.outcome == "unknown")

    @property
    def failed(self) -> tuple[str, ...]:
        """Ids of the failing criteria."""
        return tuple(c.id for c in self.result.criteria if c.outcome == "fail")

    def counts(self) -> dict[str, int]:
        """Criteria per outcome."""
        out = {"pass": 0, "fail": 0, "unknown": 0}
        for c in self.result.criteria:
            out[c.outcome] += 1
        return out


@dataclass(frozen=True)
class Need:
    """One item of the worklist: a missing datum and the open criteria it would decide."""

    item: str
    action: str
    criteria: tuple[tuple[str, str], ...]  # (trial id, criterion id)
    alone: tuple[str, ...]  # trials for which this is the only missing item

    @property
    def trials(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for t, _ in self.criteria))

    def text(self) -> str:
        """``measure INR to decide criteria in 2 trials: NCT… (I4), NCT… (E4)``."""
        by_trial: dict[str, list[str]] = {}
        for t, c in self.criteria:
            by_trial.setdefault(t, []).append(c)
        n = len(by_trial)
        where = ", ".join(f"{t} ({', '.join(cs)})" for t, cs in by_trial.items())
        out = f"{self.action} to decide criteria in {n} trial{'s' if n != 1 else ''}: {where}"
        if self.alone:
            out += f"; the last open item for {', '.join(self.alone)}"
        return out


@dataclass(frozen=True)
class MatchResult:
    """Every trial of a folder ranked for one patient, with the data worklist."""

    patient: str
    as_of: date
    ranked: tuple[Ranked, ...]
    worklist: tuple[Need, ...]
    errors: tuple[TrialError, ...] = ()
    folder: str = ""

    def to_json(self) -> dict[str, Any]:
        """JSON: the ranking (with each trial's full screening result) and the worklist."""
        return {
            "patient": self.patient,
            "as_of": self.as_of.isoformat(),
            "trials": [
                {
                    "rank": r.rank,
                    "trial": r.trial.id,
                    "title": r.trial.title,
                    "file": r.trial.path,
                    "verdict": r.verdict,
                    "counts": r.counts(),
                    "unknown": list(r.unknown),
                    "missing": [action_for(m) for m in r.result.missing],
                    "reasons": list(r.result.reasons),
                    "screen": r.result.to_json(),
                }
                for r in self.ranked
            ],
            "worklist": [
                {
                    "data": n.item,
                    "action": n.action,
                    "trials": list(n.trials),
                    "criteria": [f"{t}:{c}" for t, c in n.criteria],
                    "last_open_item_for": list(n.alone),
                }
                for n in self.worklist
            ],
            "errors": [{"file": e.path, "error": e.message} for e in self.errors],
        }


# --------------------------------------------------------------------------- loading


def trial_files(folder: str | Path) -> list[Path]:
    """The trial files of a folder (``*.yaml``, ``*.yml``), in name order."""
    p = Path(folder)
    return sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in (".yaml", ".yml"))


def load_trials(folder: str | Path) -> tuple[list[Trial], list[TrialError]]:
    """Load every trial of ``folder``; a file that cannot be loaded becomes a TrialError."""
    trials: list[Trial] = []
    errors: list[TrialError] = []
    for f in trial_files(folder):
        try:
            trials.append(load_trial(f))
        except EligoError as e:
            errors.append(TrialError(str(f), str(e)))
    return trials, errors


# --------------------------------------------------------------------------- ranking


def _key(r: ScreenResult) -> tuple[int, int, int, str]:
    outcomes = [c.outcome for c in r.criteria]
    if r.verdict == "needs_review":
        return (1, outcomes.count("unknown"), len(r.missing), r.trial)
    if r.verdict == "ineligible":
        return (2, outcomes.count("fail"), 0, r.trial)
    return (0, 0, 0, r.trial)


def match(
    record: Record,
    trials: Iterable[Trial],
    as_of: date | None = None,
    assume_complete: Iterable[Section] = (),
    errors: Iterable[TrialError] = (),
    folder: str = "",
) -> MatchResult:
    """Screen ``record`` against every trial and rank the results.

    Args:
        record: The patient.
        trials: The trials to rank.
        as_of: Screening date (default: today).
        assume_complete: Record sections to read closed-world, as for :func:`screen`.
        errors: Trial files that could not be read, carried into the result.
        folder: Where the trials came from, for reports.

    Returns:
        The ranking and the worklist of data that would decide open criteria.
    """
    day = as_of or date.today()
    sections = tuple(assume_complete)
    pairs = [(t, screen(record, t, day, sections)) for t in trials]
    pairs.sort(key=lambda p: _key(p[1]))
    ranked = tuple(Ranked(n, t, r) for n, (t, r) in enumerate(pairs, start=1))
    return MatchResult(record.id, day, ranked, worklist(ranked), tuple(errors), folder)


def worklist(ranked: Iterable[Ranked]) -> tuple[Need, ...]:
    """The data that would decide the open criteria of the needs-review trials."""
    criteria: dict[str, list[tuple[str, str]]] = {}
    alone: dict[str, list[str]] = {}
    for r in ranked:
        if r.verdict != "needs_review":
            continue
        items = [base_item(m) for m in r.result.missing]
        distinct = list(dict.fromkeys(items))
        for c in r.result.criteria:
            if c.outcome != "unknown":
                continue
            for m in dict.fromkeys(base_item(x) for x in c.missing):
                criteria.setdefault(m, []).append((r.trial.id, c.id))
        if len(distinct) == 1:
            alone.setdefault(distinct[0], []).append(r.trial.id)
    needs = [
        Need(item, action_for(item), tuple(cs), tuple(alone.get(item, ())))
        for item, cs in criteria.items()
    ]
    needs.sort(key=lambda n: (-len(n.trials), -len(n.alone), n.item.startswith(_REVIEW), n.item))
    return tuple(needs)


def base_item(missing: str) -> str:
    """``"INR (for MELD score)"`` → ``"INR"``: the datum to collect."""
    m = _FOR.match(missing)
    return m.group("item") if m else missing


@cache
def _kinds() -> dict[str, str]:
    from .concepts import vocabulary

    out: dict[str, str] = {}
    for c in vocabulary():
        out.setdefault(c.label.lower(), c.kind)
        out.setdefault(c.id.lower(), c.kind)
    return out


def action_for(missing: str) -> str:
    """What to do to obtain a missing item: ``"INR"`` → ``"measure INR"``.

    >>> action_for("INR"), action_for("manual review of “X”")
    ('measure INR', 'manual review of “X”')
    """
    item = base_item(missing)
    if item.startswith(_REVIEW):
        return item
    if item in ("age or birth date", "sex"):
        return f"record {item}"
    kind = _kinds().get(item.lower())
    return f"{ACTIONS.get(kind, 'obtain') if kind else 'obtain'} {item}"


# --------------------------------------------------------------------------- text


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def text_report(m: MatchResult) -> str:
    """The ranking as a table for people, then the worklist and unreadable files."""
    n = len(m.ranked)
    where = f" in {m.folder}" if m.folder else ""
    counts = {v: sum(1 for r in m.ranked if r.verdict == v) for v in VERDICT_ORDER}
    w = max([12, *(len(r.trial.id) for r in m.ranked)])
    out = [
        f"Patient {m.patient} · {n} trial{'s' if n != 1 else ''}{where} · as of "
        f"{m.as_of.isoformat()}",
        f"{counts['eligible']} eligible, {counts['needs_review']} need review, "
        f"{counts['ineligible']} ineligible",
        "",
        f"{'#':>2}  {'verdict':<12}  {'trial':<{w}}  {'pass':>4} {'fail':>4} {'open':>4}  title",
    ]
    for r in m.ranked:
        c = r.counts()
        out.append(
            f"{r.rank:>2}  {VERDICT_LABEL[r.verdict]:<12}  {r.trial.id:<{w}}  "
            f"{c['pass']:>4} {c['fail']:>4} {c['unknown']:>4}  {_cut(r.trial.title or '', 40)}"
        )
        if r.verdict == "needs_review":
            open_ = ", ".join(r.unknown)
            out.append(f"{'':>16}open: {open_}")
            actions = "; ".join(dict.fromkeys(action_for(x) for x in r.result.missing))
            out.append(f"{'':>16}needs: {_cut(actions, 200)}")
        elif r.verdict == "ineligible":
            for reason in r.result.reasons[:2]:
                out.append(f"{'':>16}fails {_cut(reason, 110)}")
            if len(r.result.reasons) > 2:
                out.append(f"{'':>16}… and {len(r.result.reasons) - 2} more failing")
    if m.worklist:
        out += ["", "Data that would decide open criteria (most trials first):"]
        out += [f"  - {_cut(need.text(), 220)}" for need in m.worklist]
    if m.errors:
        out += ["", f"Trial files that could not be read ({len(m.errors)}):"]
        out += [f"  - {e.message.splitlines()[0]}" for e in m.errors]
    return "\n".join(out)
