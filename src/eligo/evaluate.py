"""Evaluate: a rule node against a patient record, in three-valued logic.

Stage 4 of the pipeline.  :func:`evaluate` is a pure function of (node, record view, as_of):
it returns a :class:`Trace` holding one :class:`Result` per node (keyed by the node's
pre-order index), each with its truth, a plain explanation naming the values, units and dates
it used, the record items it read, and for unknowns the data that would decide them.
Explanations of whole criteria are views over this trace (:mod:`eligo.explain`).

Semantics (contract §3–4):
* labs and scores use the latest value on or before the screening date (within the window when
  one is given); a derived score is computed when the record does not state it;
* conditions, medications and procedures: present now (``current``), ever (``history of``), or
  in a look-back window; a record with status ``absent`` makes the mention false;
* open world: no record is unknown, unless the section is declared complete;
* labs are never closed-world: a missing lab stays unknown.

Speed: a node's truth is decided when it is evaluated; its text (explanation, missing data,
items read) is written from the values it used only when first asked for.  Screening a cohort
mostly needs verdicts, and formatting numbers and dates was most of the work.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from . import scores
from .concepts import Concept
from .derive import DERIVERS, Derived, derive
from .errors import UnitError
from .logic import Truth, k_and, k_not, k_or
from .lookup import Item, RecordView
from .nodes import (
    AllOf,
    AnyOf,
    Category,
    Comparison,
    Duration,
    Mention,
    Node,
    Not,
    Quantity,
    Range,
    RefMultiple,
    Unparsed,
    Versus,
    Window,
)
from .render import number, unit_text
from .units import analyte_converter, convert, convert_analyte, converter

Detail = tuple[str, tuple[str, ...], tuple[str, ...]]
"""A node's text: (explanation, data that would decide it, record items it read)."""

MET, NOT_MET, UNKNOWN = Truth.MET, Truth.NOT_MET, Truth.UNKNOWN
_TRUTH = {True: MET, False: NOT_MET, None: UNKNOWN}
_VALUE = {MET: True, NOT_MET: False, UNKNOWN: None}


class Result:
    """One node's evaluation: its truth, and its :data:`Detail` (written when first read)."""

    __slots__ = ("_detail", "_later", "truth")
    truth: Truth
    _detail: Detail | None
    _later: Callable[[], Detail] | None

    def __init__(
        self,
        truth: Truth,
        explanation: str,
        missing: tuple[str, ...] = (),
        read: tuple[str, ...] = (),
    ) -> None:
        self.truth = truth
        self._detail = (explanation, missing, read)
        self._later = None

    @classmethod
    def later(cls, truth: Truth, detail: Callable[[], Detail]) -> Result:
        """A result whose text ``detail()`` writes on first use (from values already read)."""
        r = cls.__new__(cls)
        r.truth = truth
        r._detail = None
        r._later = detail
        return r

    def detail(self) -> Detail:
        """(explanation, missing, read)."""
        d = self._detail
        if d is None:
            assert self._later is not None
            d = self._detail = self._later()
            self._later = None
        return d

    @property
    def explanation(self) -> str:
        return self.detail()[0]

    @property
    def missing(self) -> tuple[str, ...]:
        return self.detail()[1]

    @property
    def read(self) -> tuple[str, ...]:
        return self.detail()[2]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return self.truth is other.truth and self.detail() == other.detail()

    def __hash__(self) -> int:
        return hash((self.truth, self.detail()))

    def __repr__(self) -> str:
        e, m, r = self.detail()
        return f"Result(truth={self.truth!r}, explanation={e!r}, missing={m!r}, read={r!r})"

    def __reduce__(self) -> tuple[type[Result], tuple[Any, ...]]:
        return (Result, (self.truth, *self.detail()))


@dataclass(frozen=True)
class Trace:
    """Every node's result, keyed by pre-order index (root = 0), plus the nodes themselves."""

    nodes: tuple[Node, ...]
    results: tuple[Result, ...]

    @property
    def root(self) -> Result:
        return self.results[0]


def evaluate(node: Node, view: RecordView, as_of: date) -> Trace:
    """Evaluate ``node`` for the record behind ``view`` on screening date ``as_of``."""
    return _Evaluator(view, as_of).trace(node)


def evaluator(view: RecordView, as_of: date) -> Callable[[Node], Trace]:
    """:func:`evaluate` for many rules of one record: ``evaluator(view, as_of)(node)``."""
    return _Evaluator(view, as_of).trace


def decider(view: RecordView, as_of: date) -> Callable[[Node], bool | None]:
    """Like :func:`evaluator`, but gives only each rule's truth (``trace.root.truth.value``)."""
    return _Evaluator(view, as_of).decide


_OPS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}
_OP_WORDS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠"}


def compare(a: float, op: str, b: float) -> bool:
    """Compare with a relative tolerance, so 141 umol/L vs 1.6 mg/dL is not decided by rounding.

    >>> compare(80000.00000000001, ">", 80000), compare(1.6, "<=", 1.6000000000000003)
    (False, True)
    """
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        a = b
    return bool(_OPS[op](a, b))


def _qty(value: float, unit: str) -> str:
    # a value past float range (a huge dose converted) is shown as it is, not refused: text is
    # written after screening, where an error would cost the whole result
    shown = number(_tidy(value)) if math.isfinite(value) else str(value)
    return shown + unit_text(value, unit)


