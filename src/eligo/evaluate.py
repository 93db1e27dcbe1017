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
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

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
    Mention,
    Node,
    Not,
    Quantity,
    Range,
    RefMultiple,
    Unparsed,
    Window,
)
from .render import number, unit_text
from .units import convert, convert_analyte

# (value, unit, description, missing, read, reference high) of a measurable concept
_Value = tuple[float | str | None, str, str, tuple[str, ...], tuple[str, ...], float | None]


@dataclass(frozen=True)
class Result:
    """One node's evaluation."""

    truth: Truth
    explanation: str
    missing: tuple[str, ...] = ()
    read: tuple[str, ...] = ()


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
    ev = _Evaluator(view, as_of)
    ev.visit(node)
    order = sorted(ev.out, key=lambda kv: kv[0])
    return Trace(tuple(n for _, n, _ in order), tuple(r for _, _, r in order))


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
    return number(_tidy(value)) + unit_text(value, unit)


def _tidy(x: float) -> float:
    return float(f"{x:.6g}")


def _date(d: date | None) -> str:
    return f" ({d.isoformat()})" if d else " (undated)"


class _Evaluator:
    def __init__(self, view: RecordView, as_of: date) -> None:
        self.view = view
        self.vocab = view.vocab
        self.as_of = as_of
        self.rec = view.record
        self.counter = 0
        self.out: list[tuple[int, Node, Result]] = []

    def visit(self, node: Node) -> Result:
        idx = self.counter
        self.counter += 1
        result = self._dispatch(node)
        self.out.append((idx, node, result))
        return result

    def _dispatch(self, node: Node) -> Result:
        if isinstance(node, AllOf | AnyOf):
            kids = [self.visit(c) for c in node.children]
            truth = (
                k_and(k.truth for k in kids)
                if isinstance(node, AllOf)
                else k_or(k.truth for k in kids)
            )
            return _combine(truth, kids, isinstance(node, AllOf))
        if isinstance(node, Not):
            kid = self.visit(node.child)
            return Result(
                k_not(kid.truth),
                kid.explanation,
                kid.missing,
                kid.read,
            )
        if isinstance(node, Comparison):
            return self.comparison(node)
        if isinstance(node, Range):
            return self.range(node)
        if isinstance(node, Mention):
            return self.mention(node)
        if isinstance(node, Unparsed):
            return Result(
                Truth.UNKNOWN,
                f"not understood: \u201c{node.text}\u201d",
                (f"manual review of \u201c{node.text}\u201d",),
            )
        raise TypeError(type(node).__name__)  # pragma: no cover

    # -- values -----------------------------------------------------------------
    def since(self, window: Window | None) -> date | None:
        if window is None:
            return None
        amount = int(min(window.amount, 100_000))
        if window.unit == "h":
            return self.as_of  # hours: the screening day itself
        try:
            return scores.add_calendar(self.as_of, -amount, window.unit)
        except (ValueError, OverflowError):
            return date.min  # a window reaching past the calendar covers all history

    def value_of(
        self, c: Concept, window: Window | None
    ) -> tuple[float | str | None, str, str, tuple[str, ...], tuple[str, ...], float | None]:
        """(value, unit, description, missing, read, reference_high) for a measurable concept."""
        if c.id == "age":
            return self.age()
        if c.id == "sex":
            sex = self.rec.sex
            if sex in (None, "unknown"):
                return None, "", "", ("sex",), (), None
            return sex, "", f"sex {sex}", (), ("sex",), None
        if c.kind == "fact":
            raw = self.rec.facts.get(c.id)
            if raw is None:
                return None, "", "", (c.label,), (), None
            if isinstance(raw, dict):
                v, u = float(raw["value"]), str(raw.get("unit") or c.unit or "")
            elif isinstance(raw, tuple | list):
                v, u = float(raw[0]), str(raw[1] or c.unit or "")
            elif isinstance(raw, bool):
                return None, "", "", (f"{c.label} as a quantity",), (f"facts.{c.id}",), None
            else:
                v, u = float(raw), c.unit or ""
            return v, u, f"{c.label} {_qty(v, u)}", (), (f"facts.{c.id}",), None
        if c.kind == "medication":
            return self.dose(c)
        since = self.since(window)
        obs = self.view.latest(c.id, self.as_of, since)
        if obs is not None:
            unit = obs.unit if obs.unit is not None else ""
            if isinstance(obs.value, bool):
                return None, "", "", (c.label,), (obs.source,), None
            if isinstance(obs.value, int | float):
                if obs.unit is None and c.unit not in (None, "1"):
                    return (None, "", "", (f"{c.label} with a unit",), (obs.source,), None)
                desc = f"{c.label} {_qty(float(obs.value), unit)}{_date(obs.date)}"
                return float(obs.value), unit, desc, (), (obs.source,), obs.reference_high
            desc = f"{c.label} {obs.value}{_date(obs.date)}"
            return str(obs.value), "", desc, (), (obs.source,), None
        if c.derived and c.derived in DERIVERS:
            d = derive(c.derived, self.view, self.as_of)
            return _from_derived(c, d)
        where = (
            f" in the last {number(window.amount)}{unit_text(window.amount, window.unit)}"
            if window
            else ""
        )
        flagged = [o for o in self.view.observations(c.id, self.as_of) if o.problem]
        if flagged:
            o = flagged[-1]
            return (
                None,
                "",
                "",
                (f"{c.label} (the record's value was set aside: {o.problem})",),
                (o.source,),
                None,
            )
        dates = [o.date for o in self.view.observations(c.id, date.max) if o.date is not None]
        if dates and not where and min(dates) > self.as_of:
            return (
                None,
                "",
                "",
                (
                    f"{c.label} on or before {self.as_of.isoformat()} (the only "
                    f"one is dated {min(dates).isoformat()}, after it)",
                ),
                (),
                None,
            )
        return None, "", "", (c.label + where,), (), None

    def age(self) -> tuple[float | None, str, str, tuple[str, ...], tuple[str, ...], None]:
        rec = self.rec
        if rec.birth_date is not None:
            if rec.birth_date > self.as_of:
                return (
                    None,
                    "",
                    "",
                    ("a birth date before the screening date",),
                    ("birth_date",),
                    None,
                )
            years = scores.age_years(rec.birth_date, self.as_of)
            return (
                float(years),
                "a",
                f"age {years} years (born {rec.birth_date.isoformat()})",
                (),
                ("birth_date",),
                None,
            )
        if rec.age is not None:
            v, u = rec.age
            return v, u, f"age {_qty(v, u)} (as recorded)", (), ("age",), None
        return None, "", "", ("age or birth date",), (), None

    def dose(
        self, c: Concept
    ) -> tuple[float | None, str, str, tuple[str, ...], tuple[str, ...], None]:
        current = [i for i in self.view.items(c.id) if i.kind == "medication" and self._current(i)]
        dosed = [i for i in current if getattr(i.item, "dose_value", None) is not None]
        if dosed:
            med = dosed[-1].item
            v, u = float(med.dose_value), med.dose_unit or ""  # type: ignore[union-attr, arg-type]
            return (
                v,
                u,
                f"{c.label} {_qty(v, u)}{_date(dosed[-1].start)}",
                (),
                (dosed[-1].source,),
                None,
            )
        if current:
            return None, "", "", (f"{c.label} dose",), tuple(i.source for i in current), None
        mine = [
            i
            for i in self.view.items(c.id)
            if i.kind == "medication" and (i.start is None or i.start <= self.as_of)
        ]
        read = tuple(i.source for i in mine)
        absent = [i for i in mine if i.status == "absent" and i.direct]
        if absent:
            return (
                0.0,
                c.unit or "",
                f"no current {c.label}: recorded as not taken ({absent[0].source})",
                (),
                read,
                None,
            )
        # a stopped course says nothing about another, current one (open world)
        past = [i for i in mine if i.status != "absent"]
        seen = ""
        if past:
            last = past[-1]
            ended = f"ended {last.end.isoformat()}" if last.end else last.status
            seen = f"{last.name} ({ended}) is not current"
        if "medications" in self.rec.complete:
            return (
                0.0,
                c.unit or "",
                f"{seen + '; ' if seen else ''}no {'other ' if seen else ''}{c.label} on record "
                "(medications declared complete)",
                (),
                read,
                None,
            )
        return None, "", seen, (f"{c.label} (whether given, and dose)",), read, None

    # -- comparisons --------------------------------------------------------------
    def comparison(self, node: Comparison) -> Result:
        c = self.vocab[node.concept]
        return self._either(c, node.window, lambda v: self._comparison(node, c, v))

    def _either(
        self, c: Concept, window: Window | None, judge: Callable[[_Value], Result]
    ) -> Result:
        """Judge the concept's value; a derived value open on one yes/no input (MELD without
        a dialysis record) is judged under each answer and decided when both agree."""
        got = self.value_of(c, window)
        if got[0] is not None or not c.derived or c.derived not in DERIVERS:
            return judge(got)
        d = derive(c.derived, self.view, self.as_of)
        if not d.alternatives:
            return judge(got)
        results = [
            (label, judge(_from_derived(c, replace(d, value=v, missing=(), alternatives=()))))
            for label, v in d.alternatives
        ]
        truths = {r.truth for _, r in results}
        if len(truths) == 1 and Truth.UNKNOWN not in truths:
            either = "; ".join(f"{label}, {r.explanation}" for label, r in results)
            open_on = "; ".join(d.missing)
            return Result(
                results[0][1].truth, f"{open_on} not recorded, but either way: {either}", (), got[4]
            )
        return judge(got)

    def _comparison(self, node: Comparison, c: Concept, got: _Value) -> Result:
        value, unit, desc, missing, read, ref_high = got
        if value is None:
            said = f"{desc}; " if desc else ""
            return Result(Truth.UNKNOWN, said + _unknown_text(c, missing), missing, read)
        target = node.value
        if isinstance(target, Category):
            decided = compare_text(str(value), node.op, target.value, c.categories)
            if decided is None:
                return Result(
                    Truth.UNKNOWN,
                    f"{desc}: not one of {', '.join(c.categories)}",
                    (f"{c.label} as one of {', '.join(c.categories)}",),
                    read,
                )
            truth = Truth(decided)
            if node.op in ("=", "!="):
                same = compare_text(str(value), "=", target.value)
                return Result(
                    truth, f"{desc}: {'is' if same else 'is not'} {target.value}", (), read
                )
            verb = _OP_WORDS[node.op] if decided else f"not {_OP_WORDS[node.op]}"
            return Result(truth, f"{desc} is {verb} {target.value}", (), read)
        if isinstance(value, str):
            return Result(Truth.UNKNOWN, f"{desc}: not a number", (f"numeric {c.label}",), read)
        if isinstance(target, RefMultiple):
            return self._ref_multiple(node, c, value, unit, desc, read, ref_high)
        assert isinstance(target, Quantity)
        try:
            v = self._convert(value, unit, target.unit, c)
        except UnitError as e:
            return Result(Truth.UNKNOWN, f"{desc}: {e}", (f"{c.label} in a comparable unit",), read)
        truth = Truth(compare(v, node.op, target.value))
        shown = desc if _same_unit(unit, target.unit) else f"{desc} = {_qty(v, target.unit)}"
        assumed = (
            f" (unit {_unit_name(target.unit)} assumed: the criterion gives a bare number)"
            if target.assumed
            else ""
        )
        verb = _OP_WORDS[node.op] if truth is Truth.MET else f"not {_OP_WORDS[node.op]}"
        return Result(
            truth, f"{shown} is {verb} {_qty(target.value, target.unit)}{assumed}", (), read
        )

    def _convert(self, value: float, unit: str, to: str, c: Concept) -> float:
        if c.id == "age":
            # ages are completed calendar units: 70.5 years is 70 years old
            if self.rec.birth_date is not None and to == "mo":
                return float(scores.age_months(self.rec.birth_date, self.as_of))
            return float(math.floor(convert(value, unit or "a", to or "a") + 1e-9))
        if to in ("a", "mo", "wk", "d", "h") and unit in ("a", "mo", "wk", "d", "h"):
            return convert(value, unit or "a", to or "a")
        return convert_analyte(c.id, value, unit or "1", to or "1", c.molar_mass)

    def _ref_multiple(
        self,
        node: Comparison,
        c: Concept,
        value: float,
        unit: str,
        desc: str,
        read: tuple[str, ...],
        ref_high: float | None,
    ) -> Result:
        assert isinstance(node.value, RefMultiple)
        if node.value.limit == "ULN":
            if ref_high is not None:
                limit, limit_unit, whose = ref_high, unit, "the lab's reference range"
            elif c.reference is not None:
                limit, limit_unit, whose = c.reference[1], c.unit or "", "eligo's default range"
            else:
                return Result(
                    Truth.UNKNOWN,
                    f"{desc}: no upper limit of normal known",
                    (f"{c.label} reference range",),
                    read,
                )
        else:
            if c.reference is None:
                return Result(
                    Truth.UNKNOWN,
                    f"{desc}: no lower limit of normal known",
                    (f"{c.label} reference range",),
                    read,
                )
            limit, limit_unit, whose = c.reference[0], c.unit or "", "eligo's default range"
        try:
            v = convert_analyte(c.id, value, unit or "1", limit_unit or "1", c.molar_mass)
        except UnitError as e:
            return Result(Truth.UNKNOWN, f"{desc}: {e}", (f"{c.label} in a comparable unit",), read)
        threshold = node.value.value * limit
        truth = Truth(compare(v, node.op, threshold))
        verb = _OP_WORDS[node.op] if truth is Truth.MET else f"not {_OP_WORDS[node.op]}"
        return Result(
            truth,
            f"{desc} is {verb} {number(node.value.value)} × {node.value.limit} "
            f"= {_qty(threshold, limit_unit)} ({node.value.limit} "
            f"{_qty(limit, limit_unit)} from {whose})",
            (),
            read,
        )

    def range(self, node: Range) -> Result:
        c = self.vocab[node.concept]
        return self._either(c, node.window, lambda v: self._range(node, c, v))

    def _range(self, node: Range, c: Concept, got: _Value) -> Result:
        value, unit, desc, missing, read, _ = got
        if value is None:
            return Result(Truth.UNKNOWN, _unknown_text(c, missing), missing, read)
        if isinstance(value, str):
            return Result(Truth.UNKNOWN, f"{desc}: not a number", (f"numeric {c.label}",), read)
        try:
            lo = self._convert(value, unit, node.low.unit, c)
            hi = self._convert(value, unit, node.high.unit, c)
        except UnitError as e:
            return Result(Truth.UNKNOWN, f"{desc}: {e}", (f"{c.label} in a comparable unit",), read)
        ok = compare(lo, ">=" if node.low_inclusive else ">", node.low.value) and compare(
            hi, "<=" if node.high_inclusive else "<", node.high.value
        )
        if node.low_inclusive and node.high_inclusive:
            span = f"{number(node.low.value)}–{_qty(node.high.value, node.high.unit)}"
        else:
            lo_op = "≥" if node.low_inclusive else ">"
            hi_op = "≤" if node.high_inclusive else "<"
            span = (
                f"{lo_op} {_qty(node.low.value, node.low.unit)} and "
                f"{hi_op} {_qty(node.high.value, node.high.unit)}"
            )
            ok_word = "is " if ok else "is not "
            shown = (
                desc if _same_unit(unit, node.low.unit) else f"{desc} = {_qty(lo, node.low.unit)}"
            )
            return Result(Truth(ok), f"{shown} {ok_word}{span}", (), read)
        shown = desc if _same_unit(unit, node.low.unit) else f"{desc} = {_qty(lo, node.low.unit)}"
        return Result(Truth(ok), f"{shown} is {'within' if ok else 'outside'} {span}", (), read)

    # -- mentions -----------------------------------------------------------------
    def _current(self, i: Item) -> bool:
        """Active on the screening date (status unknown counts only for medications)."""
        allowed = ("active", "unknown") if i.kind == "medication" else ("active",)
        if i.status not in allowed:
            return False
        if i.start is not None and i.start > self.as_of:
            return False
        return i.end is None or i.end >= self.as_of

    def mention(self, node: Mention) -> Result:
        c = self.vocab[node.concept]
        if c.kind == "fact":
            if node.window is not None:
                return Result(
                    Truth.UNKNOWN,
                    f"{c.label}: a recorded fact has no date, so the "
                    f"time window{_window_text(node.window)} cannot be checked",
                    (f"{c.label} with its date",),
                    (f"facts.{c.id}",),
                )
            return self.fact(c)
        if c.sex is not None and self.rec.sex in ("female", "male") and self.rec.sex != c.sex:
            return Result(
                Truth.NOT_MET,
                f"{c.label}: not applicable (patient is {self.rec.sex})",
                (),
                ("sex",),
            )
        items = [i for i in self.view.items(c.id) if i.start is None or i.start <= self.as_of]
        present = [i for i in items if i.status != "absent"]
        # ruling out a narrower diagnosis (HIV) does not rule out the broader one (retroviral)
        absent = [i for i in items if i.status == "absent" and i.direct]
        read = tuple(i.source for i in items)
        section = {
            "condition": "conditions",
            "procedure": "procedures",
            "medication": "medications",
        }.get(c.kind, "conditions")
        if node.window is not None:
            since = self.since(node.window)
            assert since is not None
            hits, undetermined, outside = [], [], []
            for i in present:
                end = i.end if i.end is not None else (self.as_of if self._current(i) else i.start)
                if end is None:
                    undetermined.append(i)
                elif end >= since:
                    hits.append(i)
                else:
                    outside.append(i)
            span = f"since {since.isoformat()}"
            if hits:
                return Result(
                    Truth.MET, f"{_item_text(hits[0])} is within the window ({span})", (), read
                )
            if undetermined:
                return Result(
                    Truth.UNKNOWN,
                    f"{_item_text(undetermined[0])} has no dates to place "
                    f"it in the window ({span})",
                    (f"dates of {c.label}",),
                    read,
                )
            # an item before the window says nothing about another one inside it (open world)
            seen = ""
            if outside:
                last = max(outside, key=lambda i: i.end or i.start or date.min)
                seen = f"{_item_text(last)} is before the window; "
            return self._none(c, absent, read, section, f" {span}", seen)
        if node.qualifier == "history":
            if present:
                return Result(
                    Truth.MET, f"history of {c.label}: {_item_text(present[0])}", (), read
                )
            return self._none(c, absent, read, section, " ever")
        current = [i for i in present if self._current(i)]
        if current:
            return Result(Truth.MET, f"{_item_text(current[0])} is current", (), read)
        unsure = [
            i for i in present if i.status == "unknown" and (i.end is None or i.end >= self.as_of)
        ]
        if unsure:
            return Result(
                Truth.UNKNOWN,
                f"{_item_text(unsure[0])} is on record without a clinical status",
                (f"clinical status of {c.label}",),
                read,
            )
        # a resolved or stopped item says nothing about another, current one (open world)
        seen = f"{_item_text(present[-1])} is not current; " if present else ""
        return self._none(c, absent, read, section, "", seen)

    def _none(
        self,
        c: Concept,
        absent: list[Item],
        read: tuple[str, ...],
        section: str,
        when: str,
        seen: str = "",
    ) -> Result:
        """No qualifying item: false only when ruled out or the section is complete."""
        other = "other " if seen else ""
        if absent:
            return Result(
                Truth.NOT_MET, f"{seen}{c.label} recorded absent ({absent[0].source})", (), read
            )
        if section in self.rec.complete:
            return Result(
                Truth.NOT_MET,
                f"{seen}no {other}{c.label} on record{when}; {section} declared complete",
                (),
                read,
            )
        return Result(
            Truth.UNKNOWN,
            f"{seen}no {other}{c.label} on record{when} (record not declared complete)",
            (c.label,),
            read,
        )

    def fact(self, c: Concept) -> Result:
        raw = self.rec.facts.get(c.id)
        if raw is None:
            return Result(Truth.UNKNOWN, f"{c.label}: not recorded", (c.label,))
        if not isinstance(raw, bool):
            return Result(
                Truth.UNKNOWN,
                f"{c.label}: recorded as {raw!r}, not yes/no",
                (c.label,),
                (f"facts.{c.id}",),
            )
        return Result(Truth(raw), f"{c.label}: {'yes' if raw else 'no'}", (), (f"facts.{c.id}",))


