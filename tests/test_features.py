"""Behaviour tests: the seed trials' criteria, read as protocol text (pytest-bdd).

The feature files under ``tests/features`` hold one Scenario Outline per registry bullet, with an
Examples table of patient values and the outcome a trial coordinator expects.  The steps below
build each patient as eligo patient JSON (contract §3), load it through
:func:`eligo.patient.parse_patient` — the real input path — and screen it with the public API.

Design:

* State flows through fixtures only: every ``Given`` step takes the ``patient`` built so far and
  returns a new dict (``target_fixture="patient"``); ``When`` yields ``result``; the ``Then``
  step that picks a criterion yields ``criterion`` for the steps after it.  Nothing is shared
  between scenarios and nothing is mutated in place.
* Step arguments are typed by ``cfparse`` types (:data:`TYPES`): quantities with UCUM units
  (``85000 /uL``), coded items (``ICD-10 B20 "HIV disease"``), date spans, statuses, sections.
  The word ``missing`` / ``nothing`` in a cell means the record leaves that item out.
* Assertions are on what a user sees: ``met``, ``outcome``, the explanation text and the
  ``missing`` list of each criterion, and the verdict, reasons and missing data of a screening.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from eligo import load_trial, screen
from eligo.patient import parse_patient
from eligo.scores import meld

if TYPE_CHECKING:
    from eligo.trial import Trial

scenarios("nct04243681.feature", "nct07131306.feature", "screening.feature")

Patient = dict[str, Any]

CRITERIA = Path(__file__).resolve().parents[1] / "criteria"
TRIAL_IDS = ("NCT04243681", "NCT07131306")
LAB_DATE = "2026-11-20"  # labs default to one week before the screening dates used in the features

LOINC = "http://loinc.org"
SYSTEMS: Mapping[str, str] = MappingProxyType(
    {
        "ICD-10": "http://hl7.org/fhir/sid/icd-10-cm",
        "SNOMED": "http://snomed.info/sct",
        "ATC": "http://www.whocc.no/atc",
        "RxNorm": "http://www.nlm.nih.gov/research/umls/rxnorm",
    }
)


class Lab(NamedTuple):
    """How a lab named in a feature is recorded: LOINC code (if any) and observation name."""

    code: str | None
    name: str


# Codes from src/eligo/data/vocabulary.yaml; names are what a lab system would print.
LABS: Mapping[str, Lab] = MappingProxyType(
    {
        "platelet count": Lab("777-3", "Platelets [#/volume] in Blood by Automated count"),
        "INR": Lab("6301-6", "INR in Platelet poor plasma by Coagulation assay"),
        "serum creatinine": Lab("2160-0", "Creatinine [Mass/volume] in Serum or Plasma"),
        "total bilirubin": Lab("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma"),
        "serum albumin": Lab("1751-7", "Albumin [Mass/volume] in Serum or Plasma"),
        "serum sodium": Lab("2951-2", "Sodium [Moles/volume] in Serum or Plasma"),
        "PaO2": Lab("2703-7", "Oxygen [Partial pressure] in Arterial blood"),
        "FiO2": Lab("3150-0", "Inhaled oxygen concentration"),
        "ascites grade": Lab(None, "ascites_grade"),
        "West Haven grade": Lab(None, "west_haven_grade"),
        "MELD score": Lab(None, "MELD"),
    }
)

FACTS: Mapping[str, str] = MappingProxyType(
    {
        "informed consent": "consent",
        "willingness for liver transplant": "willing_for_transplant",
        "life expectancy": "life_expectancy",
        "improvement on standard medical treatment": "improving_on_standard_treatment",
        "HCC within Milan criteria": "milan_criteria",
    }
)

# Standard mass ↔ molar factors, used only to cross-check MELD values written in the features.
UMOL_PER_MGDL: Mapping[str, float] = MappingProxyType(
    {"serum creatinine": 88.42, "total bilirubin": 17.104}
)


# --------------------------------------------------------------------------- typed arguments


class Quantity(NamedTuple):
    """A number with an optional UCUM unit, as written in a feature (``85000 /uL``)."""

    value: float
    unit: str | None

    def json_value(self) -> float | int:
        return int(self.value) if self.value.is_integer() else self.value


class Coded(NamedTuple):
    """A condition or medication as written in a feature: ``ICD-10 B20 "HIV disease"``."""

    system: str | None
    code: str | None
    name: str

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.code is not None and self.system is not None:
            out["code"] = self.code
            out["system"] = self.system
        return out


class Span(NamedTuple):
    """Dates of a condition or medication: ``since D``, ``from D to D`` or ``undated``."""

    start: str | None
    end: str | None


_DATE = r"\d{4}-\d{2}-\d{2}"
_NUMBER = r"-?\d+(?:\.\d+)?"
_SECTION = r"(?:conditions|medications|procedures)"


Converter = TypeVar("Converter", bound=Callable[[str], object])


def with_pattern(regex: str) -> Callable[[Converter], Converter]:
    """Give a converter the regex cfparse matches it with (``parse.with_pattern``, typed)."""

    def mark(func: Converter) -> Converter:
        func.pattern = regex  # type: ignore[attr-defined]
        return func

    return mark


def _alternatives(names: Mapping[str, object]) -> str:
    """A regex alternation of ``names``, longest first so no name shadows a longer one."""
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@with_pattern(_DATE)
def _date(text: str) -> date:
    return date.fromisoformat(text)


@with_pattern(rf"not recorded|{_DATE}")
def _optional_date(text: str) -> date | None:
    return None if text == "not recorded" else date.fromisoformat(text)


@with_pattern(rf"missing|{_NUMBER}(?: \S+)?")
def _measure(text: str) -> Quantity | None:
    if text == "missing":
        return None
    number, _, unit = text.partition(" ")
    return Quantity(float(number), unit or None)


@with_pattern(rf"no recorded dose|{_NUMBER} \S+")
def _dose(text: str) -> Quantity | None:
    if text == "no recorded dose":
        return None
    number, _, unit = text.partition(" ")
    return Quantity(float(number), unit)


@with_pattern(_alternatives(LABS))
def _lab(text: str) -> Lab:
    return next(lab for name, lab in LABS.items() if name.lower() == text.lower())


@with_pattern(_alternatives(FACTS))
def _fact(text: str) -> str:
    return next(fid for name, fid in FACTS.items() if name.lower() == text.lower())


@with_pattern(rf"yes|no|missing|{_NUMBER} \S+")
def _fact_value(text: str) -> bool | dict[str, Any] | None:
    if text in ("yes", "no"):
        return text == "yes"
    if text == "missing":
        return None
    number, _, unit = text.partition(" ")
    q = Quantity(float(number), unit)
    return {"value": q.json_value(), "unit": unit}


@with_pattern(r'nothing|(?:(?:ICD-10|SNOMED|ATC|RxNorm) \S+ )?"[^"]+"')
def _coded(text: str) -> Coded | None:
    if text == "nothing":
        return None
    head, _, rest = text.partition('"')
    name = rest.rstrip('"')
    words = head.split()
    if words:
        system, code = words
        return Coded(SYSTEMS[system], code, name)
    return Coded(None, None, name)


@with_pattern(rf"undated|(?:since|from) {_DATE}(?: to {_DATE})?")
def _span(text: str) -> Span:
    dates = [w for w in text.split() if w[:1].isdigit()]
    return Span(dates[0] if dates else None, dates[1] if len(dates) > 1 else None)


@with_pattern(
    r"active|resolved|inactive|remission|absent|refuted|ruled out|unknown|"
    r"completed|stopped|not-taken|on-hold"
)
def _status(text: str) -> str:
    return text


@with_pattern(r"is not on dialysis|was dialysed on 2026-11-24|says nothing about dialysis")
def _dialysis(text: str) -> str:
    """'is not on dialysis' / 'was dialysed on 2026-11-24' / 'says nothing about dialysis'."""
    return {
        "is not on dialysis": "absent",
        "was dialysed on 2026-11-24": "dialysed",
        "says nothing about dialysis": "silent",
    }[text]


@with_pattern(rf"no sections|{_SECTION}(?:(?:, | and ){_SECTION})*")
def _sections(text: str) -> tuple[str, ...]:
    if text == "no sections":
        return ()
    return tuple(w.strip(",") for w in text.split() if w.strip(",") != "and")


@with_pattern(r"age|sex|[IE]\d+")
def _criterion_id(text: str) -> str:
    return text


@with_pattern(r"female|male|other")
def _sex(text: str) -> str:
    return text


@with_pattern(r"not met|met|undecided")
def _met(text: str) -> bool | None:
    return {"met": True, "not met": False, "undecided": None}[text]


@with_pattern(r"pass|fail|unknown")
def _outcome(text: str) -> str:
    return text


@with_pattern(r"eligible|ineligible|needs_review")
def _verdict(text: str) -> str:
    return text


@with_pattern(r'none|"[^"]*"(?:, "[^"]*")*')
def _fragments(text: str) -> tuple[str, ...]:
    if text == "none":
        return ()
    return tuple(part.strip().strip('"') for part in text.split('", "'))


@with_pattern(r"unknown|\d+")
def _score(text: str) -> int | None:
    return None if text == "unknown" else int(text)


TYPES: Mapping[str, Any] = MappingProxyType(
    {
        "Date": _date,
        "OptDate": _optional_date,
        "Measure": _measure,
        "Dose": _dose,
        "Lab": _lab,
        "Fact": _fact,
        "FactValue": _fact_value,
        "Coded": _coded,
        "Span": _span,
        "Status": _status,
        "Sections": _sections,
        "Dialysis": _dialysis,
        "Sex": _sex,
        "Cid": _criterion_id,
        "Met": _met,
        "Outcome": _outcome,
        "Verdict": _verdict,
        "Fragments": _fragments,
        "Score": _score,
    }
)


def step(text: str) -> parsers.cfparse:
    """A cfparse step parser that knows this module's argument types."""
    return parsers.cfparse(text, extra_types=dict(TYPES))