def _written(target: Quantity) -> str:
    """What the criterion wrote, when the threshold was read in another unit: a whole
    quantity converted ("14 UK units a week read as 112 g/wk: …"), or only its unit."""
    if target.written[:1].isdigit():
        return f" (the criterion's {target.written})"
    return f" (the criterion's {target.written} read as {target.unit})"


def _tidy(x: float) -> float:
    return float(f"{x:.6g}")


def _date(d: date | None) -> str:
    return f" ({d.isoformat()})" if d else " (undated)"


def _fixed(
    explanation: str, missing: tuple[str, ...], read: tuple[str, ...]
) -> Callable[[], Detail]:
    detail = (explanation, missing, read)
    return lambda: detail


# A node's evaluation inside the evaluator: its truth, and how to write its Detail.
Step = tuple[Truth, Callable[[], Detail]]

# A measured value: (value, unit, reference_high, detail) where detail() gives
# (description, missing, read); value None means unknown, and missing says what is needed.
Reading = tuple[float | str | None, str, float | None, Callable[[], Detail]]


class _Evaluator:
    def __init__(self, view: RecordView, as_of: date) -> None:
        self.view = view
        self.vocab = view.vocab
        self.concepts = view.vocab.concepts
        self.as_of = as_of
        self.rec = view.record
        self.nodes: list[Node] = []
        self.results: list[Result] = []
        self.recording = True
        self.starts: dict[Window, date] = {}  # first day of each look-back window

    def trace(self, node: Node) -> Trace:
        self.nodes, self.results = [], []
        self.recording = True
        self.visit(node)
        trace = Trace(tuple(self.nodes), tuple(self.results))
        self.nodes, self.results = [], []  # results' text may refer back to this evaluator
        return trace

    def decide(self, node: Node) -> bool | None:
        self.recording = False
        return _VALUE[self.visit(node)[0]]

    def visit(self, node: Node) -> Step:
        visit = _VISIT.get(type(node))
        if visit is None:  # pragma: no cover
            raise TypeError(type(node).__name__)
        if not self.recording:
            return visit(self, node)
        idx = len(self.results)
        self.nodes.append(node)
        self.results.append(_PENDING)  # pre-order: this node's slot comes before its children
        truth, detail = visit(self, node)
        result = self.results[idx] = Result.later(truth, detail)
        return truth, result.detail  # the parent's text reuses this node's, written once

    def all_of(self, node: AllOf) -> Step:
        kids = [self.visit(c) for c in node.children]
        truth = k_and([k[0] for k in kids])
        return truth, lambda: _combined(truth, kids, True)

    def any_of(self, node: AnyOf) -> Step:
        kids = [self.visit(c) for c in node.children]
        truth = k_or([k[0] for k in kids])
        return truth, lambda: _combined(truth, kids, False)

    def negate(self, node: Not) -> Step:
        truth, detail = self.visit(node.child)
        return k_not(truth), detail

    def unparsed(self, node: Unparsed) -> Step:
        text = node.text
        return UNKNOWN, lambda: (
            f"not understood: \u201c{text}\u201d",
            (f"manual review of \u201c{text}\u201d",),
            (),
        )

    # -- values -----------------------------------------------------------------
    def since(self, window: Window | None) -> date | None:
        if window is None:
            return None
        found = self.starts.get(window)
        if found is None:
            found = self.starts[window] = _window_start(window, self.as_of)
        return found

    def value_of(self, c: Concept, window: Window | None) -> Reading:
        """(value, unit, reference_high, detail) for a measurable concept."""
        if c.id == "age":
            return self.age()
        if c.id == "sex":
            sex = self.rec.sex
            if sex in (None, "unknown"):
                return None, "", None, _fixed("", ("sex",), ())
            return sex, "", None, _fixed(f"sex {sex}", (), ("sex",))
        if c.kind == "fact":
            return self.fact_value(c)
        if c.kind == "medication":
            return self.dose(c)
        since = self.since(window)
        obs = self.view.latest(c.id, self.as_of, since)
        if obs is not None:
            unit = obs.unit if obs.unit is not None else ""
            read = (obs.source,)
            if isinstance(obs.value, bool):
                return None, "", None, _fixed("", (c.label,), read)
            when = obs.date
            if isinstance(obs.value, int | float):
                if obs.unit is None and c.unit not in (None, "1"):
                    return None, "", None, _fixed("", (f"{c.label} with a unit",), read)
                value = float(obs.value)
                return (
                    value,
                    unit,
                    obs.reference_high,
                    lambda: (f"{c.label} {_qty(value, unit)}{_date(when)}", (), read),
                )
            text = obs.value
            return str(text), "", None, lambda: (f"{c.label} {text}{_date(when)}", (), read)
        if c.derived and c.derived in DERIVERS:
            return _from_derived(c, derive(c.derived, self.view, self.as_of))
        return None, "", None, lambda: self._not_found(c, window)

    def _not_found(self, c: Concept, window: Window | None) -> Detail:
        """Why a measurable concept has no usable value (the missing data it needs)."""
        where = (
            f" in the last {number(window.amount)}{unit_text(window.amount, window.unit)}"
            if window
            else ""
        )
        flagged = [o for o in self.view.observations(c.id, self.as_of) if o.problem]
        if flagged:
            o = flagged[-1]
            return "", (f"{c.label} (the record's value was set aside: {o.problem})",), (o.source,)
        dates = [o.date for o in self.view.observations(c.id, date.max) if o.date is not None]
        if dates and not where and min(dates) > self.as_of:
            return (
                "",
                (
                    f"{c.label} on or before {self.as_of.isoformat()} (the only "
                    f"one is dated {min(dates).isoformat()}, after it)",
                ),
                (),
            )
        return "", (c.label + where,), ()

    def fact_value(self, c: Concept) -> Reading:
        raw = self.rec.facts.get(c.id)
        if raw is None:
            return None, "", None, _fixed("", (c.label,), ())
        if isinstance(raw, dict):
            v, u = float(raw["value"]), str(raw.get("unit") or c.unit or "")
        elif isinstance(raw, tuple | list):
            v, u = float(raw[0]), str(raw[1] or c.unit or "")
        elif isinstance(raw, bool):
            return None, "", None, _fixed("", (f"{c.label} as a quantity",), (f"facts.{c.id}",))
        elif isinstance(raw, str):  # a category fact: "study_cohort": "part_a"
            return raw, "", None, _fixed(f"{c.label} recorded as {raw}", (), (f"facts.{c.id}",))
        else:
            v, u = float(raw), c.unit or ""
        return v, u, None, lambda: (f"{c.label} {_qty(v, u)}", (), (f"facts.{c.id}",))

    def age(self) -> Reading:
        rec = self.rec
        born = rec.birth_date
        if born is not None:
            if born > self.as_of:
                return (
                    None,
                    "",
                    None,
                    _fixed("", ("a birth date before the screening date",), ("birth_date",)),
                )
            years = scores.age_years(born, self.as_of)
            return (
                float(years),
                "a",
                None,
                lambda: (f"age {years} years (born {born.isoformat()})", (), ("birth_date",)),
            )
        if rec.age is not None:
            v, u = rec.age
            return v, u, None, lambda: (f"age {_qty(v, u)} (as recorded)", (), ("age",))
        return None, "", None, _fixed("", ("age or birth date",), ())

    def dose(self, c: Concept) -> Reading:
        items = self.view.items(c.id)
        current = [i for i in items if i.kind == "medication" and self._current(i)]
        dosed = [i for i in current if getattr(i.item, "dose_value", None) is not None]
        if dosed:
            last = dosed[-1]
            med = last.item
            v, u = float(med.dose_value), med.dose_unit or ""  # type: ignore[union-attr, arg-type]
            return (
                v,
                u,
                None,
                lambda: (f"{c.label} {_qty(v, u)}{_date(last.start)}", (), (last.source,)),
            )
        if current:
            return None, "", None, lambda: ("", (f"{c.label} dose",), _sources(current))
        mine = [
            i
            for i in items
            if i.kind == "medication" and (i.start is None or i.start <= self.as_of)
        ]
        absent = [i for i in mine if i.status == "absent" and i.direct]
        if absent:
            return (
                0.0,
                c.unit or "",
                None,
                _fixed(
                    f"no current {c.label}: recorded as not taken ({absent[0].source})",
                    (),
                    _sources(mine),
                ),
            )
        # a stopped course says nothing about another, current one (open world)
        past = [i for i in mine if i.status != "absent"]

        def seen() -> str:
            if not past:
                return ""
            last = past[-1]
            ended = f"ended {last.end.isoformat()}" if last.end else last.status
            return f"{last.name} ({ended}) is not current"

        if "medications" in self.rec.complete:

            def complete() -> Detail:
                said = seen()
                return (
                    f"{said + '; ' if said else ''}no {'other ' if said else ''}{c.label} "
                    "on record (medications declared complete)",
                    (),
                    _sources(mine),
                )

            return 0.0, c.unit or "", None, complete
        return (
            None,
            "",
            None,
            lambda: (seen(), (f"{c.label} (whether given, and dose)",), _sources(mine)),
        )

    # -- comparisons --------------------------------------------------------------
    def comparison(self, node: Comparison) -> Step:
        c = self.concepts.get(node.concept) or self.vocab[node.concept]
        return self._either(c, node.window, lambda got: self._comparison(node, c, got))

    def _either(self, c: Concept, window: Window | None, judge: Callable[[Reading], Step]) -> Step:
        """Judge the concept's value; a derived value open on one yes/no input (MELD without
        a dialysis record) is judged under each answer, and decided when both agree."""
        got = self.value_of(c, window)
        if got[0] is not None or not c.derived or c.derived not in DERIVERS:
            return judge(got)
        d = derive(c.derived, self.view, self.as_of)
        if not d.alternatives:
            return judge(got)
        steps = [
            (label, judge(_from_derived(c, replace(d, value=v, missing=(), alternatives=()))))
            for label, v in d.alternatives
        ]
        truths = {step[0] for _, step in steps}
        if len(truths) != 1 or UNKNOWN in truths:
            return judge(got)

        def either() -> Detail:
            parts = "; ".join(f"{label}, {step[1]()[0]}" for label, step in steps)
            open_on = "; ".join(d.missing)
            return f"{open_on} not recorded, but either way: {parts}", (), _sources_of(d)

        return steps[0][1][0], either

    def _comparison(self, node: Comparison, c: Concept, got: Reading) -> Step:
        value, unit, ref_high, detail = got
        if value is None:
            return (UNKNOWN, lambda: _unknown(c, detail()))
        target = node.value
        op = node.op
        if isinstance(target, Category):
            decided = compare_text(str(value), op, target.value, c.categories)
            if decided is None:

                def not_one() -> Detail:
                    desc, _, read = detail()
                    cats = ", ".join(c.categories)
                    return f"{desc}: not one of {cats}", (f"{c.label} as one of {cats}",), read

                return (UNKNOWN, not_one)

            def categorical() -> Detail:
                desc, _, read = detail()
                if op in ("=", "!="):
                    same = compare_text(str(value), "=", target.value)
                    return f"{desc}: {'is' if same else 'is not'} {target.value}", (), read
                verb = _OP_WORDS[op] if decided else f"not {_OP_WORDS[op]}"
                return f"{desc} is {verb} {target.value}", (), read

            return (_TRUTH[decided], categorical)
        if isinstance(value, str):
            return (UNKNOWN, lambda: _not_a_number(c, detail()))
        if isinstance(target, RefMultiple):
            return self._ref_multiple(node, c, value, unit, detail, ref_high)
        assert isinstance(target, Quantity)
        try:
            v = self._convert(value, unit, target.unit, c)
        except UnitError as e:
            return (UNKNOWN, _incomparable(c, detail, str(e)))
        truth = _TRUTH[compare(v, op, target.value)]

        def compared() -> Detail:
            desc, _, read = detail()
            shown = desc if _same_unit(unit, target.unit) else f"{desc} = {_qty(v, target.unit)}"
            assumed = (
                f" (unit {_unit_name(target.unit)} assumed: the criterion gives a bare number)"
                if target.assumed
                else _written(target)
                if target.written
                else ""
            )
            verb = _OP_WORDS[op] if truth is MET else f"not {_OP_WORDS[op]}"
            return f"{shown} is {verb} {_qty(target.value, target.unit)}{assumed}", (), read

        return (truth, compared)

    def _convert(self, value: float, unit: str, to: str, c: Concept) -> float:
        return convert_value(c, self.rec.birth_date, self.as_of, value, unit, to)

    def _ref_multiple(
        self,
        node: Comparison,
        c: Concept,
        value: float,
        unit: str,
        detail: Callable[[], Detail],
        ref_high: float | None,
    ) -> Step:
        target = node.value
        assert isinstance(target, RefMultiple)
        if target.limit == "ULN":
            if ref_high is not None:
                limit, limit_unit, whose = ref_high, unit, "the lab's reference range"
            elif c.reference is not None:
                limit, limit_unit, whose = c.reference[1], c.unit or "", "eligo's default range"
            else:
                return (UNKNOWN, _no_limit(c, detail, "upper"))
        else:
            if c.reference is None:
                return (UNKNOWN, _no_limit(c, detail, "lower"))
            limit, limit_unit, whose = c.reference[0], c.unit or "", "eligo's default range"
        try:
            v = convert_analyte(c.id, value, unit or "1", limit_unit or "1", c.molar_mass)
        except UnitError as e:
            return (UNKNOWN, _incomparable(c, detail, str(e)))
        threshold = target.value * limit
        truth = _TRUTH[compare(v, node.op, threshold)]

        def multiple() -> Detail:
            desc, _, read = detail()
            verb = _OP_WORDS[node.op] if truth is MET else f"not {_OP_WORDS[node.op]}"
            return (
                f"{desc} is {verb} {number(target.value)} × {target.limit} "
                f"= {_qty(threshold, limit_unit)} ({target.limit} "
                f"{_qty(limit, limit_unit)} from {whose})",
                (),
                read,
            )

        return (truth, multiple)

    def versus(self, node: Versus) -> Step:
        """Two measures' latest values, each in the unit they share, compared."""
        sides = [
            self._side(self.concepts.get(cid) or self.vocab[cid], node.window)
            for cid in (node.left, node.right)
        ]
        (a, a_text), (b, b_text) = sides
        if a is None or b is None:

            def unknown() -> Detail:
                texts = [t() for v, t in sides if v is None]
                return (
                    "; ".join(t[0] for t in texts),
                    tuple(m for t in texts for m in t[1]),
                    tuple(r for t in texts for r in t[2]),
                )

            return (UNKNOWN, unknown)
        truth = _TRUTH[compare(a, node.op, b)]

        def compared() -> Detail:
            (left, _, read_a), (right, _, read_b) = a_text(), b_text()
            verb = _OP_WORDS[node.op] if truth is MET else f"not {_OP_WORDS[node.op]}"
            return f"{left} is {verb} {right}", (), (*read_a, *read_b)

        return (truth, compared)

    def _side(self, c: Concept, window: Window | None) -> tuple[float | None, Callable[[], Detail]]:
        """One side of a :class:`Versus`: the value in the concept's own unit, and its text
        (or why it is unknown)."""
        value, unit, _, detail = self.value_of(c, window)
        if value is None:
            return None, lambda: _unknown(c, detail())
        if isinstance(value, str):
            return None, lambda: _not_a_number(c, detail())
        to = c.unit or ""
        try:
            v = convert_analyte(c.id, value, unit or "1", to or "1", c.molar_mass)
        except UnitError as e:
            return None, _incomparable(c, detail, str(e))

        def text() -> Detail:
            desc, missing, read = detail()
            shown = desc if _same_unit(unit, to) else f"{desc} = {_qty(v, to)}"
            return shown, missing, read

        return v, text

    def range(self, node: Range) -> Step:
        c = self.concepts.get(node.concept) or self.vocab[node.concept]
        return self._either(c, node.window, lambda got: self._range(node, c, got))

    def _range(self, node: Range, c: Concept, got: Reading) -> Step:
        value, unit, _, detail = got
        if value is None:
            return (UNKNOWN, lambda: _unknown(c, detail()))
        if isinstance(value, str):
            return (UNKNOWN, lambda: _not_a_number(c, detail()))
        low, high = node.low, node.high
        try:
            lo = self._convert(value, unit, low.unit, c)
            hi = self._convert(value, unit, high.unit, c)
        except UnitError as e:
            return (UNKNOWN, _incomparable(c, detail, str(e)))
        ok = compare(lo, ">=" if node.low_inclusive else ">", low.value) and compare(
            hi, "<=" if node.high_inclusive else "<", high.value
        )

        def ranged() -> Detail:
            desc, _, read = detail()
            shown = desc if _same_unit(unit, low.unit) else f"{desc} = {_qty(lo, low.unit)}"
            if node.low_inclusive and node.high_inclusive:
                span = f"{number(low.value)}–{_qty(high.value, high.unit)}"
                return f"{shown} is {'within' if ok else 'outside'} {span}", (), read
            lo_op = "≥" if node.low_inclusive else ">"
            hi_op = "≤" if node.high_inclusive else "<"
            span = f"{lo_op} {_qty(low.value, low.unit)} and {hi_op} {_qty(high.value, high.unit)}"
            return f"{shown} {'is ' if ok else 'is not '}{span}", (), read

        return (_TRUTH[ok], ranged)

    # -- mentions -----------------------------------------------------------------
    def _current(self, i: Item) -> bool:
        return is_current(i, self.as_of)

    def mention(self, node: Mention) -> Step:
        c = self.concepts.get(node.concept) or self.vocab[node.concept]
        if c.kind == "fact":
            if node.window is not None or node.lasting is not None:
                undatable = _window_text(node.window) if node.window else ""
                if node.lasting is not None:
                    undatable += f" ({lasting_text(node.lasting)})"
                return (
                    UNKNOWN,
                    lambda: (
                        f"{c.label}: a recorded fact has no date, so the "
                        f"time{undatable} cannot be checked",
                        (f"{c.label} with its date",),
                        (f"facts.{c.id}",),
                    ),
                )
            return self.fact(c)
        sex = self.rec.sex
        if c.sex is not None and sex in ("female", "male") and sex != c.sex:
            return (
                NOT_MET,
                lambda: (f"{c.label}: not applicable (patient is {sex})", (), ("sex",)),
            )
        as_of = self.as_of
        items = [i for i in self.view.items(c.id) if i.start is None or i.start <= as_of]
        if node.excluding:
            items, aside = self._set_aside(items, node.excluding)
            truth, detail = self._items_mention(node, c, items)
            return truth, lambda: _with_aside(detail(), aside, self._excepted(node))
        return self._items_mention(node, c, items)

    def _set_aside(
        self, items: list[Item], excluding: tuple[str, ...]
    ) -> tuple[list[Item], list[Item]]:
        """``items`` split into those that count and those set aside: record entries that
        mean one of the ``excluding`` concepts (whatever else they mean)."""
        view = self.view
        excluded = {i.source for cid in excluding for i in view.items(cid)}
        kept = [i for i in items if i.source not in excluded]
        return kept, [i for i in items if i.source in excluded]

    def _excepted(self, node: Mention) -> str:
        vocab = self.vocab
        return " or ".join((self.concepts.get(cid) or vocab[cid]).label for cid in node.excluding)

    def _items_mention(self, node: Mention, c: Concept, items: list[Item]) -> Step:
        """:meth:`mention` of an item concept over its ``items`` (started by the screening
        date; for ``excluding``, those not set aside)."""
        as_of = self.as_of
        section = _SECTIONS.get(c.kind, "conditions")
        window = node.window
        since = None if window is None else self.since(window)
        if not items:  # nothing on record: decided by the section's completeness alone
            return self._none(c, None, items, section, since, node.qualifier)
        present = [i for i in items if i.status != "absent"]
        # ruling out a narrower diagnosis (HIV) does not rule out the broader one (retroviral)
        absent = [i for i in items if i.status == "absent" and i.direct]
        if since is not None:
            hits, undetermined, outside = [], [], []
            for i in present:
                end = i.end if i.end is not None else (as_of if self._current(i) else i.start)
                if end is None:
                    undetermined.append(i)
                elif end >= since:
                    hits.append(i)
                else:
                    outside.append(i)
            if node.lasting is not None:
                before = (
                    max(outside, key=lambda i: i.end or i.start or date.min) if outside else None
                )
                return self._lasting(
                    node.lasting,
                    c,
                    items,
                    absent,
                    hits,
                    undetermined,
                    since,
                    (before, "is before the window") if before else None,
                )
            if hits:
                first = hits[0]
                return (
                    MET,
                    lambda: (
                        f"{_item_text(first)} is within the window ({_since(since)})",
                        (),
                        _sources(items),
                    ),
                )
            if undetermined:
                first = undetermined[0]
                return (
                    UNKNOWN,
                    lambda: (
                        f"{_item_text(first)} has no dates to place it in the window "
                        f"({_since(since)})",
                        (f"dates of {c.label}",),
                        _sources(items),
                    ),
                )
            # an item before the window says nothing about another one inside it (open world)
            seen = None
            if outside:
                last = max(outside, key=lambda i: i.end or i.start or date.min)
                seen = (last, "is before the window")
            return self._none(c, absent[0] if absent else None, items, section, since, "", seen)
        if node.qualifier == "history":
            if node.lasting is not None:
                return self._lasting(node.lasting, c, items, absent, present, [], None)
            if present:
                first = present[0]
                return (
                    MET,
                    lambda: (f"history of {c.label}: {_item_text(first)}", (), _sources(items)),
                )
            return self._none(c, absent[0] if absent else None, items, section, None, "history")
        current = [i for i in present if self._current(i)]
        unsure = [i for i in present if i.status == "unknown" and (i.end is None or i.end >= as_of)]
        if node.lasting is not None:
            ended = [i for i in present if i not in current]
            return self._lasting(
                node.lasting,
                c,
                items,
                absent,
                current,
                [
                    i for i in unsure if i not in current
                ],  # a medication of unknown status is current
                None,
                (ended[-1], "is not current") if ended else None,
            )
        if current:
            first = current[0]
            return (MET, lambda: (f"{_item_text(first)} is current", (), _sources(items)))
        if unsure:
            first = unsure[0]
            return (
                UNKNOWN,
                lambda: (
                    f"{_item_text(first)} is on record without a clinical status",
                    (f"clinical status of {c.label}",),
                    _sources(items),
                ),
            )
        # a resolved or stopped item says nothing about another, current one (open world)
        seen = (present[-1], "is not current") if present else None
        return self._none(c, absent[0] if absent else None, items, section, None, "", seen)

    def _lasting(
        self,
        lasting: Duration,
        c: Concept,
        items: list[Item],
        absent: list[Item],
        candidates: list[Item],
        undetermined: list[Item],
        since: date | None,
        seen: tuple[Item, str] | None = None,
    ) -> Step:
        """A mention with a duration: the ``candidates`` (current, ever, or in the window) that
        lasted ``lasting`` decide it; one whose span has no start or end date is unknown; one
        that lasted otherwise decides nothing of another (open world).  ``undetermined`` items
        (no status, or no date to place in the window) leave it unknown.  ``seen``: an item
        that does not count (not current, before the window), named when none lasted."""
        as_of = self.as_of
        said = lasting_text(lasting)
        short: list[tuple[Item, date, date]] = []
        undated: list[Item] = []
        found: tuple[Item, date, date] | None = None
        for i in candidates:
            start, end = span_of(i, as_of, since)
            if start is None or end is None:
                undated.append(i)
            elif _lasted(start, end, lasting):
                found = (i, start, end)
                break
            else:
                short.append((i, start, end))
        if found is not None:
            hit, begun, ended = found
            return (
                MET,
                lambda: (
                    f"{_item_text(hit)} lasted {_span_text(begun, ended)}: {said}",
                    (),
                    _sources(items),
                ),
            )
        if undated:
            first = undated[0]
            return (
                UNKNOWN,
                lambda: (
                    f"{_item_text(first)} has no {_needed(first, as_of)} to tell whether it "
                    f"lasted {said}",
                    (f"{_needed(first, as_of)} of {c.label}",),
                    _sources(items),
                ),
            )
        if undetermined:
            other = undetermined[0]
            need = "dates" if since is not None else "clinical status"
            place = f" ({_since(since)})" if since is not None else ""
            return (
                UNKNOWN,
                lambda: (
                    f"{_item_text(other)} has no {need} to decide {c.label}{place}",
                    (f"{need} of {c.label}",),
                    _sources(items),
                ),
            )
        if short:
            i, start, end = short[0]
            seen = (i, f"lasted {_span_text(start, end)}, not {said}")
        section = _SECTIONS.get(c.kind, "conditions")
        return self._none(c, absent[0] if absent else None, items, section, since, "", seen)

    def _none(
        self,
        c: Concept,
        absent: Item | None,
        items: list[Item],
        section: str,
        since: date | None,
        qualifier: str,
        seen: tuple[Item, str] | None = None,
    ) -> Step:
        """Nothing qualifying: false if ruled out or the section is complete, else unknown.

        ``seen`` is an item on record that does not qualify (resolved, before the window):
        it is named in the explanation but decides nothing (open world)."""

        def said() -> str:
            return f"{_item_text(seen[0])} {seen[1]}; " if seen else ""

        other = "other " if seen else ""
        if absent is not None:
            source = absent.source
            return (
                NOT_MET,
                lambda: (f"{said()}{c.label} recorded absent ({source})", (), _sources(items)),
            )

        def when() -> str:
            if since is not None:
                return f" {_since(since)}"
            return " ever" if qualifier == "history" else ""

        if section in self.rec.complete:
            return (
                NOT_MET,
                lambda: (
                    f"{said()}no {other}{c.label} on record{when()}; {section} declared complete",
                    (),
                    _sources(items),
                ),
            )
        return (
            UNKNOWN,
            lambda: (
                f"{said()}no {other}{c.label} on record{when()} (record not declared complete)",
                (c.label,),
                _sources(items),
            ),
        )

    def fact(self, c: Concept) -> Step:
        raw = self.rec.facts.get(c.id)
        if raw is None:
            return (UNKNOWN, _fixed(f"{c.label}: not recorded", (c.label,), ()))
        read = (f"facts.{c.id}",)
        if not isinstance(raw, bool):
            return (
                UNKNOWN,
                lambda: (f"{c.label}: recorded as {raw!r}, not yes/no", (c.label,), read),
            )
        return (_TRUTH[raw], lambda: (f"{c.label}: {'yes' if raw else 'no'}", (), read))


