"""Hypothesis strategies: patient records and canonical rule trees built from the vocabulary.

Shared by the property tests and the fuzzers (``from strategies import ...``; pytest puts
``tests/`` on ``sys.path`` because the folder is not a package).

Patients are drawn as :class:`PatientDraw` values — labs with their value in the concept's
canonical unit, plus the unit to write them in — so one draw can be written out in several
units (unit invariance) or with items deleted (information monotonicity).  Everything is
derived from the live vocabulary (codes, canonical units, plausible ranges), so the strategies
follow it as it grows.

Records are *consistent* by construction, because the properties only promise anything for
consistent data:

* at most one observation per concept, and no stated value of a derived score (MELD,
  Child-Pugh, P/F, eGFR) beside the labs it is derived from unless asked for;
* no two conditions, medications or procedures that mean the same concept, or one a part of
  the other (an active and a resolved cirrhosis contradict each other, and deleting one
  legitimately changes the answer); two different diseases under one broad concept (HCC and
  a breast cancer, both "cancer") are allowed;
* no pregnancy or lactation in a male record;
* dialysis (which MELD reads) only when asked for: see ``test_meld_dialysis_is_open_world``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from hypothesis import strategies as st

from eligo.concepts import Concept, comparable, narrower, vocabulary
from eligo.lookup import RecordView
from eligo.nodes import (
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
from eligo.patient import ATC, ICD10CM, LOINC, RXNORM, SNOMED, normalize_code
from eligo.record import Condition, Medication, Procedure, Record
from eligo.units import TABLE_UNITS, compatible, convert

AS_OF = date(2026, 11, 27)
"""The screening date every property uses."""

# ------------------------------------------------------------------------------ labs

ALTERNATE_UNITS: Mapping[str, tuple[str, ...]] = {
    "platelets": ("10*9/L", "/uL", "10*3/uL"),
    "inr": ("1",),
    "creatinine": ("mg/dL", "umol/L"),
    "bilirubin": ("mg/dL", "umol/L"),
    "albumin": ("g/dL", "g/L"),
    "sodium": ("mmol/L", "meq/L"),
    "pao2": ("mm[Hg]", "kPa"),
    "fio2": ("1", "%"),
}
"""Units each lab may be written in (the first is the canonical one)."""

# Thresholds the shipped trials use, in canonical units: values exactly on them are drawn
# often, since a unit conversion that lands a hair off a threshold flips a comparison.
THRESHOLDS: Mapping[str, tuple[float, ...]] = {
    "platelets": (20.0, 80.0, 100.0),
    "inr": (1.5, 1.6, 4.0),
    "creatinine": (1.0, 1.5, 1.6, 2.0),
    "bilirubin": (1.0, 2.0, 3.0),
    "albumin": (2.8, 3.5),
    "sodium": (125.0, 137.0),
    "pao2": (60.0, 75.0, 150.0),
    "fio2": (0.21, 0.5),
}


def lab_concepts() -> tuple[Concept, ...]:
    voc = vocabulary()
    return tuple(voc[c] for c in ALTERNATE_UNITS if c in voc)


@dataclass(frozen=True)
class LabDraw:
    """One lab: its value in the concept's canonical unit and the unit it is written in."""

    concept: str
    value: float
    unit: str
    day: date | None
    by_code: bool = True

    def item(self) -> dict[str, Any]:
        c = vocabulary()[self.concept]
        written = convert(self.value, c.unit or "1", self.unit, c.molar_mass)
        out: dict[str, Any] = {"value": written, "unit": self.unit}
        if self.by_code and c.loinc:
            out |= {"code": c.loinc[0], "system": LOINC}
        else:
            out["name"] = c.id
        if self.day is not None:
            out["date"] = self.day.isoformat()
        return out


def _value(c: Concept) -> st.SearchStrategy[float]:
    assert c.plausible is not None
    lo, hi = c.plausible
    # 1% inside the plausible range: a value written in another unit must still pass the
    # reader's plausibility check after its round trip through floating point.
    lo, hi = lo + (hi - lo) * 0.01, hi - (hi - lo) * 0.01
    near = [t for t in THRESHOLDS.get(c.id, ()) if lo <= t <= hi]
    draws: list[st.SearchStrategy[float]] = [
        st.floats(lo, hi, allow_nan=False, allow_infinity=False)
    ]
    if near:
        draws.append(st.sampled_from(near))
        draws.append(st.sampled_from(near).map(lambda t: round(t * 1.05, 3)))
    return st.one_of(*draws)


def days(start: date, end: date) -> st.SearchStrategy[date]:
    return st.integers(0, (end - start).days).map(lambda n: start + timedelta(days=n))


