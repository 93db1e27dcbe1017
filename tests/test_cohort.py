"""Cohort tables: reading CSV / Parquet / DuckDB, clear errors, and the cohort command line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlglot

from conftest import CRITERIA, EXAMPLES
from eligo.cohort import (
    LAYOUT,
    CohortError,
    iter_records,
    open_cohort,
    records_to_cohort,
    screen_cohort,
)
from eligo.patient import iter_patients
from eligo.screening import screen
from eligo.trial import load_trial

ELIGO = Path(sys.executable).parent / "eligo"
TRIAL = CRITERIA / "NCT04243681.yaml"
AS_OF = date(2026, 11, 27)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ELIGO), *args], capture_output=True, text=True, timeout=120)


def _write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    """A small hand-written cohort in CSV, the way a site would export one."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    _write_csv(
        folder / "patients.csv",
        [
            {"patient_id": "A", "birth_date": "1968-04-02", "sex": "Female"},
            {"patient_id": "B", "birth_date": "1950-01-01", "sex": "male"},
        ],
    )
    _write_csv(
        folder / "observations.csv",
        [
            {"patient_id": "A", "code": "777-3", "system": "loinc", "value": "85000",
             "unit": "/uL", "date": "2026-11-20"},
            {"patient_id": "A", "code": "2160-0", "system": "http://loinc.org", "value": "150",
             "unit": "µmol/l", "date": "2026-11-20"},
            {"patient_id": "B", "code": "777-3", "system": "http://loinc.org", "value": "60",
             "unit": "10^9/L", "date": "2026-11-01"},
        ],
    )  # fmt: skip
    _write_csv(
        folder / "conditions.csv",
        [
            {"patient_id": "A", "code": "K70.31", "system": "icd10", "status": "active",
             "onset_date": "2024-03-01"},
            {"patient_id": "B", "code": "B20", "system": "icd10", "status": "ruled out",
             "onset_date": ""},
        ],
    )  # fmt: skip
    _write_csv(folder / "facts.csv", [{"patient_id": "A", "fact": "consent", "value_bool": "true"}])
    return folder


def test_csv_tables_screen_like_records(tables: Path) -> None:
    cohort = open_cohort(tables)
    assert cohort.count() == 2
    trial = load_trial(TRIAL)
    sql_rows = {pid: (v, met) for pid, v, met in screen_cohort(cohort, trial, AS_OF).rows()}
    for pid, rec in iter_records(cohort):
        expected = screen(rec, trial, AS_OF)
        assert sql_rows[pid] == (expected.verdict, tuple(c.met for c in expected.criteria))
    rec = dict(iter_records(cohort))["A"]
    assert rec.sex == "female"
    assert {o.unit for o in rec.observations} == {"/uL", "umol/L"}  # spellings read as UCUM
    assert dict(iter_records(cohort))["B"].conditions[0].status == "absent"


def test_changed_tables_are_screened_with_fresh_codes(tables: Path) -> None:
    """Observation keys are read once per cohort; a row with a key they lack is caught."""
    from eligo.sql import compile_trial

    cohort = open_cohort(tables)
    trial = load_trial(TRIAL)
    screen_cohort(cohort, trial, AS_OF)
    stale = cohort.bindings()
    assert cohort.bindings().observations is stale.observations  # reused, not re-read
    # A's platelets: 85,000/uL (> 80,000) becomes 70 10*3/uL (70,000), a key never seen
    new_key = ("777-3", "loinc", None, "10*3/uL")
    assert new_key not in stale.observations
    cohort.con.execute(
        "UPDATE observations SET value = 70, unit = '10*3/uL' "
        "WHERE patient_id = 'A' AND code = '777-3'"
    )
    want = {
        pid: (r.verdict, tuple(c.met for c in r.criteria))
        for pid, r in ((pid, screen(rec, trial, AS_OF)) for pid, rec in iter_records(cohort))
    }
    # the hazard: the old keys alone would drop A's new row (platelets unknown, not low)
    blind = compile_trial(trial, AS_OF, stale, row_column="_row")
    cols = ", ".join(blind.columns)
    got = {
        r[0]: tuple(r[1:])
        for r in cohort.con.execute(f"SELECT patient_id, {cols} FROM ({blind.sql()})").fetchall()
    }
    assert len(got["A"]) == len(want["A"][1]) and got["A"] != want["A"][1]
    sql_rows = {pid: (v, met) for pid, v, met in screen_cohort(cohort, trial, AS_OF).rows()}
    assert sql_rows == want
    assert new_key in cohort.bindings().observations