def convert_value(
    c: Concept, born: date | None, as_of: date, value: float, unit: str, to: str
) -> float:
    """``value`` (in ``unit``) of concept ``c`` in unit ``to``, for comparing with a threshold.

    Ages are completed calendar units (70.5 years is 70 years old; months from the birth date
    when there is one); times convert by calendar factors; analytes by their own rules.
    """
    if c.id == "age":
        if born is not None and to == "mo":
            return float(scores.age_months(born, as_of))
        return float(math.floor(convert(value, unit or "a", to or "a") + 1e-9))
    return value_converter(c.id, c.molar_mass, unit, to)(value)


_TIMES = ("a", "mo", "wk", "d", "h")


@functools.lru_cache(maxsize=4096)
def value_converter(
    concept_id: str, molar_mass: float | None, unit: str, to: str
) -> Callable[[float], float]:
    """:func:`convert_value` for any concept but age, as a function of the value: times by
    calendar factors, analytes by their own rules.  Raises ``UnitError`` as it does."""
    if to in _TIMES and unit in _TIMES:
        return converter(unit or "a", to or "a")
    return analyte_converter(concept_id, unit or "1", to or "1", molar_mass)


def is_current(i: Item, as_of: date) -> bool:
    """Active on the screening date (status unknown counts only for medications)."""
    allowed = ("active", "unknown") if i.kind == "medication" else ("active",)
    if i.status not in allowed:
        return False
    if i.start is not None and i.start > as_of:
        return False
    return i.end is None or i.end >= as_of