RECENT = days(AS_OF - timedelta(days=730), AS_OF)
ANY_DAY = days(date(1990, 1, 1), AS_OF + timedelta(days=30))


@st.composite
def lab_draws(draw: st.DrawFn, concept: Concept) -> LabDraw:
    units = ALTERNATE_UNITS[concept.id]
    return LabDraw(
        concept.id,
        draw(_value(concept)),
        units[0],
        draw(st.none() | RECENT),
        draw(st.booleans()),
    )


# ------------------------------------------------------------------------------ coded items


@dataclass(frozen=True)
class Coded:
    """A code (or a bare name) and the concepts a record item carrying it would mean."""

    section: str  # conditions | medications | procedures
    code: str | None
    system: str | None
    name: str
    concepts: frozenset[str]


def _matches(items: list[Coded]) -> list[frozenset[str]]:
    """Every vocabulary concept each item is read as (one record holding them all, so the
    record index and its name patterns are built once)."""
    conditions, medications, procedures = [], [], []
    for i, x in enumerate(items):
        src = str(i)
        if x.section == "conditions":
            conditions.append(Condition(x.code, x.system, x.name, "active", None, None, src))
        elif x.section == "medications":
            medications.append(Medication(x.code, x.system, x.name, "active", None, None, src))
        else:
            procedures.append(Procedure(x.code, x.system, x.name, "completed", None, src))
    record = Record(
        "m",
        conditions=tuple(conditions),
        medications=tuple(medications),
        procedures=tuple(procedures),
    )
    view = RecordView(record)
    found: list[set[str]] = [set() for _ in items]
    for c in vocabulary():
        if c.kind in _CODED:
            for item in view.items(c.id):
                found[int(item.source)].add(c.id)
    return [frozenset(f) for f in found]


_CODED = ("condition", "medication", "procedure")
_SECTION = {"condition": "conditions", "medication": "medications", "procedure": "procedures"}


@cache
def coded_items() -> tuple[Coded, ...]:
    """Real codes (and plain names) for every coded concept of the vocabulary."""
    out: dict[tuple[str, str | None, str | None, str], Coded] = {}
    for c in vocabulary():
        if c.kind not in _CODED:
            continue
        sections = [_SECTION[c.kind]]
        if c.kind == "procedure" and c.icd10:
            sections.append("conditions")  # "dependence on dialysis" is a Z-code diagnosis
        for section in sections:
            if section == "medications":
                systems: tuple[tuple[str, tuple[str, ...]], ...] = (
                    (ATC, c.atc),
                    (RXNORM, c.rxnorm),
                )
            elif section == "procedures":
                systems = ((SNOMED, c.snomed),)
            else:
                systems = ((ICD10CM, c.icd10), (SNOMED, c.snomed))
            for system, codes in systems:
                for raw in codes[:2]:
                    code = normalize_code(system, raw)
                    if code is not None:
                        key = (section, code, system, c.label)
                        out[key] = Coded(section, code, system, c.label, frozenset())
            out[(section, None, None, c.label)] = Coded(section, None, None, c.label, frozenset())
    drafts = list(out.values())
    items = [
        dataclasses.replace(x, concepts=m) for x, m in zip(drafts, _matches(drafts), strict=True)
    ]
    return tuple(x for x in items if x.concepts)


SEX_SPECIFIC = frozenset(c.id for c in vocabulary() if c.sex is not None)
DIALYSIS = frozenset({"dialysis"})

CONDITION_STATUS = ("active", "resolved", "inactive", "absent", "unknown", None)
MEDICATION_STATUS = ("active", "completed", "stopped", "on-hold", "not-taken", "unknown", None)
PROCEDURE_STATUS = ("completed", "in-progress", "not-done", None)


@st.composite
def coded_item(draw: st.DrawFn, coded: Coded) -> dict[str, Any]:
    item: dict[str, Any] = {"name": coded.name}
    if coded.code is not None:
        item |= {"code": coded.code, "system": coded.system}
    start = draw(st.none() | ANY_DAY)
    if coded.section == "conditions":
        status = draw(st.sampled_from(CONDITION_STATUS))
        if status is not None:
            item["status"] = status
        if start is not None:
            item["onset"] = start.isoformat()
        if status in ("resolved", None) and start is not None and draw(st.booleans()):
            item["abatement"] = (start + timedelta(days=draw(st.integers(0, 900)))).isoformat()
    elif coded.section == "medications":
        status = draw(st.sampled_from(MEDICATION_STATUS))
        if status is not None:
            item["status"] = status
        if start is not None:
            item["start"] = start.isoformat()
            if draw(st.booleans()):
                item["end"] = (start + timedelta(days=draw(st.integers(0, 400)))).isoformat()
        if "norepinephrine" in coded.concepts and draw(st.booleans()):
            dose = draw(st.sampled_from([0.05, 0.2, 0.5, 0.8, 1.5]))
            item["dose"] = {"value": dose, "unit": "ug/kg/min"}
    else:
        status = draw(st.sampled_from(PROCEDURE_STATUS))
        if status is not None:
            item["status"] = status
        if start is not None:
            item["date"] = start.isoformat()
    return item


