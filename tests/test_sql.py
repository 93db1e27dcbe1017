"""The SQL backend against the in-process evaluator: one semantics, criterion by criterion.

A seeded generator (eligo.synthetic) writes patients aimed at the corners — values on
thresholds, alternate units, several values on one day, undated and future values, text
results, missing data, ``absent`` and ``unknown`` statuses, complete sections, windows,
recorded ages — and every criterion of every trial in ``criteria/`` must get the same ``met``
from ``eligo.cohort.screen_cohort`` (DuckDB) as from ``eligo.screening.screen``.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import duckdb
import pytest
import sqlglot

from conftest import CRITERIA, SHARED
from eligo import sql
from eligo.cohort import Cohort, CohortResult, records_to_cohort, screen_cohort
from eligo.errors import PatientRecordError
from eligo.evaluate import evaluate
from eligo.lookup import RecordView
from eligo.parse import compile_rule
from eligo.patient import parse_patient
from eligo.record import Record
from eligo.render import render
from eligo.screening import screen
from eligo.synthetic import Generator
from eligo.trial import Criterion, Trial, load_trial

AS_OF = date(2026, 11, 27)
PATIENTS = 2000
TRIALS = sorted(CRITERIA.glob("*.yaml"))
SEED_TRIALS = [CRITERIA / "NCT04243681.yaml", CRITERIA / "NCT07131306.yaml"]


@dataclass(frozen=True)
class Population:
    records: list[Record]
    cohort: Cohort


def _records(n: int, seed: int) -> list[Record]:
    gen = Generator(seed, AS_OF)
    out: list[Record] = []
    for i, data in enumerate(gen.patients(n * 2)):
        try:
            out.append(parse_patient(data, f"synthetic:{i}"))
        except PatientRecordError:
            continue
        if len(out) == n:
            break
    return out


@pytest.fixture(scope="module")
def population() -> Population:
    records = _records(PATIENTS, seed=20261127)
    return Population(records, records_to_cohort((r.id, r) for r in records))


def _disagreements(
    trial: Trial, records: list[Record], cohort: Cohort, assume_complete: tuple[str, ...] = ()
) -> list[str]:
    result = screen_cohort(cohort, trial, AS_OF, assume_complete)
    by_id = {pid: (verdict, met) for pid, verdict, met in result.rows()}
    out = []
    for rec in records:
        expected = screen(rec, trial, AS_OF, assume_complete)  # type: ignore[arg-type]
        verdict, met = by_id[rec.id]
        for crit, got in zip(expected.criteria, met, strict=True):
            if crit.met is not got:
                out.append(
                    f"{rec.id} {crit.id} `{crit.criterion.rule_text}`: in-process {crit.met} "
                    f"({crit.explanation}), SQL {got}"
                )
        if verdict != expected.verdict:
            out.append(f"{rec.id}: verdict {expected.verdict} in-process, {verdict} in SQL")
    return out


def _agrees(trial: Trial, records: list[Record]) -> CohortResult:
    """Screen ``records`` on DuckDB: every criterion has its SQL form (none falls back to
    the in-process evaluator) and agrees with the in-process evaluator on every record."""
    cohort = records_to_cohort((r.id, r) for r in records)
    result = screen_cohort(cohort, trial, AS_OF)
    assert not result.compiled.fallback
    wrong = _disagreements(trial, records, cohort)
    assert not wrong, f"{len(wrong)} disagreements, first ones:\n" + "\n".join(wrong[:10])
    return result


def test_population_is_large_and_varied(population: Population) -> None:
    records = population.records
    assert len(records) >= 2000
    units = {o.unit for r in records for o in r.observations}
    assert {"umol/L", "mg/dL", "/uL", "10*9/L", "%", "1", "g/L", "kPa"} <= units
    assert any(c.status == "absent" for r in records for c in r.conditions)
    assert any(r.complete for r in records) and any(r.age for r in records)
    assert any(r.birth_date is None and r.age is None for r in records)


@pytest.mark.parametrize("path", SEED_TRIALS, ids=[p.stem for p in SEED_TRIALS])
def test_sql_agrees_with_in_process_on_every_criterion(path: Path, population: Population) -> None:
    trial = load_trial(path)
    wrong = _disagreements(trial, population.records, population.cohort)
    assert not wrong, f"{len(wrong)} disagreements, first ones:\n" + "\n".join(wrong[:10])


def test_sql_agrees_on_every_other_trial_in_criteria(population: Population) -> None:
    """Every other trial file, as one combined trial (one query) on the first 300 patients."""
    others = [load_trial(p) for p in TRIALS if p not in SEED_TRIALS]
    if not others:
        pytest.skip("criteria/ holds only the seed trials")
    crits = tuple(replace(c, id=f"{t.id}:{c.id}") for t in others for c in t.criteria)
    trial = Trial("criteria", None, None, crits)
    records = population.records[:300]
    cohort = records_to_cohort((r.id, r) for r in records)
    wrong = _disagreements(trial, records, cohort)
    assert not wrong, f"{len(wrong)} disagreements, first ones:\n" + "\n".join(wrong[:10])


CANONICAL = (
    "bmi >= 30 kg/m2", "creatinine_clearance < 60 mL/min", "abic >= 6.71", "maddrey_df >= 32",
    "hba1c > 53 mmol/mol", "hba1c <= 6.5 %", "egfr < 30 mL/min/{1.73_m2}", "meld_na >= 15",
    "meld3 > 20", "meld > 10 and meld < 20", "child_pugh_points <= 7", "child_pugh_class != C",
    "pf_ratio < 150", "creatinine > 1.5 x ULN", "bilirubin < 0.8 x LLN", "age >= 18 years",
    "age < 240 months", "history of cancer", "gi_bleeding within 2 weeks",
    "norepinephrine > 0.5 ug/kg/min", "life_expectancy >= 12 weeks", "sex = female",
    "inr > 1.5 within 7 days", "dialysis within 1 week", "immunosuppressants", "not ascites",
    "platelets >= 100000 /uL within 3 months", "sodium < 130 mmol/L", "albumin < 28 g/L",
    "pregnancy or lactation", "hiv or retroviral_infection",
    "consent and not willing_for_transplant",
    # ranked categories: SQL once read ">=" as "!=", so Child-Pugh B met ">= C"
    "child_pugh_class >= C", "child_pugh_class < B", "history of tips",
    # how long an item lasted: constant cutoffs for current items, calendar arithmetic in SQL
    # for ended ones, the window's first day as a start
    "cirrhosis for >= 6 months", "history of cancer for > 1 year", "ascites for < 2 weeks",
    "history of immunosuppressants for >= 30 days within 3 months", "dialysis for <= 1 year",
    # two measures compared with each other, each in its own canonical unit (creatinine and
    # bilirubin convert from umol/L by their own molar masses)
    "ast > alt", "alt >= ast within 3 months", "not ast <= alt", "creatinine > bilirubin",
    "platelets < wbc",
)  # fmt: skip


def test_sql_agrees_on_every_derived_value_and_construct(population: Population) -> None:
    """Canonical rules for every derived value, window, × ULN / LLN and range, 600 patients."""
    from eligo.nodes import Quantity, Range

    crits = [
        Criterion(f"R{i}", "inclusion", text, compile_rule(text))
        for i, text in enumerate(CANONICAL)
    ]
    ranges = (
        Range("platelets", Quantity(50, "10*9/L"), Quantity(100, "10*9/L"), high_inclusive=False),
        Range("age", Quantity(20, "a"), Quantity(70, "a")),
        Range("creatinine", Quantity(0.7, "mg/dL"), Quantity(141.44, "umol/L")),
    )
    crits += [Criterion(f"G{i}", "exclusion", render(r), r) for i, r in enumerate(ranges)]
    trial = Trial("constructs", None, None, tuple(crits))
    records = population.records[:600]
    _agrees(trial, records)


DURATION_RULES = (
    "cirrhosis for >= 6 months", "history of cirrhosis for > 1 year",
    "immunosuppressants for > 2 weeks", "history of immunosuppressants for >= 1 month",
    "history of immunosuppressants for >= 30 days within 3 months", "dialysis for >= 1 month",
    "cirrhosis for < 6 months", "history of immunosuppressants for <= 1 year",
)  # fmt: skip


def _duration_records() -> list[Record]:
    """Items whose spans end on month ends and start a day either side of each bound, with
    missing starts and ends, every status, and complete or open sections."""
    from datetime import timedelta
    from itertools import product

    from eligo.scores import add_calendar

    ends = (None, date(2026, 3, 31), date(2026, 2, 28), date(2024, 2, 29), date(2027, 1, 31))
    lengths = ((2, "wk"), (30, "d"), (1, "mo"), (6, "mo"), (1, "a"))
    statuses = (None, "active", "resolved", "unknown", "absent")
    items = [
        ("conditions", {"code": "K74.60", "system": "icd-10-cm"}, "onset", "abatement"),
        ("conditions", {"code": "Z99.2", "system": "icd-10-cm"}, "onset", "abatement"),
        ("medications", {"code": "L04AD02", "system": "atc"}, "start", "end"),
        ("procedures", {"code": "265764009", "system": "snomed"}, "date", None),
    ]
    out: list[Record] = []
    for n, (item, end, (amount, unit), shift, status, complete) in enumerate(
        product(items, ends, lengths, (-1, 0, 1, None), statuses, (False, True))
    ):
        section, code, start_key, end_key = item
        entry: dict[str, object] = dict(code)
        anchor = min(end or AS_OF, AS_OF)
        if shift is not None:
            start = add_calendar(anchor, -amount, unit) + timedelta(days=shift)  # type: ignore[arg-type]
            entry[start_key] = start.isoformat()
        ended = end is not None and end != AS_OF and end_key is not None
        if ended and (shift is None or str(entry[start_key]) <= str(end)):
            entry[str(end_key)] = str(end)  # 2027-01-31: an end planned after screening
        if status is not None:
            if section != "conditions" and status == "resolved":
                status = "completed"
            entry["status"] = status
        data = {"id": f"d{n}", section: [entry], "complete": [section] if complete else []}
        try:
            out.append(parse_patient(data, f"durations:{n}"))
        except PatientRecordError:
            continue
    return out


def test_sql_agrees_on_durations_at_their_bounds() -> None:
    """Durations: a day either side of each bound, month ends, missing dates, every status."""
    records = _duration_records()
    assert len(records) > 1000
    crits = tuple(
        Criterion(f"D{i}", "inclusion", text, compile_rule(text))
        for i, text in enumerate(DURATION_RULES)
    )
    trial = Trial("durations", None, None, crits)
    _agrees(trial, records)
    seen = {
        (crit.id, evaluate(crit.rule, RecordView(r), AS_OF).root.truth.value)
        for r in records
        for crit in crits
    }
    for crit in crits:  # every rule is met, not met and unknown for some record
        assert {v for c, v in seen if c == crit.id} == {True, False, None}, crit.rule_text


def test_sql_agrees_with_assume_complete(population: Population) -> None:
    trial = load_trial(TRIALS[0])
    records = population.records[:400]
    cohort = records_to_cohort((r.id, r) for r in records)
    wrong = _disagreements(trial, records, cohort, ("conditions", "medications"))
    assert not wrong, "\n".join(wrong[:10])


def _corpus_trial(limit: int) -> Trial:
    import yaml

    from eligo.parse import compile_text

    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent: this test reads ../shared/corpus in place")
    crits: list[Criterion] = []
    seen: set[str] = set()
    for f in sorted(corpus.glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for kind in ("inclusion", "exclusion"):
            for line in data.get(kind) or []:
                text = line if isinstance(line, str) else str(line.get("text", ""))
                rule = compile_text(text, kind).rule
                key = render(rule)
                if key in seen or not key.strip("?"):
                    continue
                seen.add(key)
                crits.append(Criterion(f"C{len(crits)}", kind, text, rule))
    step = max(1, len(crits) // limit)
    return Trial("corpus", None, None, tuple(crits[::step][:limit]))


def test_sql_agrees_on_registry_corpus_lines(population: Population) -> None:
    """Every shape the grammar reads in ../shared/corpus: ranges, × ULN, windows, history."""
    trial = _corpus_trial(150)
    records = population.records[:200]
    cohort = records_to_cohort((r.id, r) for r in records)
    result = screen_cohort(cohort, trial, AS_OF)
    assert not result.compiled.fallback
    by_id = {pid: met for pid, _, met in result.rows()}
    wrong = []
    for rec in records:
        view = RecordView(rec)
        for crit, got in zip(trial.criteria, by_id[rec.id], strict=True):
            want = evaluate(crit.rule, view, AS_OF).root.truth.value
            if want is not got:
                wrong.append(f"{rec.id} `{render(crit.rule)}`: in-process {want}, SQL {got}")
    assert not wrong, "\n".join(wrong[:10])


def test_a_criterion_sql_cannot_express_falls_back_in_process(
    population: Population, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql, "SQL_DERIVED", sql.SQL_DERIVED - {"meld", "child_pugh_class"})
    trial = load_trial(CRITERIA / "NCT04243681.yaml")
    records = population.records[:150]
    cohort = records_to_cohort((r.id, r) for r in records)
    result = screen_cohort(cohort, trial, AS_OF)
    assert set(result.compiled.fallback) == {"I2"}
    assert "has no SQL form" in result.compiled.fallback["I2"]
    assert "I2 was evaluated in-process" in result.funnel().text()
    assert not _disagreements(trial, records, cohort)


# ---------------------------------------------------------------------------- pieces


def _one(query: str) -> tuple[object, ...]:
    import duckdb

    row = duckdb.connect().execute(query).fetchone()
    assert row is not None
    return tuple(row)


def _duck(expr: sqlglot.exp.Expr) -> object:
    row = _one(f"SELECT {sql.to_sql(expr)}")
    assert row is not None
    return row[0]


@pytest.mark.parametrize(
    "x", [2.45, 1.005, 0.15, 2.5, 24.35, 0.05, 150.05, 75.45, 9.95, 1e-7, 123456.785, 2.4499999]
)
@pytest.mark.parametrize("places", [0, 1])
def test_half_up_rounding_matches_scores(x: float, places: int) -> None:
    from eligo.scores import _round_half_up

    assert _duck(sql._round_half_up(sql.num(x), places)) == float(_round_half_up(x, places))


def test_half_up_rounding_on_random_values() -> None:
    import random

    from eligo.scores import _round_half_up

    rng = random.Random(5)
    xs = [round(rng.uniform(0, 60), rng.choice((1, 2, 3, 6))) for _ in range(300)]
    xs += [rng.uniform(0, 500) for _ in range(100)]
    exprs = ", ".join(sql.to_sql(sql._round_half_up(sql.num(x), 1)) for x in xs)
    got = _one(f"SELECT {exprs}")
    assert list(got) == [float(_round_half_up(x, 1)) for x in xs]


@pytest.mark.parametrize(
    ("value", "src", "dst", "mm"),
    [
        (141.44, "umol/L", "mg/dL", 113.12),
        (1.6, "mg/dL", "umol/L", 113.12),
        (80, "10*9/L", "/uL", None),
        (60, "%", "1", None),
        (12, "kPa", "mm[Hg]", None),
        (37.5, "Cel", "[degF]", None),
        (13, "wk", "mo", None),
    ],
)
def test_sql_unit_conversion_is_bit_for_bit(
    value: float, src: str, dst: str, mm: float | None
) -> None:
    from eligo.units import convert

    f = sql._affine(src, dst, mm)
    assert f is not None
    assert _duck(f(sql.num(value))) == convert(value, src, dst, mm)


def test_inconvertible_units_have_no_sql_form() -> None:
    assert sql._affine("mg/h", "ug/kg/min", None) is None
    assert sql._affine("mg/dL", "umol/L", None) is None


def test_double_literals_are_never_decimals() -> None:
    row = _one(f"SELECT typeof({sql.to_sql(sql.num(0.1))}), {sql.to_sql(sql.num(-2.5))}")
    assert row == ("DOUBLE", -2.5)


def test_kleene_logic_is_sql_logic() -> None:
    t, f, u = "TRUE", "FALSE", "CAST(NULL AS BOOLEAN)"
    row = _one(f"SELECT {f} AND {u}, {t} AND {u}, {t} OR {u}, {f} OR {u}, NOT {u}")
    assert row == (False, None, True, None, None)


def test_repeated_subexpressions_become_one_column_each() -> None:
    """A repeated subtree that cannot fail is computed once, in an earlier layer; one that
    could fail outside its CASE branch (LN of a value that may be <= 0) stays where it was."""
    x = sql.col("x")
    big = sql.add(sql.mul(sql.fn("ABS", x), sql.num(2.0)), sql.mul(x, sql.num(3.0)))
    risky = sql.fn("LN", sql.add(sql.mul(x, sql.num(2.0)), sql.num(1.0)))
    guarded = sql.case([(sql.cmp(x, ">", sql.num(0.0)), risky)], sql.null_double())
    safe_ln = sql.fn("LN", sql.fn("GREATEST", x, sql.num(1.0)))
    columns = {
        "a": sql.add(big, sql.num(1.0)),
        "b": sql.sub(big, safe_ln),
        "c": sql.add(guarded, safe_ln),
        "d": sql.mul(guarded, sql.num(2.0)),
    }
    before = {k: sql.to_sql(e) for k, e in columns.items()}
    shared = sql._shared_columns(columns, iter(f"s{i}" for i in range(100)))
    hoisted = {sql.to_sql(e) for layer in shared for e in layer.values()}
    assert hoisted == {sql.to_sql(sql.paren(big)), sql.to_sql(sql.paren(safe_ln))}
    assert "LN((x * 2.0e0) + 1.0e0)" in sql.to_sql(columns["c"])  # still inside its CASE
    # the same values, computed in layers
    layers = [*shared, columns]
    query = "SELECT * FROM (SELECT 0.5 AS x UNION ALL SELECT -3.0 UNION ALL SELECT NULL) t0"
    for i, layer in enumerate(layers, 1):
        cols = ", ".join(f"{sql.to_sql(e)} AS {k}" for k, e in layer.items())
        query = f"SELECT *, {cols} FROM ({query}) t{i}"
    plain = ", ".join(f"{e} AS {k}" for k, e in before.items())
    got = duckdb.connect().execute(f"SELECT a, b, c, d FROM ({query}) ORDER BY x").fetchall()
    want = (
        duckdb.connect()
        .execute(
            f"SELECT {plain} FROM (SELECT 0.5 AS x UNION ALL SELECT -3.0 UNION ALL SELECT NULL) t "
            "ORDER BY x"
        )
        .fetchall()
    )
    assert got == want


# ---------------------------------------------------------------------------- Spark


def _compiled(population: Population) -> list[sql.CompiledTrial]:
    con = records_to_cohort((r.id, r) for r in population.records[:200]).con
    bindings = sql.bindings_from(lambda q: con.execute(q).fetchall(), "duckdb")
    return [sql.compile_trial(load_trial(p), AS_OF, bindings) for p in SEED_TRIALS]


def test_spark_sql_parses_back_with_sqlglot(population: Population) -> None:
    """The Spark dialect text is valid Spark SQL to sqlglot's Spark parser, and uses MAX_BY."""
    for compiled in _compiled(population):
        text = compiled.sql("spark")
        assert "MAX_BY(" in text and "ARG_MAX" not in text
        tree = sqlglot.parse_one(text, read="spark")
        assert tree.sql(dialect="spark")
        assert "ARG_MAX_NULL(" in compiled.sql("duckdb")