def test_unread_loinc_codes_skip_the_key_join_but_a_local_system_is_read(tables: Path) -> None:
    """A LOINC code for a concept the trial does not read skips the key join (its name and
    unit never matter); the same code under a local system is read by its name, and its new
    key is still caught."""
    cohort = open_cohort(tables)
    trial = load_trial(TRIAL)
    screen_cohort(cohort, trial, AS_OF)  # observation keys read once and kept
    cohort.con.execute(
        "INSERT INTO observations (patient_id, seq, code, system, name, value, unit, date) "
        "VALUES ('A', 90, '2951-2', 'http://loinc.org', 'Platelets', 140, 'mmol/L', "
        "DATE '2026-11-25'), ('A', 91, '2951-2', 'urn:local', 'Platelets', 70000, '/uL', "
        "DATE '2026-11-26')"
    )
    want = {
        pid: (r.verdict, tuple(c.met for c in r.criteria))
        for pid, r in ((pid, screen(rec, trial, AS_OF)) for pid, rec in iter_records(cohort))
    }
    # the local row is platelets by its name: 70,000/uL fails "> 80,000" (85,000 met it)
    assert want["A"][1][4] is False
    got = {pid: (v, met) for pid, v, met in screen_cohort(cohort, trial, AS_OF).rows()}
    assert got == want


def test_a_new_condition_code_is_caught_with_item_keys_kept(tables: Path) -> None:
    """Item keys (conditions, procedures, medications) are read once per cohort too; a row
    whose key they lack is caught and the screening redone with fresh keys."""
    cohort = open_cohort(tables)
    trial = load_trial(TRIAL)
    screen_cohort(cohort, trial, AS_OF)
    stale = cohort.bindings()
    assert cohort.bindings().items is stale.items  # reused, not re-read
    new_key = ("condition", "Z21", "icd10", None, None)
    assert new_key not in stale.items
    cohort.con.execute(
        "INSERT INTO conditions (patient_id, seq, code, system, status, onset_date) "
        "VALUES ('A', 90, 'Z21', 'icd10', 'active', DATE '2025-01-01')"
    )
    want = {
        pid: (r.verdict, tuple(c.met for c in r.criteria))
        for pid, r in ((pid, screen(rec, trial, AS_OF)) for pid, rec in iter_records(cohort))
    }
    assert want["A"][0] == "ineligible"  # HIV (Z21) excludes A
    got = {pid: (v, met) for pid, v, met in screen_cohort(cohort, trial, AS_OF).rows()}
    assert got == want
    assert new_key in cohort.bindings().items


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_written_tables_read_back_the_same(tmp_path: Path, fmt: str) -> None:
    cohort = open_cohort(EXAMPLES / "patients")
    cohort.write(tmp_path / fmt, fmt)
    again = open_cohort(tmp_path / fmt)
    assert [r for _, r in iter_records(again)] == [r for _, r in iter_records(cohort)]


def test_a_duckdb_file_is_a_cohort(tmp_path: Path) -> None:
    import duckdb

    src = open_cohort(EXAMPLES / "patients")
    path = tmp_path / "cohort.duckdb"
    con = duckdb.connect(str(path))
    for table, cols in LAYOUT.items():
        names = ", ".join(c.name for c in cols)
        rows = src.con.execute(f"SELECT {names} FROM {table}").fetchall()
        con.execute(
            f"CREATE TABLE {table} AS SELECT * FROM (SELECT {names} FROM "
            f"(VALUES {', '.join('(' + ', '.join('?' for _ in cols) + ')' for _ in rows)}) "
            f"AS t({names}))"
            if rows
            else f"CREATE TABLE {table} AS SELECT "
            + ", ".join(f"CAST(NULL AS {c.type}) AS {c.name}" for c in cols)
            + " WHERE false",
            [v for r in rows for v in r] if rows else None,
        )
    con.close()
    cohort = open_cohort(path)
    assert [r for _, r in iter_records(cohort)] == [r for _, r in iter_records(src)]