# ------------------------------------------------------------------------------ patients


@dataclass(frozen=True)
class PatientDraw:
    """A generated patient; :meth:`to_json` writes it in eligo's JSON form."""

    id: str
    birth_date: date | None
    age: float | None
    sex: str | None
    labs: tuple[LabDraw, ...]
    scores: tuple[dict[str, Any], ...]
    conditions: tuple[dict[str, Any], ...]
    medications: tuple[dict[str, Any], ...]
    procedures: tuple[dict[str, Any], ...]
    facts: Mapping[str, Any] = field(default_factory=dict)
    complete: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.birth_date is not None:
            out["birth_date"] = self.birth_date.isoformat()
        if self.age is not None:
            out["age"] = {"value": self.age, "unit": "a"}
        if self.sex is not None:
            out["sex"] = self.sex
        out["observations"] = [lab.item() for lab in self.labs] + list(self.scores)
        out["conditions"] = list(self.conditions)
        out["medications"] = list(self.medications)
        out["procedures"] = list(self.procedures)
        if self.facts:
            out["facts"] = dict(self.facts)
        if self.complete:
            out["complete"] = list(self.complete)
        return out

    def in_units(self, units: tuple[str, ...]) -> PatientDraw:
        """The same patient with lab ``i`` written in ``units[i]``."""
        labs = tuple(
            dataclasses.replace(lab, unit=u) for lab, u in zip(self.labs, units, strict=True)
        )
        return dataclasses.replace(self, labs=labs)

    def deletions(self) -> list[tuple[str, PatientDraw]]:
        """Every single-item deletion: ``(what was deleted, the smaller patient)``."""
        out: list[tuple[str, PatientDraw]] = []
        rep = dataclasses.replace
        for i, lab in enumerate(self.labs):
            out.append((f"lab {lab.concept}", rep(self, labs=_drop(self.labs, i))))
        for i, s in enumerate(self.scores):
            out.append((f"observation {s.get('name')}", rep(self, scores=_drop(self.scores, i))))
        for name in ("conditions", "medications", "procedures"):
            items = getattr(self, name)
            for i, item in enumerate(items):
                out.append(
                    (f"{name}[{i}] {item.get('name')}", rep(self, **{name: _drop(items, i)}))
                )
        for key in self.facts:
            facts = {k: v for k, v in self.facts.items() if k != key}
            out.append((f"fact {key}", rep(self, facts=facts)))
        if self.birth_date is not None:
            out.append(("birth_date", rep(self, birth_date=None)))
        if self.age is not None:
            out.append(("age", rep(self, age=None)))
        if self.sex is not None:
            out.append(("sex", rep(self, sex=None)))
        return out


def _drop(items: tuple[Any, ...], i: int) -> tuple[Any, ...]:
    return items[:i] + items[i + 1 :]


def _distinct(chosen: list[Coded]) -> list[Coded]:
    """Drop items that mean the same as, or a part of, an item already chosen.

    Alcoholic cirrhosis (K70.3) and biliary cirrhosis (K74.3) both mean exactly
    ``{cirrhosis}``: one active and one resolved contradict each other.  Hepatocellular
    carcinoma (``{hcc, liver_tumour, cancer}``) and an extrahepatic malignancy
    (``{extrahepatic_malignancy, cancer}``) share only the broad ``cancer``: they are two
    diseases, and both may be on record with different statuses.
    """
    out: list[Coded] = []
    for c in chosen:
        if any(c.concepts <= o.concepts or o.concepts <= c.concepts for o in out):
            continue
        out.append(c)
    return out


STATED_SCORES: tuple[Callable[[], st.SearchStrategy[dict[str, Any]]], ...] = (
    lambda: st.sampled_from(["A", "B", "C"]).map(
        lambda v: {"name": "child_pugh_class", "value": v}
    ),
    lambda: st.integers(6, 40).map(lambda v: {"name": "meld", "value": v, "unit": "1"}),
    lambda: st.integers(0, 3).map(lambda v: {"name": "ascites_grade", "value": v, "unit": "1"}),
)


