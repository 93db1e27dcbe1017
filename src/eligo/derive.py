"""Derived values: scores computed from the record when it does not state them.

Evaluation-stage helper.  Each deriver gathers its inputs from the record (latest value on or
before the screening date, converted to the unit the formula needs), calls the pure formula in
:mod:`eligo.scores`, and returns the value together with every input it used, so the
explanation can show them ("MELD 24 from creatinine 1.9 mg/dL (2026-11-20), …").  When an
input is missing the result names what is missing instead; nothing is imputed.

Child-Pugh needs ascites and encephalopathy grades that records seldom hold as numbers.  They
are read from grade observations when present, else bounded by conditions (ascites on record
means grade ≥ 1; ascites recorded absent, or conditions declared complete without it, means
none).  The class is then computed for every grade still possible and is definite only when
all possibilities give the same class.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from . import scores
from .errors import UnitError
from .nodes import fast_init
from .render import number
from .units import convert, convert_analyte

if TYPE_CHECKING:
    from .lookup import RecordView


@fast_init
@dataclass(frozen=True)
class Input:
    """One value a derivation read."""

    label: str
    value: float | str
    unit: str
    date: date | None
    source: str

    def text(self) -> str:
        from .render import number

        value = self.value
        v = number(value) if isinstance(value, float) and math.isfinite(value) else str(value)
        u = f" {self.unit}" if self.unit not in ("", "1") else ""
        d = f" ({self.date.isoformat()})" if self.date else ""
        return f"{self.label} {v}{u}{d}"


@fast_init
@dataclass(frozen=True)
class Derived:
    """A derived value with its inputs, or ``value is None`` with what is missing."""

    value: float | str | None
    unit: str = ""
    inputs: tuple[Input, ...] = ()
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    # when ``value`` is None for want of one yes/no input, the value under each answer
    # (("without dialysis", 29.0), ("with dialysis", 39.0)): a criterion both satisfy is decided
    alternatives: tuple[tuple[str, float], ...] = ()


class _Gather:
    """Collect inputs in fixed units; remember what was missing."""

    def __init__(self, view: RecordView, as_of: date) -> None:
        self.view = view
        self.as_of = as_of
        self.inputs: list[Input] = []
        self.missing: list[str] = []

    def lab(self, concept_id: str, unit: str) -> float | None:
        vocab = self.view.vocab
        c = vocab.concepts.get(concept_id) or vocab[concept_id]
        obs = self.view.latest(concept_id, self.as_of)
        raw = None if obs is None else obs.value
        if not isinstance(raw, int | float) or isinstance(raw, bool):
            self.missing.append(c.label)
            return None
        assert obs is not None
        given = float(raw)
        src_unit = obs.unit if obs.unit is not None else (c.unit or "")
        try:
            value = convert_analyte(c.id, given, src_unit or "1", unit or "1", c.molar_mass)
        except UnitError:
            self.missing.append(f"{c.label} in a unit convertible to {unit}")
            return None
        self.inputs.append(Input(c.label, given, src_unit, obs.date, obs.source))
        return value

    def female(self) -> bool | None:
        sex = self.view.record.sex
        if sex in ("female", "male"):
            return sex == "female"
        self.missing.append("sex")
        return None

    def age(self) -> float | None:
        rec = self.view.record
        if rec.birth_date is not None and rec.birth_date <= self.as_of:
            return float(scores.age_years(rec.birth_date, self.as_of))
        if rec.age is not None:
            value, unit = rec.age
            return value if unit == "a" else convert(value, unit, "a")
        self.missing.append("age or birth date")
        return None

    def result(
        self, value: float | str | None, unit: str = "", notes: tuple[str, ...] = ()
    ) -> Derived:
        if self.missing:
            return Derived(None, unit, tuple(self.inputs), tuple(self.missing), notes)
        return Derived(value, unit, tuple(self.inputs), (), notes)


def _dialysis(view: RecordView, as_of: date) -> tuple[bool | None, str]:
    """Dialysis in the prior week (MELD's rule): True, False, or None when the record is silent.

    Yes from a dialysis procedure in the prior week or a current dialysis status; no from a
    record of dialysis as absent, or a procedures section declared complete (open world).
    """
    items = view.items("dialysis")
    for item in items:
        if item.status == "absent":
            continue
        start = item.start
        if item.kind == "condition" and item.status == "active":
            return True, f"on dialysis ({item.name})"
        if start is not None and 0 <= (as_of - start).days <= 7:
            return True, f"dialysis on {start.isoformat()}"
    if any(i.status == "absent" and i.direct for i in items):
        return False, "dialysis recorded absent"
    if "procedures" in view.record.complete:
        return False, "no dialysis in the prior week on record (procedures declared complete)"
    return None, "dialysis in the prior week not recorded"


def _meld_family(name: str) -> Callable[[RecordView, date], Derived]:
    def score(cr: float, bili: float, inr: float, na: float | None, alb: float | None,
              female: bool | None, dialysis: bool) -> float:  # fmt: skip
        if name == "meld":
            return float(scores.meld(cr, bili, inr, dialysis=dialysis))
        assert na is not None
        if name == "meld_na":
            return float(scores.meld_na(cr, bili, inr, na, dialysis=dialysis))
        assert alb is not None and female is not None
        return float(scores.meld3(cr, bili, inr, na, alb, female, dialysis=dialysis))

    def derive(view: RecordView, as_of: date) -> Derived:
        g = _Gather(view, as_of)
        cr = g.lab("creatinine", "mg/dL")
        bili = g.lab("bilirubin", "mg/dL")
        inr = g.lab("inr", "1")
        na = g.lab("sodium", "mmol/L") if name in ("meld_na", "meld3") else None
        alb = g.lab("albumin", "g/dL") if name == "meld3" else None
        female = g.female() if name == "meld3" else None
        if g.missing:
            return g.result(None)
        dialysis, note = _dialysis(view, as_of)
        assert cr is not None and bili is not None and inr is not None
        try:
            if dialysis is not None:
                return g.result(score(cr, bili, inr, na, alb, female, dialysis), "", (note,))
            # unrecorded dialysis decides nothing only when it would not change the score
            without = score(cr, bili, inr, na, alb, female, False)
            with_ = score(cr, bili, inr, na, alb, female, True)
        except ValueError as e:
            return Derived(None, "", tuple(g.inputs), (str(e),))
        cap = 3 if name == "meld3" else 4
        if without == with_:
            return g.result(without, "", (f"{note}; it would not change the score",))
        return Derived(
            None,
            "",
            tuple(g.inputs),
            (
                f"dialysis in the prior week (score {number(without)} without it, "
                f"{number(with_)} with it)",
            ),
            alternatives=(
                ("without dialysis", without),
                (f"with dialysis (creatinine counted as {cap} mg/dL)", with_),
            ),
        )

    return derive


def _grade_range(
    view: RecordView, as_of: date, grade_concept: str, condition: str, top: int
) -> tuple[range, str, str | None]:
    """(grades still possible, a note for the explanation, why a recorded grade was set aside).

    A recorded grade that is not one of 0..``top`` (a cohort table can hold anything) is set
    aside, and the score cannot be computed: the third element names it, as missing data.
    """
    obs = view.latest(grade_concept, as_of)
    if obs is not None and isinstance(obs.value, int | float) and not isinstance(obs.value, bool):
        label = view.vocab[grade_concept].label
        if not math.isfinite(obs.value) or not 0 <= int(obs.value) <= top:
            problem = f"{obs.value:g} is not a plausible {label}; accepted range 0–{top}"
            return range(0), "", f"{label} (the record's value was set aside: {problem})"
        g = int(obs.value)
        when = f" ({obs.date.isoformat()})" if obs.date else ""
        return range(g, g + 1), f"{label} {g}{when}", None
    items = [i for i in view.items(condition) if i.status != "absent"]
    label = view.vocab[condition].label
    current = [i for i in items if i.status == "active" and (i.end is None or i.end > as_of)]
    if current:
        return range(1, top + 1), f"{label} on record ({current[0].name}), grade not recorded", None
    absent = any(i.status == "absent" for i in view.items(condition))
    if absent or "conditions" in view.record.complete:
        return range(0, 1), f"no current {label}", None
    if items:  # resolved: says nothing about a current episode (open world)
        return range(0, top + 1), f"{label} on record but not current ({items[-1].name})", None
    return range(0, top + 1), f"{label} not recorded", None


def _child_pugh(view: RecordView, as_of: date, want: str) -> Derived:
    g = _Gather(view, as_of)
    bili = g.lab("bilirubin", "mg/dL")
    alb = g.lab("albumin", "g/dL")
    inr = g.lab("inr", "1")
    if g.missing:
        return g.result(None)
    assert bili is not None and alb is not None and inr is not None
    asc, asc_note, asc_problem = _grade_range(view, as_of, "ascites_grade", "ascites", 3)
    he, he_note, he_problem = _grade_range(
        view, as_of, "west_haven_grade", "hepatic_encephalopathy", 4
    )
    problems = tuple(p for p in (asc_problem, he_problem) if p)
    if problems:
        return Derived(None, "", tuple(g.inputs), problems)
    try:
        points = sorted({scores.child_pugh_points(bili, alb, inr, a, e) for a in asc for e in he})
    except ValueError as e:  # a lab value no formula accepts (bilirubin 0)
        return Derived(None, "", tuple(g.inputs), (str(e),))
    classes = sorted({scores.child_pugh_class(p) for p in points})
    notes = (asc_note, he_note)
    if want == "points":
        if len(points) == 1:
            return g.result(float(points[0]), "", notes)
        return Derived(
            None,
            "",
            tuple(g.inputs),
            (f"ascites and encephalopathy grades (points could be {points[0]}–{points[-1]})",),
            notes,
        )
    if len(classes) == 1:
        return g.result(classes[0], "", notes)
    return Derived(
        None,
        "",
        tuple(g.inputs),
        (f"ascites and encephalopathy grades (class could be {' or '.join(classes)})",),
        notes,
    )


def _pf(view: RecordView, as_of: date) -> Derived:
    g = _Gather(view, as_of)
    pao2 = g.lab("pao2", "mm[Hg]")
    fio2 = g.lab("fio2", "1")
    if g.missing:
        return g.result(None)
    assert pao2 is not None and fio2 is not None
    try:
        return g.result(scores.pf_ratio(pao2, fio2))
    except ValueError as e:
        return Derived(None, "", tuple(g.inputs), (str(e),))


def _egfr(view: RecordView, as_of: date) -> Derived:
    g = _Gather(view, as_of)
    cr = g.lab("creatinine", "mg/dL")
    age = g.age()
    female = g.female()
    if g.missing:
        return g.result(None)
    assert cr is not None and age is not None and female is not None
    try:
        value = scores.egfr_ckd_epi_2021(cr, age, female)
    except ValueError as e:
        return Derived(None, "", tuple(g.inputs), (str(e),))
    g.inputs.append(Input("age", age, "a", None, "birth_date"))
    return g.result(value, "mL/min/{1.73_m2}", ("CKD-EPI 2021 (race-free)",))


def _crcl(view: RecordView, as_of: date) -> Derived:
    g = _Gather(view, as_of)
    cr = g.lab("creatinine", "mg/dL")
    weight = g.lab("body_weight", "kg")
    age = g.age()
    female = g.female()
    if g.missing:
        return g.result(None)
    assert cr is not None and weight is not None and age is not None and female is not None
    try:
        value = scores.crcl_cockcroft_gault(age, weight, cr, female)
    except ValueError as e:
        return Derived(None, "", tuple(g.inputs), (str(e),))
    g.inputs.append(Input("age", age, "a", None, "birth_date"))
    return g.result(value, "mL/min", ("Cockcroft-Gault, actual body weight",))


def _bmi(view: RecordView, as_of: date) -> Derived:
    g = _Gather(view, as_of)
    weight = g.lab("body_weight", "kg")
    height = g.lab("body_height", "m")
    if g.missing:
        return g.result(None)
    assert weight is not None and height is not None
    try:
        return g.result(scores.bmi(weight, height), "kg/m2")
    except ValueError as e:
        return Derived(None, "", tuple(g.inputs), (str(e),))


def _abic(view: RecordView, as_of: date) -> Derived:
    g = _Gather(view, as_of)
    age = g.age()
    bili = g.lab("bilirubin", "mg/dL")
    cr = g.lab("creatinine", "mg/dL")
    inr = g.lab("inr", "1")
    if g.missing:
        return g.result(None)
    assert age is not None and bili is not None and cr is not None and inr is not None
    g.inputs.append(Input("age", age, "a", None, "birth_date"))
    try:
        return g.result(scores.abic(age, bili, cr, inr))
    except ValueError as e:
        return Derived(None, "", tuple(g.inputs), (str(e),))


def _maddrey(view: RecordView, as_of: date) -> Derived:
    g = _Gather(view, as_of)
    pt = g.lab("prothrombin_time", "s")
    control = (
        g.lab("prothrombin_time_control", "s") if "prothrombin_time_control" in view.vocab else None
    )
    if control is None and "prothrombin_time_control" not in view.vocab:
        g.missing.append("control prothrombin time")
    bili = g.lab("bilirubin", "mg/dL")
    if g.missing:
        return g.result(None)
    assert pt is not None and control is not None and bili is not None
    try:
        return g.result(scores.maddrey_df(pt, control, bili))
    except ValueError as e:
        return Derived(None, "", tuple(g.inputs), (str(e),))


DERIVERS: dict[str, Callable[[RecordView, date], Derived]] = {
    "creatinine_clearance": _crcl,
    "bmi": _bmi,
    "abic": _abic,
    "maddrey_df": _maddrey,
    "meld": _meld_family("meld"),
    "meld_na": _meld_family("meld_na"),
    "meld3": _meld_family("meld3"),
    "child_pugh_points": lambda v, d: _child_pugh(v, d, "points"),
    "child_pugh_class": lambda v, d: _child_pugh(v, d, "class"),
    "pf_ratio": _pf,
    "egfr": _egfr,
}


# The concepts each deriver lists record items of (``view.items``): a trial's screening
# matches them in its one pass over the record (eligo.fast).  Only a hint for speed: an
# item list not matched ahead is found when asked for.
ITEMS_READ: dict[str, tuple[str, ...]] = {
    "meld": ("dialysis",),
    "meld_na": ("dialysis",),
    "meld3": ("dialysis",),
    "child_pugh_points": ("ascites", "hepatic_encephalopathy"),
    "child_pugh_class": ("ascites", "hepatic_encephalopathy"),
}


def derive(name: str, view: RecordView, as_of: date) -> Derived:
    """Compute derived value ``name`` (a key of :data:`DERIVERS`) for a record.

    Computed once per record view and date, and shared by every criterion that reads it.
    """
    key = (name, as_of)
    found = view.derived.get(key)
    if found is None:
        found = view.derived[key] = DERIVERS[name](view, as_of)
    return found