# --------------------------------------------------------------------------- helpers


def _adding(patient: Patient, section: str, item: dict[str, Any]) -> Patient:
    """A copy of ``patient`` with ``item`` appended to ``section``."""
    return {**patient, section: [*patient.get(section, []), item]}


def _observation(lab: Lab, value: Quantity, when: str | None = LAB_DATE) -> dict[str, Any]:
    obs: dict[str, Any] = {"name": lab.name, "value": value.json_value()}
    if lab.code is not None:
        obs["code"] = lab.code
        obs["system"] = LOINC
    if value.unit is not None:
        obs["unit"] = value.unit
    if when is not None:
        obs["date"] = when
    return obs


def _lab_value(patient: Patient, lab_name: str, unit: str) -> float | None:
    """Latest value of a lab in the patient JSON, in ``unit`` (mg/dL or unitless)."""
    lab = LABS[lab_name]
    found = [o for o in patient.get("observations", []) if o.get("code") == lab.code]
    if not found:
        return None
    obs = max(found, key=lambda o: o.get("date", ""))
    value = float(obs["value"])
    given = obs.get("unit")
    if given in (None, unit):
        return value
    assert given == "umol/L" and unit == "mg/dL", f"no cross-check conversion {given} → {unit}"
    return value / UMOL_PER_MGDL[lab_name]