_SECTIONS = {"condition": "conditions", "procedure": "procedures", "medication": "medications"}
_PENDING = Result(UNKNOWN, "")  # a node's slot in the trace while its children are visited

_VISIT: dict[type, Callable[[_Evaluator, Any], Step]] = {
    AllOf: _Evaluator.all_of,
    AnyOf: _Evaluator.any_of,
    Not: _Evaluator.negate,
    Comparison: _Evaluator.comparison,
    Range: _Evaluator.range,
    Versus: _Evaluator.versus,
    Mention: _Evaluator.mention,
    Unparsed: _Evaluator.unparsed,
}


def span_of(i: Item, as_of: date, since: date | None = None) -> tuple[date | None, date | None]:
    """The (start, end) a record item lasted over, for a :class:`Duration` (see
    :class:`~eligo.nodes.Mention`); ``None`` where the record does not tell.

    A procedure has one date, no length (end ``None``).  A condition or medication current on
    ``as_of``: to ``as_of``; an ended one: to its end date, no later than ``as_of``.  In a
    window starting ``since``, the span starts no earlier than ``since``.
    """
    if i.kind == "procedure":
        end: date | None = None
    elif is_current(i, as_of):
        end = as_of
    else:
        end = i.end if i.end is None or i.end <= as_of else as_of
    start = i.start
    if start is not None and since is not None and start < since:
        start = since
    return start, end


