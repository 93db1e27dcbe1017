"""Command line for cohorts: ``eligo cohort screen | convert | sql | generate`` and
``eligo screen --engine duckdb``.

The command-line stage for whole populations.  Results go to files (CSV or Parquet, by
extension) and the screening funnel to stdout; progress goes to stderr.  Heavy imports
(duckdb, sqlglot) happen inside the commands, so ``eligo --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .errors import EligoError

if TYPE_CHECKING:
    from .cohort import Cohort, CohortResult
    from .trial import Trial

cohort_app = typer.Typer(
    help="Screen whole cohorts in DuckDB (tables, JSON Lines, folders); convert; print SQL.",
    no_args_is_help=True,
)


class Dialect(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


class TableFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(message.rstrip(), err=True)
    return typer.Exit(code)


def _open(patients: Path, progress: bool = True) -> Cohort:
    from .cohort import open_cohort

    if not patients.exists():
        raise _fail(f"{patients}: no such file or folder")
    started = time.monotonic()
    try:
        cohort = open_cohort(patients, _say if progress else _quiet)
    except EligoError as e:
        raise _fail(str(e)) from None
    if progress:
        _say(
            f"read {cohort.count():,} patients from {patients} ({time.monotonic() - started:.1f} s)"
        )
    return cohort


def _quiet(_: str) -> None:
    pass


def _bad_records(cohort: Cohort) -> list[tuple[str, str]]:
    from .errors import PatientRecordError

    return [
        (label, str(e)) for label, e in (cohort.entries or []) if isinstance(e, PatientRecordError)
    ]


def screen_duckdb(
    patients: Path,
    trial: Trial,
    as_of: date,
    sections: tuple[str, ...],
    fmt: str,
    study_cohort: str | None = None,
) -> int:
    """``eligo screen --engine duckdb``: the default engine's output, computed in SQL.

    JSON lines carry the same verdict and per-criterion ``met`` / ``outcome`` as the
    in-process engine; explanations are not itemised (``eligo explain`` gives them).

    Returns:
        The exit status: 1 when some records could not be read, else 0.
    """
    from .cohort import screen_cohort

    cohort = _open(patients)
    if study_cohort is not None:
        cohort.set_fact("study_cohort", study_cohort)
    result = screen_cohort(cohort, trial, as_of, sections, _say)
    out = sys.stdout
    criteria = trial.criteria
    statics = [
        {
            "id": c.id,
            "kind": c.kind,
            "text": c.text,
            "rule": c.rule_text,
            "understood": c.understood,
        }
        for c in criteria
    ]
    bad = 0

    def stream() -> Iterator[tuple[str, str, tuple[bool | None, ...]] | tuple[str, str]]:
        """(patient, verdict, met) per record in input order; (label, error) for bad ones."""
        if cohort.entries is None:
            yield from result.rows()
            return
        by_key = {pid: (verdict, met) for pid, verdict, met in result.rows()}
        for label, key in cohort.entries:
            if isinstance(key, str):
                yield (cohort.ids.get(key, key), *by_key[key])
            else:
                yield label, str(key)

    for item in stream():
        if len(item) == 2:
            bad += 1
            if fmt == "json":
                out.write(json.dumps({"patient": item[0], "error": item[1]}) + "\n")
            else:
                _say(f"error: {item[1]}")
            continue
        patient, verdict, met = item
        outcomes = [_outcome(c.kind, m) for c, m in zip(criteria, met, strict=True)]
        if fmt == "json":
            crit = [
                {
                    **s,
                    "met": m,
                    "outcome": o,
                    "explanation": _EXPLAIN[m],
                    "missing": [],
                }
                for s, m, o in zip(statics, met, outcomes, strict=True)
            ]
            reasons = [
                f"{c.id}: {c.text}" for c, o in zip(criteria, outcomes, strict=True) if o == "fail"
            ]
            line = {
                "patient": patient,
                "trial": trial.id,
                "as_of": as_of.isoformat(),
                "verdict": verdict,
                "criteria": crit,
                "reasons": reasons,
                "missing": [],
                "engine": "duckdb",
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        else:
            fails = [c.id for c, o in zip(criteria, outcomes, strict=True) if o == "fail"]
            unknown = [c.id for c, o in zip(criteria, outcomes, strict=True) if o == "unknown"]
            parts = [f"{patient}: {verdict}"]
            if fails:
                parts.append("fails " + ", ".join(fails))
            if unknown:
                parts.append("unknown " + ", ".join(unknown))
            out.write("; ".join(parts) + "\n")
    if fmt != "json":
        out.write("\n" + result.funnel().text() + "\n")
    return 1 if bad else 0


_EXPLAIN = {
    True: "met (duckdb engine: `eligo explain` shows the values used)",
    False: "not met (duckdb engine: `eligo explain` shows the values used)",
    None: "unknown (duckdb engine: `eligo explain` shows what is missing)",
}


def _outcome(kind: str, met: bool | None) -> str:
    from .screening import outcome_of

    return outcome_of(kind, met)  # type: ignore[arg-type]


def _sections(value: str | None) -> tuple[str, ...]:
    """``--assume-complete`` parsed exactly as ``eligo screen`` parses it."""
    from .cli import _sections as parse_sections  # cli imports this module at its end

    return parse_sections(value)


def _day(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--as-of: '{value}' is not a date; write YYYY-MM-DD") from None


def _trial(path: Path) -> Trial:
    from .trial import load_trial

    try:
        return load_trial(path)
    except EligoError as e:
        raise _fail(str(e)) from None


def _output(path: Path | None) -> Path | None:
    if path is None:
        return None
    if path.suffix.lower() not in (".csv", ".parquet"):
        raise _fail(f"{path}: write results as .csv or .parquet")
    return path


AsOf = Annotated[
    str | None, typer.Option("--as-of", help="Screening date YYYY-MM-DD (default: today).")
]
Complete = Annotated[
    str | None,
    typer.Option(
        "--assume-complete",
        help="Closed world for these sections: conditions,medications,procedures",
    ),
]


@cohort_app.command("screen")
def screen_command(
    patients: Annotated[
        Path,
        typer.Argument(
            help="Cohort tables (folder of CSV/Parquet, DuckDB file), JSONL, or a folder of JSON."
        ),
    ],
    trial: Annotated[Path, typer.Argument(help="Trial YAML file.")],
    as_of: AsOf = None,
    assume_complete: Complete = None,
    verdicts: Annotated[
        Path | None,
        typer.Option("--verdicts", help="Write one row per patient (.csv or .parquet)."),
    ] = None,
    results: Annotated[
        Path | None,
        typer.Option("--results", help="Write one row per patient and criterion (.csv/.parquet)."),
    ] = None,
    top: Annotated[int, typer.Option("--top", help="Criteria listed in the funnel.")] = 5,
) -> None:
    """Screen a cohort in DuckDB; print the funnel, write verdicts and per-criterion results."""
    from .cohort import screen_cohort

    day = _day(as_of)
    sections = _sections(assume_complete)
    out_v, out_r = _output(verdicts), _output(results)
    t = _trial(trial)
    cohort = _open(patients)
    result = screen_cohort(cohort, t, day, sections, _say)
    _write(result, out_v, out_r)
    typer.echo(result.funnel().text(top))
    bad = _bad_records(cohort)
    if bad:
        _say(f"{len(bad)} record(s) could not be read; first: {bad[0][1]}")
        raise typer.Exit(1)


def _write(result: CohortResult, verdicts: Path | None, results: Path | None) -> None:
    for path, write in ((verdicts, result.write_verdicts), (results, result.write_results)):
        if path is None:
            continue
        started = time.monotonic()
        try:
            write(path)
        except Exception as e:  # duckdb.IOException and friends: one line, no traceback
            raise _fail(f"{path}: cannot write ({str(e).splitlines()[0]})") from None
        _say(f"wrote {path} ({time.monotonic() - started:.1f} s)")


@cohort_app.command("convert")
def convert_command(
    patients: Annotated[Path, typer.Argument(help="Patient JSON / FHIR, a folder, or JSONL.")],
    out: Annotated[Path, typer.Argument(help="Folder for the cohort tables.")],
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="parquet or csv.")
    ] = TableFormat.parquet,
) -> None:
    """Convert patient records into the tabular cohort layout (one file per table)."""
    if fmt is TableFormat.jsonl:
        raise _fail("--format: convert writes tables: parquet or csv")
    cohort = _open(patients)
    for path in cohort.write(out, fmt.value):
        _say(f"wrote {path}")
    bad = _bad_records(cohort)
    for _, message in bad:
        _say(f"error: {message}")
    if bad:
        raise typer.Exit(1)


@cohort_app.command("sql")
def sql_command(
    trial: Annotated[Path, typer.Argument(help="Trial YAML file.")],
    cohort: Annotated[
        Path | None,
        typer.Option("--cohort", help="Read codes, names and units from this cohort."),
    ] = None,
    dialect: Annotated[
        Dialect, typer.Option("--dialect", help="duckdb or spark.")
    ] = Dialect.duckdb,
    as_of: AsOf = None,
    assume_complete: Complete = None,
) -> None:
    """Print the SQL a trial compiles to (inline lookup tables; DuckDB or Spark SQL).

    Without --cohort no record item can match, so give the cohort the query will run on.
    """
    from .sql import Bindings, bindings_from, compile_trial

    t = _trial(trial)
    bindings = Bindings()
    if cohort is not None:
        c = _open(cohort, progress=False)
        bindings = bindings_from(lambda q: c.con.execute(q).fetchall(), "duckdb")
    compiled = compile_trial(t, _day(as_of), bindings, _sections(assume_complete))
    for cid, why in compiled.fallback.items():
        _say(f"note: {cid} has no SQL form ({why}); its column is NULL")
    typer.echo(compiled.sql(dialect.value, pretty=True))


@cohort_app.command("generate")
def generate_command(
    n: Annotated[int, typer.Argument(help="How many patients.", min=1)],
    out: Annotated[Path, typer.Argument(help="A .jsonl file, or a folder for tables.")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="jsonl, parquet or csv.")
    ] = TableFormat.jsonl,
    as_of: AsOf = None,
) -> None:
    """Write synthetic patients (not clinical data) for trying eligo at scale."""
    from .synthetic import write_jsonl, write_tables

    day = _day(as_of) if as_of else date(2026, 11, 27)
    started = time.monotonic()
    if fmt is TableFormat.jsonl:
        write_jsonl(out, n, seed, day)
    else:
        write_tables(out, n, seed, day, fmt.value, _say)
    _say(f"wrote {n:,} synthetic patients to {out} ({time.monotonic() - started:.1f} s)")