def _pick(result: Any, cid: str) -> Any:
    by_id = {c.id: c for c in result.criteria}
    assert cid in by_id, f"{result.trial} has no criterion {cid}; it has {', '.join(by_id)}"
    return by_id[cid]


def _describe(c: Any) -> str:
    return (
        f"\n  {c.id}: met={c.met} outcome={c.outcome}"
        f"\n  explanation: {c.explanation}\n  missing: {list(c.missing)}"
    )


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def trials() -> Mapping[str, Trial]:
    """The seed trials, compiled once for the whole session."""
    return MappingProxyType({t: load_trial(CRITERIA / f"{t}.yaml") for t in TRIAL_IDS})


# --------------------------------------------------------------------------- given: who


@given("a patient", target_fixture="patient")
def a_patient() -> Patient:
    return {"id": "BDD-001"}


@given("a patient with no data at all", target_fixture="patient")
def a_patient_with_no_data() -> Patient:
    return {"id": "BDD-EMPTY"}


@given(step("a {sex:Sex} patient"), target_fixture="patient")
def a_patient_of_sex(sex: str) -> Patient:
    return {"id": "BDD-001", "sex": sex}


@given(step("a patient with birth date {born:OptDate}"), target_fixture="patient")
def a_patient_born(born: date | None) -> Patient:
    patient: Patient = {"id": "BDD-001"}
    if born is not None:
        patient["birth_date"] = born.isoformat()
    return patient


@given(step("a {sex:Sex} patient with birth date {born:Date}"), target_fixture="patient")
def a_patient_of_sex_born(sex: str, born: date) -> Patient:
    return {"id": "BDD-001", "sex": sex, "birth_date": born.isoformat()}


@given(step("a patient whose recorded age is {age:Measure}"), target_fixture="patient")
def a_patient_aged(age: Quantity | None) -> Patient:
    patient: Patient = {"id": "BDD-001"}
    if age is not None:
        patient["age"] = {"value": age.json_value(), "unit": age.unit or "a"}
    return patient


# --------------------------------------------------------------------------- given: labs


@given(step("the patient's {lab:Lab} is {value:Measure}"), target_fixture="patient")
def lab_result(patient: Patient, lab: Lab, value: Quantity | None) -> Patient:
    if value is None:
        return patient
    return _adding(patient, "observations", _observation(lab, value))