def lasted(i: Item, lasting: Duration, as_of: date, since: date | None = None) -> bool | None:
    """Whether item ``i`` lasted ``lasting`` (``None``: its span has no start or no end)."""
    start, end = span_of(i, as_of, since)
    if start is None or end is None:
        return None
    return _lasted(start, end, lasting)


def duration_cutoff(end: date, lasting: Duration) -> date:
    """``end`` moved back by the duration (calendar arithmetic; before the calendar: its
    first day, so no recorded span reaches it)."""
    try:
        return scores.add_calendar(end, -int(lasting.amount), lasting.unit)
    except (ValueError, OverflowError):
        return date.min


def _lasted(start: date, end: date, lasting: Duration) -> bool:
    """The span from ``start`` to ``end`` against the duration: lasted at least N means the
    start is on or before the end moved back by N."""
    cutoff = duration_cutoff(end, lasting)
    op = lasting.op
    if op == ">=":
        return start <= cutoff
    if op == ">":
        return start < cutoff
    if op == "<=":
        return start >= cutoff
    return start > cutoff


def lasting_text(lasting: Duration) -> str:
    """ "≥ 6 months"."""
    return (
        f"{_OP_WORDS[lasting.op]} {number(lasting.amount)}{unit_text(lasting.amount, lasting.unit)}"
    )


