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
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any, Literal

from .evaluate import Trace, evaluator
from .fast import compiled
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
    trace: Trace

    @property
    def id(self) -> str:
        return self.criterion.id

    @property
    def explanation(self) -> str:
        group = self.criterion.group
        text = self.trace.root.explanation
        return f"{text} [{group}]" if group else text

    @property
    def missing(self) -> tuple[str, ...]:
        """The data that would decide an unknown criterion (empty once decided)."""
        root = self.trace.root
        return root.missing if root.truth is Truth.UNKNOWN else ()

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
        if c.group:
            out["group"] = c.group
        return out


@dataclass(frozen=True)
class ScreenResult:
    """A patient's screening result for a trial.

    The verdict and each criterion's truth (``met``, in trial order) are decided when
    screening.  The per-criterion results with their explanations and traces (and ``reasons``
    and ``missing``, which quote them) are worked out from the same record when first read:
    evaluation is a pure function of (rule, record, date), so they are the results the verdict
    came from, and a cohort screened only for verdicts never pays for writing them.
    """

    patient: str
    trial: str
    as_of: date
    verdict: Verdict
    met: tuple[bool | None, ...]
    assumed_complete: tuple[str, ...]
    _compiled: Trial = field(repr=False, compare=False)
    _record: RecordView | Record = field(repr=False, compare=False)

    @cached_property
    def criteria(self) -> tuple[CriterionResult, ...]:
        """Each criterion's result, with its explanation and evaluation trace."""
        rec = self._record
        trace_of = evaluator(rec if isinstance(rec, RecordView) else RecordView(rec), self.as_of)
        out = []
        for c, met in zip(self._compiled.criteria, self.met, strict=True):
            trace = trace_of(c.rule)
            assert trace.root.truth.value is met, c.id  # evaluation is deterministic
            out.append(CriterionResult(c, met, outcome_of(c.kind, met), trace))
        return tuple(out)

    @cached_property
    def reasons(self) -> tuple[str, ...]:
        """``"<id>: <explanation>"`` of every failing criterion."""
        return tuple(f"{r.id}: {r.explanation}" for r in self.criteria if r.outcome == "fail")

    @cached_property
    def missing(self) -> tuple[str, ...]:
        """The data that would decide the unknown criteria, each named once."""
        missing: list[str] = []
        for r in self.criteria:
            if r.outcome == "unknown":
                missing.extend(m for m in r.missing if m not in missing)
        return tuple(missing)

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
    if assume_complete:
        extra = frozenset(s for s in assume_complete if s in SECTIONS)
        if extra - record.complete:
            record = replace(record, complete=record.complete | extra)
            view = None
    own = view is None  # a view made here is not kept: the result keeps the record instead
    view = view or RecordView(record)
    rules = compiled(trial, view.vocab)
    met = rules.met(view, as_of)  # explanations come later, if read
    # ScreenResult(...) without the frozen dataclass's field-by-field __init__ (microseconds
    # a record, in a cohort): the same fields, set at once (tests/test_fast.py checks them)
    result: ScreenResult = object.__new__(ScreenResult)
    result.__dict__.update(
        patient=record.id,
        trial=trial.id,
        as_of=as_of,
        verdict=rules.verdict(met),
        met=met,
        assumed_complete=tuple(sorted(record.complete)) if record.complete else (),
        _compiled=trial,
        _record=record if own else view,
    )
    return result