@pytest.mark.parametrize(
    ("table", "rows", "expected"),
    [
        ("patients", [{"id": "A"}], "patients.csv: required column 'patient_id' is missing"),
        (
            "patients",
            [{"patient_id": "A", "birthdate": "1968-04-02"}],
            "unknown column 'birthdate' (did you mean 'birth_date'?)",
        ),
        (
            "observations",
            [{"patient_id": "A", "name": "INR", "value": "1.2", "date": "last week"}],
            "observations.csv: row 1: column date: 'last week' is not an ISO date (YYYY-MM-DD)",
        ),
        (
            "observations",
            [{"patient_id": "A", "name": "INR", "value": "high"}],
            "observations.csv: row 1: column value: 'high' is not a finite number",
        ),
        (
            "observations",
            [{"patient_id": "A", "name": "INR", "value": "nan"}],
            "column value: 'nan' is not a finite number",
        ),
        (
            "observations",
            [{"patient_id": "A", "name": "creatinine", "value": "1.2", "unit": "mg/dk"}],
            "observations.csv: column unit: 'mg/dk' is not a UCUM unit",
        ),
        (
            "conditions",
            [{"patient_id": "A", "name": "HIV", "status": "maybe"}],
            "conditions.csv: column status: 'maybe' is not a status",
        ),
        (
            "conditions",
            [{"patient_id": "Z", "name": "HIV"}],
            "conditions.csv: column patient_id: patient_id 'Z' is not in the patients table",
        ),
        (
            "facts",
            [{"patient_id": "A", "fact": "consnt", "value_bool": "true"}],
            "facts.csv: column fact: 'consnt' is not a fact id",
        ),
    ],
)
def test_bad_tables_give_one_clear_error(
    tmp_path: Path, table: str, rows: list[dict[str, object]], expected: str
) -> None:
    _write_csv(tmp_path / "patients.csv", [{"patient_id": "A"}])
    _write_csv(tmp_path / f"{table}.csv", rows)
    with pytest.raises(CohortError) as err:
        open_cohort(tmp_path)
    assert expected in str(err.value)
    assert str(tmp_path) in str(err.value)


def test_a_parquet_column_of_the_wrong_type_is_named(tmp_path: Path) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT 'A' AS patient_id, 1.5::DOUBLE AS birth_date) "
        f"TO '{tmp_path / 'patients.parquet'}' (FORMAT parquet)"
    )
    with pytest.raises(
        CohortError, match=r"patients.parquet: row 1: column birth_date: '1.5' is not an ISO date"
    ):
        open_cohort(tmp_path)


def test_duplicate_patients_are_refused(tmp_path: Path) -> None:
    _write_csv(tmp_path / "patients.csv", [{"patient_id": "A"}, {"patient_id": "A"}])
    with pytest.raises(CohortError, match="patient_id 'A' appears more than once"):
        open_cohort(tmp_path)


def test_records_with_the_same_id_stay_apart(tmp_path: Path) -> None:
    rec = next(r for _, r in iter_patients(EXAMPLES / "patients") if not isinstance(r, Exception))
    cohort = records_to_cohort([("one", rec), ("two", rec)])
    assert cohort.count() == 2
    assert sorted(cohort.ids.values()) == [rec.id, rec.id]


# ---------------------------------------------------------------------------- command line


def _met(lines: list[str]) -> list[object]:
    out: list[object] = []
    for line in lines:
        obj = json.loads(line)
        if "error" in obj:
            out.append(("error", obj["patient"]))
            continue
        crit = [(c["id"], c["met"], c["outcome"]) for c in obj["criteria"]]
        out.append((obj["patient"], obj["verdict"], crit))
    return out