def _span_text(start: date, end: date) -> str:
    return f"{start.isoformat()} to {end.isoformat()}"


def _needed(i: Item, as_of: date) -> str:
    """What a duration needs that item ``i`` lacks: its start, or its end."""
    start, _ = span_of(i, as_of)
    if start is None:
        return "onset date" if i.kind == "condition" else "start date"
    if i.kind == "procedure":
        return "end date (a procedure record has one date)"
    return "abatement date" if i.kind == "condition" else "end date"


def _window_start(window: Window, as_of: date) -> date:
    amount = int(min(window.amount, 100_000))
    if window.unit == "h":
        return as_of  # hours: the screening day itself
    try:
        return scores.add_calendar(as_of, -amount, window.unit)
    except (ValueError, OverflowError):
        return date.min  # a window reaching past the calendar covers all history


def _since(since: date) -> str:
    return f"since {since.isoformat()}"


def _with_aside(detail: Detail, aside: list[Item], excepted: str) -> Detail:
    """A mention's text with what "except …" set aside: the concepts, and the items."""
    said, missing, read = detail
    if aside:
        shown = ", ".join(_item_text(i) for i in aside)
        said += f" (except {excepted}: {shown} set aside)"
    else:
        said += f" (except {excepted}: none on record)"
    return said, missing, read + tuple(i.source for i in aside if i.source not in read)