@st.composite
def patients(
    draw: st.DrawFn,
    *,
    facts: bool = True,
    complete: bool = False,
    age: bool = True,
    stated_scores: bool = False,
    dialysis: bool = False,
) -> PatientDraw:
    """A consistent patient (see the module docstring).

    Args:
        facts: Draw ``facts`` (consent, willingness, life expectancy, ...).
        complete: Draw a ``complete`` declaration (closed-world sections).
        age: Allow ``age`` instead of ``birth_date`` (it has no FHIR home).
        stated_scores: Also draw stated Child-Pugh class, MELD and ascites grade.
        dialysis: Allow dialysis items (MELD reads them; see the module docstring).
    """
    sex = draw(st.sampled_from(["female", "male", "other", "unknown", None]))
    born: date | None = None
    years: float | None = None
    how = draw(st.sampled_from(["birth_date", "age", "none"] if age else ["birth_date", "none"]))
    if how == "birth_date":
        born = draw(days(date(1930, 1, 1), date(2012, 12, 31)))
    elif how == "age":
        years = float(draw(st.integers(1, 100)))
    labs = [draw(lab_draws(c)) for c in lab_concepts() if draw(st.booleans())]
    scores: list[dict[str, Any]] = []
    if stated_scores:
        for make in STATED_SCORES:
            if draw(st.booleans()):
                score = draw(make())
                if draw(st.booleans()):
                    score["date"] = draw(RECENT).isoformat()
                scores.append(score)
    pool = [
        c
        for c in coded_items()
        if (dialysis or not c.concepts & DIALYSIS)
        and not (sex == "male" and c.concepts & SEX_SPECIFIC)
    ]
    chosen = _distinct(draw(st.lists(st.sampled_from(pool), max_size=6)))
    items = {s: [draw(coded_item(c)) for c in chosen if c.section == s] for s in _SECTION.values()}
    drawn_facts: dict[str, Any] = {}
    if facts:
        for c in vocabulary():
            if c.kind != "fact" or not draw(st.booleans()):
                continue
            if c.fact_type == "boolean":
                drawn_facts[c.id] = draw(st.booleans())
            elif c.fact_type == "quantity" and c.unit:
                lo, hi = c.plausible or (0.0, 24.0)
                value = draw(st.integers(math.ceil(lo), math.floor(hi)))
                drawn_facts[c.id] = {"value": value, "unit": c.unit}
            elif c.fact_type == "category" and c.categories:
                drawn_facts[c.id] = draw(st.sampled_from(c.categories))
    sections: tuple[str, ...] = ()
    if complete:
        sections = tuple(
            draw(
                st.lists(st.sampled_from(["conditions", "medications", "procedures"]), unique=True)
            )
        )
    return PatientDraw(
        id=draw(st.from_regex(r"P[0-9]{1,4}", fullmatch=True)),
        birth_date=born,
        age=years,
        sex=sex,
        labs=tuple(labs),
        scores=tuple(scores),
        conditions=tuple(items["conditions"]),
        medications=tuple(items["medications"]),
        procedures=tuple(items["procedures"]),
        facts=drawn_facts,
        complete=sections,
    )


def unit_variants(p: PatientDraw) -> st.SearchStrategy[PatientDraw]:
    """The same patient with each lab written in a unit drawn from its alternates."""
    choices = [st.sampled_from(ALTERNATE_UNITS[lab.concept]) for lab in p.labs]
    return st.tuples(*choices).map(p.in_units)


# ------------------------------------------------------------------------------ rules

TIME_UNITS = ("h", "d", "wk", "mo", "a")


def _units_for(c: Concept) -> tuple[str, ...]:
    """Units a canonical rule may give a threshold of ``c`` in ("" for a pure number)."""
    if c.unit is None:
        return ()
    if c.unit == "1":
        return ("",)
    return tuple(
        u for u in TABLE_UNITS if u not in ("1", "K") and compatible(u, c.unit, c.molar_mass)
    )


@cache
def rule_concepts() -> tuple[tuple[Concept, ...], tuple[Concept, ...], tuple[Concept, ...]]:
    """(numeric concepts, categorical concepts, mentionable concepts) of the vocabulary."""
    voc = list(vocabulary())
    numeric = tuple(c for c in voc if c.numeric and not c.categories and _units_for(c))
    categorical = tuple(c for c in voc if c.categories)
    mentionable = tuple(c for c in voc if not c.numeric and not c.categories)
    return numeric, categorical, mentionable