@given(step("the patient's {lab:Lab} was {value:Measure} on {when:Date}"), target_fixture="patient")
def dated_lab_result(patient: Patient, lab: Lab, value: Quantity | None, when: date) -> Patient:
    if value is None:
        return patient
    return _adding(patient, "observations", _observation(lab, value, when.isoformat()))


@given(step("the patient's {lab:Lab} is {value:Measure}, undated"), target_fixture="patient")
def undated_lab_result(patient: Patient, lab: Lab, value: Quantity | None) -> Patient:
    if value is None:
        return patient
    return _adding(patient, "observations", _observation(lab, value, None))


@given(step("the patient's Child-Pugh class is recorded as {cls}"), target_fixture="patient")
def child_pugh_class(patient: Patient, cls: str) -> Patient:
    obs = {"name": "child_pugh_class", "value": cls, "date": LAB_DATE}
    return _adding(patient, "observations", obs)


# --------------------------------------------------------------------------- given: conditions


@given(step("the patient has {item:Coded}"), target_fixture="patient")
def has_condition(patient: Patient, item: Coded | None) -> Patient:
    if item is None:
        return patient
    return _adding(patient, "conditions", {**item.json(), "status": "active"})


@given(
    step("the record lists the condition {item:Coded} as {status:Status}, {span:Span}"),
    target_fixture="patient",
)
def condition_with_status(patient: Patient, item: Coded | None, status: str, span: Span) -> Patient:
    if item is None:
        return patient
    cond: dict[str, Any] = {**item.json(), "status": status}
    if span.start is not None:
        cond["onset"] = span.start
    if span.end is not None:
        cond["abatement"] = span.end
    return _adding(patient, "conditions", cond)


@given(step("the record says the patient {dialysis:Dialysis}"), target_fixture="patient")
def dialysis_status(patient: Patient, dialysis: str) -> Patient:
    """MELD counts dialysis in the prior week; a record silent about it leaves MELD open."""
    if dialysis == "silent":
        return patient
    proc: dict[str, Any] = {"code": "108241001", "system": "http://snomed.info/sct",
                            "name": "hemodialysis"}  # fmt: skip
    if dialysis == "absent":
        proc["status"] = "absent"
    else:
        proc["date"] = "2026-11-24"
    return _adding(patient, "procedures", proc)


# --------------------------------------------------------------------------- given: medications


@given(
    step("the patient receives {item:Coded} at {dose:Dose}, {span:Span}"),
    target_fixture="patient",
)
def receives(patient: Patient, item: Coded | None, dose: Quantity | None, span: Span) -> Patient:
    if item is None:
        return patient
    med: dict[str, Any] = item.json()
    if dose is not None:
        med["dose"] = {"value": dose.json_value(), "unit": dose.unit}
    if span.start is not None:
        med["start"] = span.start
    if span.end is not None:
        med["end"] = span.end
    return _adding(patient, "medications", med)


@given(
    step("the record lists the medication {item:Coded} as {status:Status}, {span:Span}"),
    target_fixture="patient",
)
def medication_with_status(
    patient: Patient, item: Coded | None, status: str, span: Span
) -> Patient:
    if item is None:
        return patient
    med: dict[str, Any] = {**item.json(), "status": status}
    if span.start is not None:
        med["start"] = span.start
    if span.end is not None:
        med["end"] = span.end
    return _adding(patient, "medications", med)


# --------------------------------------------------------------------------- given: facts, scope


@given(step("the patient's {fact:Fact} is recorded as {value:FactValue}"), target_fixture="patient")
def recorded_fact(patient: Patient, fact: str, value: bool | dict[str, Any] | None) -> Patient:
    if value is None:
        return patient
    return {**patient, "facts": {**patient.get("facts", {}), fact: value}}


@given(step("the record declares its {sections:Sections} complete"), target_fixture="patient")
def declared_complete(patient: Patient, sections: tuple[str, ...]) -> Patient:
    if not sections:
        return patient
    return {**patient, "complete": list(sections)}


# --------------------------------------------------------------------------- when


@when(
    step("the patient is screened against {trial_id} on {as_of:Date}"),
    target_fixture="result",
)
def screened(patient: Patient, trials: Mapping[str, Trial], trial_id: str, as_of: date) -> Any:
    record = parse_patient(patient, "tests/features")
    return screen(record, trials[trial_id], as_of=as_of)


@when(
    step(
        "the patient is screened against {trial_id} on {as_of:Date} "
        "assuming {sections:Sections} complete"
    ),
    target_fixture="result",
)
def screened_assuming(
    patient: Patient,
    trials: Mapping[str, Trial],
    trial_id: str,
    as_of: date,
    sections: tuple[str, ...],
) -> Any:
    record = parse_patient(patient, "tests/features")
    return screen(record, trials[trial_id], as_of=as_of, assume_complete=sections)