def _sources(items: list[Item]) -> tuple[str, ...]:
    return tuple(i.source for i in items)


def _unknown(c: Concept, detail: Detail) -> Detail:
    said, missing, read = detail  # said: what is known, e.g. "prednisone (ended …) is not current"
    return f"{said}; " * bool(said) + _unknown_text(c, missing), missing, read


def _not_a_number(c: Concept, detail: Detail) -> Detail:
    desc, _, read = detail
    return f"{desc}: not a number", (f"numeric {c.label}",), read


def _incomparable(c: Concept, detail: Callable[[], Detail], why: str) -> Callable[[], Detail]:
    def text() -> Detail:
        desc, _, read = detail()
        return f"{desc}: {why}", (f"{c.label} in a comparable unit",), read

    return text


def _no_limit(c: Concept, detail: Callable[[], Detail], which: str) -> Callable[[], Detail]:
    def text() -> Detail:
        desc, _, read = detail()
        return f"{desc}: no {which} limit of normal known", (f"{c.label} reference range",), read

    return text


def _from_derived(c: Concept, d: Derived) -> Reading:
    if d.value is None:
        return None, "", None, lambda: ("", tuple(d.missing), _sources_of(d))
    value = d.value if isinstance(d.value, str) else float(d.value)

    def computed() -> Detail:
        inputs = ", ".join(i.text() for i in d.inputs)
        notes = "; ".join(n for n in d.notes if n)
        shown = value if isinstance(value, str) else _qty(value, d.unit)
        desc = f"{c.label} {shown} (computed from {inputs}{'; ' + notes if notes else ''})"
        return desc, (), _sources_of(d)

    return value, d.unit, None, computed