def test_screen_engine_duckdb_gives_the_default_engines_answers(tmp_path: Path) -> None:
    lines = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "patients").glob("*.json"))]
    batch = tmp_path / "batch.jsonl"
    bad = '{"id": "X1", "birth_date": "yesterday"}'
    batch.write_text(
        "\n".join([json.dumps(json.loads(x)) for x in lines[:3]] + [bad]
                  + [json.dumps(json.loads(x)) for x in lines[3:]]) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    for trial in (CRITERIA / "NCT04243681.yaml", CRITERIA / "NCT07131306.yaml"):
        default = run("screen", str(batch), str(trial), "--as-of", "2026-11-27", "-f", "json")
        duck = run(
            "screen", str(batch), str(trial), "--as-of", "2026-11-27", "-f", "json",
            "--engine", "duckdb",
        )  # fmt: skip
        assert default.returncode == duck.returncode == 1, duck.stderr
        assert _met(duck.stdout.splitlines()) == _met(default.stdout.splitlines())
        assert "screened" in duck.stderr  # progress on stderr, never in the JSON


def test_screen_reads_cohort_tables_with_either_engine(tables: Path) -> None:
    default = run("screen", str(tables), str(TRIAL), "--as-of", "2026-11-27", "-f", "json")
    duck = run(
        "screen", str(tables), str(TRIAL), "--as-of", "2026-11-27", "-f", "json",
        "--engine", "duckdb",
    )  # fmt: skip
    assert default.returncode == duck.returncode == 0, default.stderr + duck.stderr
    assert _met(duck.stdout.splitlines()) == _met(default.stdout.splitlines())


def test_cohort_screen_prints_the_funnel_and_writes_results(tmp_path: Path) -> None:
    verdicts, results = tmp_path / "verdicts.csv", tmp_path / "results.parquet"
    p = run(
        "cohort", "screen", str(EXAMPLES / "patients"), str(TRIAL), "--as-of", "2026-11-27",
        "--verdicts", str(verdicts), "--results", str(results),
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "16 patients screened" in p.stdout
    assert "Top failing criteria" in p.stdout and "Top unknown criteria" in p.stdout
    for verdict in ("eligible", "needs_review", "ineligible"):
        assert verdict in p.stdout
    with verdicts.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["patient_id"] for r in rows][:2] == ["A01", "A02"]
    assert {r["verdict"] for r in rows} == {"eligible", "needs_review", "ineligible"}
    import duckdb

    n = duckdb.connect().execute(f"SELECT count(*) FROM '{results}'").fetchone()
    assert n is not None and n[0] == 16 * len(load_trial(TRIAL).criteria)


def test_cohort_sql_prints_spark_sql(tmp_path: Path) -> None:
    p = run(
        "cohort", "sql", str(TRIAL), "--dialect", "spark", "--as-of", "2026-11-27",
        "--cohort", str(EXAMPLES / "patients"),
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "MAX_BY" in p.stdout
    sqlglot.parse_one(p.stdout, read="spark")


def test_cohort_convert_and_generate(tmp_path: Path) -> None:
    p = run("cohort", "convert", str(EXAMPLES / "patients"), str(tmp_path / "t"), "-f", "csv")
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "t" / "observations.csv").is_file()
    p = run("cohort", "generate", "50", str(tmp_path / "g"), "-f", "parquet", "--seed", "3")
    assert p.returncode == 0, p.stderr
    assert open_cohort(tmp_path / "g").count() == 50


def test_cohort_errors_are_one_line(tmp_path: Path) -> None:
    _write_csv(tmp_path / "patients.csv", [{"patient_id": "A", "sex": "f"}])
    p = run("cohort", "screen", str(tmp_path), str(TRIAL))
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert "patients.csv: column sex: 'f' is not a sex" in p.stderr


def test_screen_cohort_option_sets_the_study_cohort_alike_in_either_engine(
    tmp_path: Path,
) -> None:
    # NCT01611363 (verbatim, abridged): lines asked of one part's population
    trial = tmp_path / "NCT01611363.yaml"
    trial.write_text(
        "id: NCT01611363\ninclusion:\n"
        "  - 'Inclusion Part A: Healthy subjects'\n"
        "  - Subject has a fasted plasma glucose (FPG) of less than 5.6 mmol/l at screening\n"
        "  - 'Inclusion Part B: T2DM subjects'\n"
        "  - Subject has a FPG of less than 10.0 mmol/l\n",
        encoding="utf-8",
    )
    fpg = {"name": "fasting_glucose", "value": 6.0, "unit": "mmol/L", "date": "2026-11-20"}
    patients = [
        {"id": "H1", "birth_date": "1970-01-01", "facts": {"healthy_volunteer": True},
         "observations": [fpg]},
        {"id": "H2", "birth_date": "1970-01-01",
         "facts": {"healthy_volunteer": True, "study_cohort": "part_b"}, "observations": [fpg]},
    ]  # fmt: skip
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(p) for p in patients) + "\n", encoding="utf-8")
    fpg_line: dict[tuple[str, ...], list[object]] = {}
    for option in ((), ("--study-cohort", "part_a"), ("--study-cohort", "PART_B")):
        args = ("screen", str(batch), str(trial), "--as-of", "2026-11-27", "-f", "json")
        default = run(*args, *option)
        duck = run(*args, *option, "--engine", "duckdb")
        assert default.returncode == duck.returncode == 0, default.stderr + duck.stderr
        assert _met(duck.stdout.splitlines()) == _met(default.stdout.splitlines()), option
        fpg_line[option] = [json.loads(x)["criteria"][1]["met"] for x in duck.stdout.splitlines()]
    # H1 records no cohort (unknown), H2 part B (not asked); --study-cohort sets it for both
    assert fpg_line[()] == [None, True]
    assert fpg_line[("--study-cohort", "part_a")] == [False, False]
    assert fpg_line[("--study-cohort", "PART_B")] == [True, True]
    bad = run("screen", str(batch), str(trial), "--study-cohort", "part a")
    assert bad.returncode != 0 and "not a cohort label" in bad.stderr