# Clinically shaped numbers: integers and short decimals (the canonical language prints
# numbers exactly; ``test_number_text_is_exact`` checks arbitrary floats on their own).
NUMBERS = st.one_of(
    st.integers(0, 1_000_000).map(float),
    st.decimals(min_value=0, max_value=10_000, places=3, allow_nan=False).map(float),
    st.integers(-100, -1).map(float),
)
POSITIVE = st.one_of(st.integers(1, 400).map(float), st.sampled_from([0.5, 1.5, 2.5]))
OPS = st.sampled_from(["<", "<=", ">", ">=", "=", "!="])
WINDOWS = st.none() | st.builds(Window, POSITIVE, st.sampled_from(TIME_UNITS))
DURATIONS = st.none() | st.builds(
    Duration,
    st.sampled_from(["<", "<=", ">", ">="]),
    st.integers(1, 400).map(float),
    st.sampled_from(["d", "wk", "mo", "a"]),
)


@st.composite
def quantities(draw: st.DrawFn, c: Concept) -> Quantity:
    return Quantity(draw(NUMBERS), draw(st.sampled_from(_units_for(c))))


@st.composite
def comparisons(draw: st.DrawFn) -> Node:
    numeric, categorical, _ = rule_concepts()
    if categorical and draw(st.integers(0, 4)) == 0:
        c = draw(st.sampled_from(categorical))
        value: Any = Category(draw(st.sampled_from(c.categories)))
    else:
        c = draw(st.sampled_from(numeric))
        if c.kind == "analyte" and draw(st.integers(0, 4)) == 0:
            value = RefMultiple(draw(POSITIVE), draw(st.sampled_from(["ULN", "LLN"])))
        else:
            value = draw(quantities(c))
    return Comparison(c.id, draw(OPS), value, draw(WINDOWS))


@st.composite
def ranges(draw: st.DrawFn) -> Node:
    numeric, _, _ = rule_concepts()
    c = draw(st.sampled_from(numeric))
    return Range(
        c.id,
        draw(quantities(c)),
        draw(quantities(c)),
        draw(st.booleans()),
        draw(st.booleans()),
        draw(WINDOWS),
    )


@st.composite
def mentions(draw: st.DrawFn) -> Node:
    _, _, mentionable = rule_concepts()
    c = draw(st.sampled_from(mentionable))
    lasting = None if c.kind == "fact" else draw(DURATIONS)  # a fact has no dates to last over
    kinds = narrower_concepts().get(c.id, ())
    excluding: tuple[str, ...] = ()
    if kinds:
        excluding = tuple(draw(st.lists(st.sampled_from(kinds), max_size=2, unique=True)))
    return Mention(
        c.id, draw(st.sampled_from(["current", "history"])), draw(WINDOWS), lasting, excluding
    )


@cache
def narrower_concepts() -> dict[str, tuple[str, ...]]:
    """The concepts "X except (…)" may set aside, by X (:func:`eligo.concepts.narrower`)."""
    voc = vocabulary()
    items = [c.id for c in voc if c.kind in ("condition", "procedure")]
    found = {x: tuple(y for y in items if narrower(voc, x, y)) for x in items}
    return {x: ys for x, ys in found.items() if ys}


def comparable_pairs() -> tuple[tuple[str, str], ...]:
    """Pairs of measures a :class:`Versus` may compare ("ast", "alt")."""
    labs = [c for c in vocabulary() if c.kind == "analyte"]
    return tuple((a.id, b.id) for a in labs for b in labs if comparable(a, b))


@st.composite
def versus(draw: st.DrawFn) -> Node:
    left, right = draw(st.sampled_from(comparable_pairs()))
    return Versus(left, draw(OPS), right, draw(WINDOWS))


UNPARSED = st.builds(Unparsed, st.text(min_size=1, max_size=30))


def leaves(unparsed: bool = True) -> st.SearchStrategy[Node]:
    options = [comparisons(), ranges(), mentions(), versus()]
    if unparsed:
        options.append(UNPARSED)
    return st.one_of(*options)


def rules(unparsed: bool = True, max_leaves: int = 8) -> st.SearchStrategy[Node]:
    """Rule trees over every node type (not necessarily canonical: nested and/or, ``not not``).

    Compare a compiled rule with :func:`eligo.transform.canonicalize` of the drawn one.
    """
    return st.recursive(
        leaves(unparsed),
        lambda inner: st.one_of(
            st.builds(Not, inner),
            st.lists(inner, min_size=2, max_size=4).map(lambda xs: AllOf(tuple(xs))),
            st.lists(inner, min_size=2, max_size=4).map(lambda xs: AnyOf(tuple(xs))),
        ),
        max_leaves=max_leaves,
    )
