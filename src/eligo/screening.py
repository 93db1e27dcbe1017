"""Screen: one patient against one trial → per-criterion outcomes and a verdict.

The top of the pipeline.  For each criterion the rule is evaluated (:mod:`eligo.evaluate`),
its truth ``met`` is turned into an outcome by the criterion's kind (contract §4):

* inclusion: met → pass, not met → fail, unknown → unknown;
* exclusion: met → fail, not met → pass, unknown → unknown;

and the verdict is ``ineligible`` if any criterion fails, else ``needs_review`` if any is
unknown, else ``eligible``.  A missing value can therefore only ever produce ``unknown`` and
``needs_review``, never ``eligible``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from .evaluate import Trace, evaluate
from .logic import Truth
from .lookup import RecordView
from .record import SECTIONS, Record, Section
from .trial import Criterion, Kind, Trial

Outcome = Literal["pass", "fail", "unknown"]
Verdict = Literal["eligible", "ineligible", "needs_review"]


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's result for one patient."""

    criterion: Criterion
    met: bool | None
    outcome: Outcome
    explanation: str
    missing: tuple[str, ...]
    trace: Trace

    @property
    def id(self) -> str:
        return self.criterion.id

    @property
    def kind(self) -> Kind:
        return self.criterion.kind

    def to_json(self) -> dict[str, Any]:
        c = self.criterion
        out: dict[str, Any] = {
            "id": c.id,
            "kind": c.kind,
            "text": c.text,
            "rule": c.rule_text,
            "understood": c.understood,
            "met": self.met,
            "outcome": self.outcome,
            "explanation": self.explanation,
            "missing": list(self.missing),
        }
        if c.override:
            out["override"] = True
        return out


@dataclass(frozen=True)
class ScreenResult:
    """A patient's screening result for a trial."""

    patient: str
    trial: str
    as_of: date
    verdict: Verdict
    criteria: tuple[CriterionResult, ...]
    reasons: tuple[str, ...]
    missing: tuple[str, ...]
    assumed_complete: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The contract §5 JSON object."""
        return {
            "patient": self.patient,
            "trial": self.trial,
            "as_of": self.as_of.isoformat(),
            "verdict": self.verdict,
            "criteria": [c.to_json() for c in self.criteria],
            "reasons": list(self.reasons),
            "missing": list(self.missing),
        }

    def to_text(self) -> str:
        from .explain import text_report

        return text_report(self)


def outcome_of(kind: Kind, met: bool | None) -> Outcome:
    """Contract §4 mapping from truth and kind to outcome.

    >>> outcome_of("exclusion", True), outcome_of("inclusion", None)
    ('fail', 'unknown')
    """
    if met is None:
        return "unknown"
    if kind == "inclusion":
        return "pass" if met else "fail"
    return "fail" if met else "pass"


def verdict_of(outcomes: Iterable[Outcome]) -> Verdict:
    """Any fail → ineligible; else any unknown → needs_review; else eligible."""
    seen = list(outcomes)
    if "fail" in seen:
        return "ineligible"
    if "unknown" in seen:
        return "needs_review"
    return "eligible"


def screen(
    record: Record,
    trial: Trial,
    as_of: date | None = None,
    assume_complete: Iterable[Section] = (),
    view: RecordView | None = None,
) -> ScreenResult:
    """Screen ``record`` against ``trial`` on ``as_of`` (default: today).

    ``assume_complete`` names record sections (conditions, medications, procedures) in which
    anything not recorded is absent (closed world), in addition to the record's own
    ``complete`` declaration.  Labs are never closed-world.
    """
    as_of = as_of or date.today()
    extra = frozenset(s for s in assume_complete if s in SECTIONS)
    if extra - record.complete:
        record = replace(record, complete=record.complete | extra)
        view = None
    view = view or RecordView(record)
    results = []
    for c in trial.criteria:
        trace = evaluate(c.rule, view, as_of)
        met = trace.root.truth.value
        explanation = trace.root.explanation
        needs = trace.root.missing if trace.root.truth is Truth.UNKNOWN else ()
        results.append(CriterionResult(c, met, outcome_of(c.kind, met), explanation, needs, trace))
    verdict = verdict_of(r.outcome for r in results)
    reasons = tuple(f"{r.id}: {r.explanation}" for r in results if r.outcome == "fail")
    missing: list[str] = []
    for r in results:
        if r.outcome == "unknown":
            missing.extend(m for m in r.missing if m not in missing)
    return ScreenResult(
        record.id,
        trial.id,
        as_of,
        verdict,
        tuple(results),
        reasons,
        tuple(missing),
        tuple(sorted(record.complete)),
    )