# --------------------------------------------------------------------------- then: one criterion


@then(
    step("criterion {cid:Cid} is {met:Met} and the outcome is {outcome:Outcome}"),
    target_fixture="criterion",
)
def criterion_is(result: Any, cid: str, met: bool | None, outcome: str) -> Any:
    c = _pick(result, cid)
    assert (c.met, c.outcome) == (met, outcome), f"expected met={met} outcome={outcome}" + (
        _describe(c)
    )
    if met is None:
        assert c.missing, "an undecided criterion must say what data would decide it" + (
            _describe(c)
        )
    else:
        assert not c.missing, "a decided criterion lists no missing data" + _describe(c)
    return c


@then(step("criterion {cid:Cid} is {outcome:Outcome}"), target_fixture="criterion")
def criterion_outcome(result: Any, cid: str, outcome: str) -> Any:
    c = _pick(result, cid)
    assert c.outcome == outcome, f"expected outcome={outcome}" + _describe(c)
    return c


@then(step('its explanation mentions "{fragment}"'))
def explanation_mentions(criterion: Any, fragment: str) -> None:
    assert fragment in criterion.explanation, f"{fragment!r} not in explanation" + _describe(
        criterion
    )


@then(step('its explanation does not mention "{fragment}"'))
def explanation_omits(criterion: Any, fragment: str) -> None:
    assert fragment not in criterion.explanation, f"{fragment!r} in explanation" + _describe(
        criterion
    )


@then(step('its explanation names "{fragment}" only once'))
def explanation_names_once(criterion: Any, fragment: str) -> None:
    count = criterion.explanation.count(fragment)
    assert count == 1, f"{fragment!r} appears {count} times" + _describe(criterion)


@then(step("its missing data mention {needs:Fragments}"))
def missing_data(criterion: Any, needs: tuple[str, ...]) -> None:
    if not needs:
        assert not criterion.missing, "expected no missing data" + _describe(criterion)
    for need in needs:
        assert any(need in m for m in criterion.missing), (
            f"no missing item mentions {need!r}" + _describe(criterion)
        )


@then(step("the published MELD formula gives {score:Score} for those labs"))
def published_meld(patient: Patient, score: int | None) -> None:
    """Cross-check a MELD value written in a feature against eligo.scores.meld."""
    cr = _lab_value(patient, "serum creatinine", "mg/dL")
    bili = _lab_value(patient, "total bilirubin", "mg/dL")
    inr = _lab_value(patient, "INR", "1")
    if score is None:
        assert None in (cr, bili, inr), "all three MELD inputs are present"
        return
    assert cr is not None and bili is not None and inr is not None
    assert meld(cr, bili, inr) == score
    # and by hand, UNOS: 10 × (0.957 ln Cr + 0.378 ln bili + 1.120 ln INR + 0.643), floors 1.0
    raw = 0.957 * math.log(max(cr, 1)) + 0.378 * math.log(max(bili, 1))
    raw += 1.120 * math.log(max(inr, 1)) + 0.643
    assert math.floor(10 * raw + 0.5) == score


# --------------------------------------------------------------------------- then: verdict


@then(step("the verdict is {verdict:Verdict}"))
def verdict_is(result: Any, verdict: str) -> None:
    open_ = [f"{c.id} {c.outcome}: {c.explanation}" for c in result.criteria if c.outcome != "pass"]
    assert result.verdict == verdict, f"verdict {result.verdict}; not passing: {open_}"


@then("the verdict is not eligible")
def verdict_not_eligible(result: Any) -> None:
    assert result.verdict != "eligible"


@then(step("no criterion has the outcome {outcome:Outcome}"))
def no_criterion_with(result: Any, outcome: str) -> None:
    hits = [f"{c.id}: {c.explanation}" for c in result.criteria if c.outcome == outcome]
    assert not hits, f"criteria with outcome {outcome}: {hits}"


@then(step("the reasons name criterion {cid:Cid}"))
def reasons_name(result: Any, cid: str) -> None:
    assert any(r.startswith(f"{cid}:") for r in result.reasons), list(result.reasons)


@then(step('the data that would decide it include "{need}"'))
def screening_missing(result: Any, need: str) -> None:
    assert any(need in m for m in result.missing), list(result.missing)


@then(step('the data that would decide it do not include "{need}"'))
def screening_not_missing(result: Any, need: str) -> None:
    assert not any(need in m for m in result.missing), list(result.missing)
