"""How long a record item lasted (``X for >= N <unit>``): the evaluator, fast path and SQL.

Dates sit on both sides of each bound (the cutoff day itself, a day either side, month ends
that calendar arithmetic clamps), and spans without a start or an end stay unknown, never met
or not met.  The same records are screened by the compiled fast path and by the SQL backend,
which must agree with the evaluator criterion by criterion.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from eligo.cohort import records_to_cohort, screen_cohort
from eligo.evaluate import evaluate
from eligo.lookup import RecordView
from eligo.nodes import Duration, Mention
from eligo.parse import compile_rule
from eligo.patient import parse_patient
from eligo.screening import screen
from eligo.trial import Criterion, Trial

AS_OF = date(2026, 11, 27)
T2DM = {"code": "E11.9", "system": "icd-10-cm"}
METFORMIN = {"code": "A10BA02", "system": "atc"}
SORAFENIB = {"code": "L01EX02", "system": "atc"}
DIALYSIS = {"code": "265764009", "system": "snomed"}


def _patient(complete: tuple[str, ...] = (), **sections: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": "p", "complete": list(complete), **sections}


# (rule, patient, expected truth, words the explanation must contain)
CASES: list[tuple[str, dict[str, Any], bool | None, tuple[str, ...]]] = [
    # a current condition: from its onset to the screening date
    (
        "type2_diabetes for >= 6 months",
        _patient(conditions=[{**T2DM, "onset": "2026-05-27"}]),
        True,
        ("2026-05-27 to 2026-11-27", "≥ 6 months"),
    ),
    (
        "type2_diabetes for >= 6 months",
        _patient(conditions=[{**T2DM, "onset": "2026-05-28"}]),
        None,  # too short, but another, older record may exist (open world)
        ("2026-05-28 to 2026-11-27, not ≥ 6 months",),
    ),
    (
        "type2_diabetes for >= 6 months",
        _patient(("conditions",), conditions=[{**T2DM, "onset": "2026-05-28"}]),
        False,
        ("declared complete",),
    ),
    (
        "type2_diabetes for >= 6 months",
        _patient(("conditions",), conditions=[{**T2DM}]),
        None,  # no onset date: how long is unknown, even in a complete record
        ("no onset date",),
    ),
    (
        "type2_diabetes for > 6 months",
        _patient(conditions=[{**T2DM, "onset": "2026-05-27"}]),
        None,  # exactly 6 months is not more than 6 months
        ("not > 6 months",),
    ),
    (
        "type2_diabetes for > 6 months",
        _patient(conditions=[{**T2DM, "onset": "2026-05-26"}]),
        True,
        ("2026-05-26",),
    ),
    (
        "type2_diabetes for >= 6 months",  # resolved: not current, whatever its length
        _patient(
            ("conditions",),
            conditions=[{**T2DM, "onset": "2010-01-01", "abatement": "2020-01-01"}],
        ),
        False,
        ("is not current",),
    ),
    (
        "type2_diabetes for >= 6 months",
        _patient(conditions=[{**T2DM, "status": "absent"}]),
        False,
        ("recorded absent",),
    ),
    (
        "type2_diabetes for >= 6 months",
        _patient(conditions=[{**T2DM, "status": "unknown", "onset": "2020-01-01"}]),
        None,  # a condition without clinical status may not be current
        ("clinical status",),
    ),
    # an active medication with no end: from its start to the screening date
    (
        "metformin for >= 8 weeks",
        _patient(medications=[{**METFORMIN, "start": "2026-10-02"}]),
        True,
        ("2026-10-02 to 2026-11-27",),
    ),
    (
        "metformin for >= 8 weeks",
        _patient(("medications",), medications=[{**METFORMIN, "start": "2026-10-03"}]),
        False,
        ("not ≥ 8 weeks",),
    ),
    (
        "metformin for >= 8 weeks",
        _patient(("medications",), medications=[{**METFORMIN}]),
        None,
        ("no start date",),
    ),
    (
        "metformin for >= 8 weeks",  # a planned end after screening: lasted so far
        _patient(
            medications=[
                {**METFORMIN, "status": "active", "start": "2026-10-02", "end": "2027-06-01"}
            ]
        ),
        True,
        ("2026-10-02 to 2026-11-27",),
    ),
    # a past treatment: from start to end
    (
        "history of sorafenib for > 4 weeks",
        _patient(medications=[{**SORAFENIB, "start": "2025-01-01", "end": "2025-01-30"}]),
        True,
        ("2025-01-01 to 2025-01-30", "> 4 weeks"),
    ),
    (
        "history of sorafenib for > 4 weeks",
        _patient(
            ("medications",),
            medications=[{**SORAFENIB, "start": "2025-01-01", "end": "2025-01-29"}],
        ),
        False,
        ("not > 4 weeks",),
    ),
    (
        "history of sorafenib for > 4 weeks",  # completed, end not recorded
        _patient(
            ("medications",),
            medications=[{**SORAFENIB, "start": "2025-01-01", "status": "completed"}],
        ),
        None,
        ("no end date",),
    ),
    (
        "history of sorafenib for >= 1 month",  # 28 Feb + 1 month: 28 March; clamped back
        _patient(medications=[{**SORAFENIB, "start": "2026-02-28", "end": "2026-03-31"}]),
        True,
        ("2026-02-28 to 2026-03-31",),
    ),
    (
        "history of sorafenib for >= 1 month",
        _patient(
            ("medications",),
            medications=[{**SORAFENIB, "start": "2026-03-01", "end": "2026-03-31"}],
        ),
        False,
        ("not ≥ 1 month",),
    ),
    # in a window: only the part inside the window counts
    (
        "history of sorafenib for > 4 weeks within 2 months",  # window from 2026-09-27
        _patient(medications=[{**SORAFENIB, "start": "2026-01-01", "end": "2026-10-26"}]),
        True,
        ("2026-09-27 to 2026-10-26",),
    ),
    (
        "history of sorafenib for > 4 weeks within 2 months",
        _patient(
            ("medications",),
            medications=[{**SORAFENIB, "start": "2026-01-01", "end": "2026-10-25"}],
        ),
        False,
        ("2026-09-27 to 2026-10-25, not > 4 weeks",),
    ),
    # a procedure record has one date: how long it lasted is not recorded
    (
        "dialysis for > 14 days",
        _patient(
            ("procedures",),
            procedures=[{**DIALYSIS, "status": "in-progress", "date": AS_OF.isoformat()}],
        ),
        None,
        ("a procedure record has one date",),
    ),
    (
        "history of dialysis for > 14 days",
        _patient(("procedures",), procedures=[{**DIALYSIS, "date": "2026-01-01"}]),
        None,
        ("a procedure record has one date",),
    ),
    # dialysis dependence (ICD-10-CM Z99.2) is a condition with an onset
    (
        "dialysis for > 14 days",
        _patient(conditions=[{"code": "Z99.2", "system": "icd-10-cm", "onset": "2026-11-12"}]),
        True,
        ("2026-11-12 to 2026-11-27",),
    ),
    (
        "dialysis for > 14 days",
        _patient(
            ("conditions", "procedures"),
            conditions=[{"code": "Z99.2", "system": "icd-10-cm", "onset": "2026-11-13"}],
        ),
        False,
        ("not > 14 days",),
    ),
    # shorter than: the other side of the bound
    (
        "history of sorafenib for < 2 weeks",
        _patient(medications=[{**SORAFENIB, "start": "2026-01-01", "end": "2026-01-14"}]),
        True,
        ("< 2 weeks",),
    ),
    (
        "history of sorafenib for < 2 weeks",
        _patient(
            ("medications",),
            medications=[{**SORAFENIB, "start": "2026-01-01", "end": "2026-01-15"}],
        ),
        False,
        ("not < 2 weeks",),
    ),
]


@pytest.mark.parametrize(("rule", "patient", "expected", "words"), CASES)
def test_duration_truth_and_explanation(
    rule: str, patient: dict[str, Any], expected: bool | None, words: tuple[str, ...]
) -> None:
    record = parse_patient(patient)
    result = evaluate(compile_rule(rule), RecordView(record), AS_OF).root
    assert result.truth.value is expected, result.explanation
    for w in words:
        assert w in result.explanation, result.explanation
    if expected is None:
        assert result.missing, "an unknown names the data that would decide it"


def test_a_fact_has_no_dates_to_last_over() -> None:
    node = Mention("consent", lasting=Duration(">=", 1, "mo"))
    record = parse_patient({"id": "p", "facts": {"consent": True}})
    result = evaluate(node, RecordView(record), AS_OF).root
    assert result.truth.value is None
    assert "no date" in result.explanation


def test_fast_path_and_sql_agree_with_the_evaluator_on_every_case() -> None:
    records = [parse_patient({**p, "id": f"p{i}"}) for i, (_, p, _, _) in enumerate(CASES)]
    rules = sorted({rule for rule, _, _, _ in CASES})
    trial = Trial(
        "durations",
        None,
        None,
        tuple(Criterion(f"D{i}", "inclusion", r, compile_rule(r)) for i, r in enumerate(rules)),
    )
    cohort = records_to_cohort((r.id, r) for r in records)
    result = screen_cohort(cohort, trial, AS_OF)
    assert not result.compiled.fallback
    by_id = {pid: met for pid, _, met in result.rows()}
    seen: set[bool | None] = set()
    for rec in records:
        fast = screen(rec, trial, AS_OF)
        for crit, via_sql in zip(fast.criteria, by_id[rec.id], strict=True):
            want = evaluate(crit.criterion.rule, RecordView(rec), AS_OF).root.truth.value
            assert crit.met is want, (rec.id, crit.criterion.rule_text)
            assert via_sql is want, (rec.id, crit.criterion.rule_text, via_sql, want)
            seen.add(want)
    assert seen == {True, False, None}


def test_spark_sql_moves_dates_by_clamping_calendar_functions() -> None:
    """Ended spans are moved back in SQL: ADD_MONTHS / DATE_ADD in Spark (both clamp or count
    days as scores.add_calendar does), INTERVAL arithmetic in DuckDB; the text parses back."""
    import sqlglot

    from eligo import sql

    rules = ["history of sorafenib for > 4 weeks", "history of cancer for >= 2 years"]
    trial = Trial(
        "durations",
        None,
        None,
        tuple(Criterion(f"D{i}", "inclusion", r, compile_rule(r)) for i, r in enumerate(rules)),
    )
    records = [parse_patient(p) for _, p, _, _ in CASES[:1]]
    con = records_to_cohort((r.id, r) for r in records).con
    bindings = sql.bindings_from(lambda q: con.execute(q).fetchall(), "duckdb")
    compiled = sql.compile_trial(trial, AS_OF, bindings)
    spark = compiled.sql("spark")
    assert "ADD_MONTHS(" in spark and "-24)" in spark and "DATE_ADD(" in spark and "-28)" in spark
    assert sqlglot.parse_one(spark, read="spark").sql(dialect="spark")
    assert "INTERVAL '24' MONTH" in compiled.sql("duckdb") or "INTERVAL 24 MONTH" in compiled.sql(
        "duckdb"
    )