def _spark_session() -> Iterator[object]:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        pytest.skip(
            "pyspark is not installed (pip install -e '.[spark]'); "
            "Spark SQL is checked by sqlglot parse-back only"
        )
    if shutil.which("java") is None:
        pytest.skip("no Java runtime for pyspark; Spark SQL checked by parse-back only")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("eligo-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    yield from _spark_session()


@pytest.mark.spark
def test_spark_runs_the_same_query(population: Population, spark: object, tmp_path: Path) -> None:
    """The Spark dialect run in a local Spark session gives DuckDB's answer on every criterion."""
    records = population.records[:100]
    cohort = records_to_cohort((r.id, r) for r in records)
    cohort.write(tmp_path, "parquet")
    for table in ("patients", "observations", "conditions", "medications", "procedures", "facts"):
        spark.read.parquet(str(tmp_path / f"{table}.parquet")).createOrReplaceTempView(table)  # type: ignore[attr-defined]
    con = cohort.con
    bindings = sql.bindings_from(lambda q: con.execute(q).fetchall(), "duckdb")
    for path in SEED_TRIALS:  # each Spark run costs seconds; the seeds cover every construct
        trial = load_trial(path)
        compiled = sql.compile_trial(trial, AS_OF, bindings)
        rows = spark.sql(compiled.sql("spark")).collect()  # type: ignore[attr-defined]
        got = {r["patient_id"]: tuple(r[c] for c in compiled.columns) for r in rows}
        want = {pid: met for pid, _, met in screen_cohort(cohort, trial, AS_OF).rows()}
        assert got == want
        verdicts = {r["patient_id"]: r["verdict"] for r in rows}
        for rec in records[:50]:
            assert verdicts[rec.id] == screen(rec, trial, AS_OF).verdict


def test_records_survive_the_tables(population: Population) -> None:
    from eligo.cohort import iter_records

    records = population.records[:200]
    cohort = records_to_cohort((r.id, r) for r in records)
    back = dict(iter_records(cohort))
    for rec in records:
        got = back[rec.id]
        same = replace(
            got,
            source=rec.source,
            observations=tuple(
                replace(o, source=w.source)
                for o, w in zip(got.observations, rec.observations, strict=True)
            ),
            conditions=tuple(
                replace(o, source=w.source)
                for o, w in zip(got.conditions, rec.conditions, strict=True)
            ),
            medications=tuple(
                replace(o, source=w.source)
                for o, w in zip(got.medications, rec.medications, strict=True)
            ),
            procedures=tuple(
                replace(o, source=w.source)
                for o, w in zip(got.procedures, rec.procedures, strict=True)
            ),
        )
        assert same.facts == dict(rec.facts) or same.facts == rec.facts
        assert replace(same, facts=rec.facts) == rec
    assert math.isfinite(1.0)


# "Alcohol intake ≥ 14 units/week (1 unit = 8 g …)" and "… exceeding 28 drinks/week (1 drink =
# …)": servings read as grams a week, against intakes recorded a day or a week, on and around
# the bounds
ALCOHOL_LINES = (
    ("exclusion", "Alcohol intake ≥ 14 units/week (1 unit = 8 g of alcohol)"),
    (
        "exclusion",
        "Matched Healthy Volunteers: History of regular alcohol consumption exceeding 28 "
        "drinks/week (1 drink = 150 mL of wine or 360 mL of beer or 45 mL of spirits) within 6 "
        "months of Screening",
    ),
    ("inclusion", "Alcohol consumption > 2 drinks per day (1 drink = 10 g of alcohol)"),
)
ALCOHOL_FACTS = (
    {"alcohol_intake": {"value": 16, "unit": "g/d"}},
    {"alcohol_intake": {"value": 15.9, "unit": "g/d"}},
    {"alcohol_intake": {"value": 112, "unit": "g/wk"}},
    {"alcohol_intake": {"value": 140, "unit": "g/wk"}},
    {"alcohol_intake": {"value": 56, "unit": "g/d"}, "healthy_volunteer": True},
    {"alcohol_intake": {"value": 57, "unit": "g/d"}, "healthy_volunteer": True},
    {"alcohol_intake": {"value": 20, "unit": "g/d"}, "healthy_volunteer": False},
    {"healthy_volunteer": True},
    {},
)


def test_sql_agrees_on_alcohol_servings_read_as_grams() -> None:
    from eligo.parse import compile_text

    crits = []
    for i, (kind, line) in enumerate(ALCOHOL_LINES):
        rule = compile_text(line, kind).rule  # type: ignore[arg-type]
        crits.append(Criterion(f"A{i}", kind, render(rule), rule))  # type: ignore[arg-type]
    trial = Trial("alcohol", None, None, tuple(crits))
    records = [
        parse_patient({"id": f"a{i}", "birth_date": "1970-01-01", "facts": facts}, "test")
        for i, facts in enumerate(ALCOHOL_FACTS)
    ]
    result = _agrees(trial, records)
    met = {m for _, _, row in result.rows() for m in row}
    assert met == {True, False, None}  # both sides of the bounds, and missing data


# two measures compared with each other: each side its latest value (in the window), in its
# own canonical unit; unknown when either side is missing, text, or without a unit
VERSUS_RULES = ("ast > alt", "ast >= alt within 7 days", "not alt < ast", "creatinine > bilirubin")


def _lab(name: str, value: object, unit: str | None, day: str = "2026-11-20") -> dict[str, object]:
    obs: dict[str, object] = {"name": name, "value": value, "date": day}
    if unit is not None:
        obs["unit"] = unit
    return obs


VERSUS_RECORDS = (
    [_lab("ast", 120, "U/L"), _lab("alt", 80, "U/L")],
    [_lab("ast", 80, "U/L"), _lab("alt", 80, "U/L")],  # equal: > fails, >= holds
    [_lab("ast", 1, "ukat/L"), _lab("alt", 59, "U/L")],  # 60 U/L against 59
    [_lab("ast", 1, "ukat/L"), _lab("alt", 61, "U/L")],
    [_lab("ast", 120, "U/L", "2026-11-01"), _lab("alt", 80, "U/L")],  # AST outside 7 days
    [_lab("ast", 50, "U/L", "2026-11-01"), _lab("ast", 150, "U/L"), _lab("alt", 100, "U/L")],
    [_lab("ast", 120, "U/L")],
    [_lab("ast", 120, "U/L"), _lab("alt", "<5", "U/L")],  # a censored value
    [_lab("creatinine", 100, "umol/L"), _lab("bilirubin", 1.0, "mg/dL")],  # 1.13 mg/dL > 1
    [_lab("creatinine", 0.9, "mg/dL"), _lab("bilirubin", 17.1, "umol/L")],  # 0.9 < 1.0
    [],
)


def test_sql_agrees_on_measures_compared_with_each_other() -> None:
    crits = tuple(
        Criterion(f"V{i}", "inclusion", text, compile_rule(text))
        for i, text in enumerate(VERSUS_RULES)
    )
    trial = Trial("versus", None, None, crits)
    records = [
        parse_patient({"id": f"v{i}", "birth_date": "1970-01-01", "observations": obs}, "test")
        for i, obs in enumerate(VERSUS_RECORDS)
    ]
    result = _agrees(trial, records)
    for i in range(len(VERSUS_RULES)):  # each rule met, not met and unknown somewhere
        assert {row[i] for _, _, row in result.rows()} == {True, False, None}, VERSUS_RULES[i]
    spark = result.compiled.sql("spark")
    assert sqlglot.parse_one(spark, read="spark").sql(dialect="spark")


# multi-part trials: lines under a cohort heading are asked of the recorded study_cohort
COHORT_TRIALS = ("NCT01611363", "NCT01160926", "NCT01165268", "NCT02442531")


def test_sql_agrees_on_cohort_headed_lines(population: Population, tmp_path: Path) -> None:
    """Each trial's lines as loaded (eligo.sections reads the headings), on 600 patients with
    and without a study_cohort fact, in several spellings."""
    import yaml

    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent: this test reads ../shared/corpus in place")
    crits: list[Criterion] = []
    for tid in COHORT_TRIALS:
        data = yaml.safe_load((corpus / f"{tid}.yaml").read_text(encoding="utf-8"))
        f = tmp_path / f"{tid}.yaml"
        keep = {k: data[k] for k in ("id", "inclusion", "exclusion") if data.get(k)}
        f.write_text(yaml.safe_dump(keep, allow_unicode=True), encoding="utf-8")
        trial = load_trial(f, cache=False)
        crits += [replace(c, id=f"{tid}:{c.id}") for c in trial.criteria]
    cohort_rules = [c for c in crits if "study_cohort" in c.rule_text]
    assert len(cohort_rules) >= 35
    trial = Trial("cohorts", None, None, tuple(crits))
    records = population.records[:600]
    assert {r.facts.get("study_cohort") for r in records} >= {None, "part_a", "PART_B"}
    cohort = records_to_cohort((r.id, r) for r in records)
    result = screen_cohort(cohort, trial, AS_OF)
    assert not result.compiled.fallback
    wrong = _disagreements(trial, records, cohort)
    assert not wrong, f"{len(wrong)} disagreements, first ones:\n" + "\n".join(wrong[:10])
    at = [i for i, c in enumerate(crits) if "study_cohort" in c.rule_text]
    seen = {row[i] for _, _, row in result.rows() for i in at}
    assert seen == {True, False, None}
    spark = result.compiled.sql("spark")  # the facts' value_text, in Spark SQL too
    assert "value_text" in spark
    assert sqlglot.parse_one(spark, read="spark").sql(dialect="spark")


# "malignancy except hepatoma or non-melanoma skin cancer": an item of the concept that is no
# item of the excepted ones; an excepted item alone decides nothing (open world)
EXCEPT_RULES = (
    "history of cancer except (hcc, nonmelanoma_skin_cancer) within 5 years",
    "not cancer except (nonmelanoma_skin_cancer)",
    "cancer except (leukemia)",
    "history of cancer except (hcc)",
    "cancer except (hcc) for >= 6 months",
)

_ICD = "http://hl7.org/fhir/sid/icd-10-cm"


def _dx(code: str | None, name: str, onset: str = "2024-03-01", **more: str) -> dict[str, str]:
    entry = {"name": name, "onset": onset, **more}
    if code is not None:
        entry |= {"code": code, "system": _ICD}
    return entry


EXCEPT_RECORDS: tuple[tuple[list[dict[str, str]], list[str]], ...] = (
    ([_dx("C44.91", "Basal cell carcinoma of skin")], []),  # only an excepted item: open
    ([_dx("C44.91", "Basal cell carcinoma of skin")], ["conditions"]),  # … closed world
    ([_dx("C44.91", "Basal cell carcinoma of skin"), _dx("C18.9", "Colon cancer")], []),
    ([_dx("C22.0", "Hepatocellular carcinoma")], ["conditions"]),
    ([_dx("C18.9", "Colon cancer", "2015-01-01", abatement="2016-01-01")], ["conditions"]),
    ([], []),
    ([], ["conditions"]),
    ([_dx("C80.1", "Malignant neoplasm, unspecified")], []),  # generic: not known to be HCC
    ([_dx("C80.1", "Malignant neoplasm, unspecified", status="absent")], []),
    ([_dx("C91.10", "Chronic lymphocytic leukemia")], ["conditions"]),
    ([_dx(None, "basal cell carcinoma"), _dx(None, "hepatocellular carcinoma")], ["conditions"]),
    ([_dx("C22.0", "Hepatocellular carcinoma"), _dx("C91.10", "CLL", "2026-11-01")], []),
)


def test_sql_agrees_on_mentions_with_exceptions() -> None:
    crits = tuple(
        Criterion(f"E{i}", "inclusion", text, compile_rule(text))
        for i, text in enumerate(EXCEPT_RULES)
    )
    trial = Trial("except", None, None, crits)
    records = [
        parse_patient(
            {"id": f"e{i}", "birth_date": "1970-01-01", "conditions": dx, "complete": done},
            "test",
        )
        for i, (dx, done) in enumerate(EXCEPT_RECORDS)
    ]
    result = _agrees(trial, records)
    for i in range(len(EXCEPT_RULES)):  # each rule met, not met and unknown somewhere
        assert {row[i] for _, _, row in result.rows()} == {True, False, None}, EXCEPT_RULES[i]
    spark = result.compiled.sql("spark")
    assert sqlglot.parse_one(spark, read="spark").sql(dialect="spark")


def test_item_keys_matched_in_one_pass_give_the_same_lookup_tables(
    population: Population, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The compiler matches a cohort's item keys against all of a trial's concepts at once
    (``sql._match_items``); the lookup tables are the ones matching concept by concept gives."""
    bindings = population.cohort.bindings()
    for path in SEED_TRIALS:
        trial = load_trial(path)
        for cache in (sql._match_items, sql._item_matches, sql._item_view):
            cache.cache_clear()
        one_pass = sql.compile_trial(trial, AS_OF, bindings, check_keys=True).maps
        for cache in (sql._match_items, sql._item_matches, sql._item_view):
            cache.cache_clear()
        with monkeypatch.context() as m:
            m.setattr(sql, "_match_items", lambda *args: None)
            each = sql.compile_trial(trial, AS_OF, bindings, check_keys=True).maps
        assert one_pass == each, trial.id
        assert one_pass["eligo_item_map"], trial.id