def _sources_of(d: Derived) -> tuple[str, ...]:
    return tuple(i.source for i in d.inputs)


def _window_text(w: Window) -> str:
    return f" (within {number(w.amount)}{unit_text(w.amount, w.unit)})"


def _unknown_text(c: Concept, missing: tuple[str, ...]) -> str:
    """ "no INR on record" / "MELD score unknown: needs INR (for MELD score)"."""
    if len(missing) == 1 and missing[0].startswith(c.label):
        return f"no {missing[0]} on record"
    return f"{c.label} unknown: needs {'; '.join(missing)}"


def compare_text(a: str, op: str, b: str, order: tuple[str, ...] = ()) -> bool | None:
    """Categorical comparison, case-insensitive; <, <=, >, >= follow ``order`` (the concept's
    categories, listed mildest first: NYHA I..IV), and are undecidable (None) outside it.

    >>> compare_text("III", ">=", "II", ("I", "II", "III", "IV")), compare_text("b", "=", "B")
    (True, True)
    """
    x, y = a.strip().lower(), b.strip().lower()
    if op in ("=", "!="):
        return (x == y) if op == "=" else (x != y)
    ranks = [o.lower() for o in order]
    if x not in ranks or y not in ranks:
        return None
    return compare(float(ranks.index(x)), op, float(ranks.index(y)))


def _same_unit(a: str, b: str) -> bool:
    return (a or "1") == (b or "1")


@functools.cache
def _unit_name(unit: str) -> str:
    return unit or "no unit"


def _item_text(i: Item) -> str:
    dates = ""
    if i.start and i.end and i.end != i.start:
        dates = f" {i.start.isoformat()} to {i.end.isoformat()}"
    elif i.start:
        dates = f" since {i.start.isoformat()}" if i.kind != "procedure" else f" on {i.start}"
    return f"{i.name} ({i.status}{dates})"


def _combined(truth: Truth, steps: list[Step], conj: bool) -> Detail:
    kids = [(t, detail()) for t, detail in steps]
    decisive = Truth.NOT_MET if conj else Truth.MET
    if truth is decisive:
        chosen = [d for t, d in kids if t is decisive]
    elif truth is Truth.UNKNOWN:
        chosen = [d for t, d in kids if t is Truth.UNKNOWN]
    else:
        chosen = [d for _, d in kids]
    missing: list[str] = []
    if truth is Truth.UNKNOWN:
        for _, needs, _ in chosen:
            missing.extend(m for m in needs if m not in missing)
    read: list[str] = []
    for _, (_, _, sources) in kids:
        read.extend(r for r in sources if r not in read)
    joiner = "; and " if conj else "; or "
    texts = list(dict.fromkeys(text for text, _, _ in chosen))  # one record item, named once
    return joiner.join(texts), tuple(missing), tuple(read)
