"""Records no loader would accept: screening finishes, and a criterion gives unknown.

Cohort tables (DuckDB, Parquet) and hand-built records bypass the patient loaders' checks, so
the evaluator meets values the loaders would refuse (an ascites grade of 7, a bilirubin of 0).
Screening must still finish: the score is unknown and the explanation names the value set
aside, as the SQL engine (which yields NULL for such inputs) and the FHIR loader do.
"""

from __future__ import annotations

from datetime import date

import pytest

from eligo.evaluate import evaluate
from eligo.lookup import RecordView
from eligo.parse import compile_rule
from eligo.record import Medication, Observation, Record
from eligo.screening import screen
from eligo.trial import Criterion, Trial

AS_OF = date(2026, 11, 27)
DAY = date(2026, 11, 20)
LOINC = "http://loinc.org"
ATC = "http://www.whocc.no/atc"


def _labs(bili: float = 2.5, alb: float = 3.0, inr: float = 1.5) -> tuple[Observation, ...]:
    return (
        Observation("1975-2", LOINC, "Bilirubin", bili, "mg/dL", DAY, "observations[0]"),
        Observation("1751-7", LOINC, "Albumin", alb, "g/dL", DAY, "observations[1]"),
        Observation("6301-6", LOINC, "INR", inr, "1", DAY, "observations[2]"),
    )


def _grade(name: str, value: float) -> Observation:
    return Observation(None, None, name, value, "1", DAY, "observations[3]")


@pytest.mark.parametrize(
    ("grade", "value"),
    [
        ("ascites grade", 7),
        ("ascites grade", -2),
        ("ascites grade", float("inf")),
        ("west haven grade", 5),
        ("west haven grade", float("nan")),
    ],
)
def test_impossible_grade_makes_child_pugh_unknown(grade: str, value: float) -> None:
    record = Record(id="t", observations=(*_labs(), _grade(grade, value)))
    trace = evaluate(compile_rule("child_pugh_class = B"), RecordView(record), AS_OF)
    assert trace.root.truth.value is None
    assert "set aside" in trace.root.explanation
    assert "not a plausible" in trace.root.missing[0]


def test_possible_grade_still_decides_child_pugh() -> None:
    grades = (_grade("ascites grade", 1), _grade("west haven grade", 0))
    record = Record(id="t", observations=(*_labs(), *grades))
    trace = evaluate(compile_rule("child_pugh_class = B"), RecordView(record), AS_OF)
    assert trace.root.truth.value is True  # 2 + 2 + 1 + 2 (mild ascites) + 1 = 8 points
    assert "ascites grade 1" in trace.root.explanation


@pytest.mark.parametrize("rule", ["child_pugh_class = B", "abic > 6.7"])
def test_lab_value_no_formula_accepts_gives_unknown(rule: str) -> None:
    born = date(1970, 1, 1)
    record = Record(id="t", birth_date=born, observations=_labs(bili=0.0))
    creat = Observation("2160-0", LOINC, "Creatinine", 1.0, "mg/dL", DAY, "observations[9]")
    record = Record(id="t", birth_date=born, observations=(*record.observations, creat))
    trace = evaluate(compile_rule(rule), RecordView(record), AS_OF)
    assert trace.root.truth.value is None
    assert "bilirubin" in trace.root.explanation


def test_screening_finishes_with_an_impossible_grade() -> None:
    rule = compile_rule("child_pugh_class = B")
    trial = Trial("T", None, None, (Criterion("I1", "inclusion", "Child-Pugh B", rule),))
    record = Record(id="t", observations=(*_labs(), _grade("ascites grade", 7)))
    result = screen(record, trial, AS_OF)
    assert result.verdict == "needs_review"
    assert result.criteria[0].outcome == "unknown"
    assert any("ascites grade" in m for m in result.missing)


def test_a_dose_past_float_range_is_explained_not_refused() -> None:
    # 1e308 mg/kg/min is infinite in ug/kg/min: the comparison still decides, and the
    # explanation (written after screening) must not fail on it
    rule = compile_rule("norepinephrine > 0.5 ug/kg/min")
    trial = Trial("T", None, None, (Criterion("I1", "inclusion", "on norepinephrine", rule),))
    med = Medication(
        "C01CA03", ATC, "norepinephrine", "active", date(2026, 11, 1), None, "m", 1e308, "mg/kg/min"
    )
    result = screen(Record(id="t", medications=(med,)), trial, AS_OF)
    assert result.verdict == "eligible"
    assert "= inf ug/kg/min is > 0.5 ug/kg/min" in result.to_json()["criteria"][0]["explanation"]