def _from_derived(
    c: Concept, d: Derived
) -> tuple[float | str | None, str, str, tuple[str, ...], tuple[str, ...], None]:
    read = tuple(i.source for i in d.inputs)
    if d.value is None:
        return None, "", "", tuple(d.missing), read, None
    inputs = ", ".join(i.text() for i in d.inputs)
    notes = "; ".join(n for n in d.notes if n)
    value = d.value if isinstance(d.value, str) else float(d.value)
    shown = value if isinstance(value, str) else _qty(value, d.unit)
    desc = f"{c.label} {shown} (computed from {inputs}{'; ' + notes if notes else ''})"
    return value, d.unit, desc, (), read, None


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


def _combine(truth: Truth, kids: list[Result], conj: bool) -> Result:
    decisive = Truth.NOT_MET if conj else Truth.MET
    if truth is decisive:
        chosen = [k for k in kids if k.truth is decisive]
    elif truth is Truth.UNKNOWN:
        chosen = [k for k in kids if k.truth is Truth.UNKNOWN]
    else:
        chosen = kids
    missing: list[str] = []
    if truth is Truth.UNKNOWN:
        for k in chosen:
            missing.extend(m for m in k.missing if m not in missing)
    read: list[str] = []
    for k in kids:
        read.extend(r for r in k.read if r not in read)
    joiner = "; and " if conj else "; or "
    texts = list(dict.fromkeys(k.explanation for k in chosen))  # one record item, named once
    return Result(truth, joiner.join(texts), tuple(missing), tuple(read))
