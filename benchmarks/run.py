"""Benchmarks, side by side in one run: ``python benchmarks/run.py``.

1. eligo in-process (``eligo.screening.screen``) vs a hand-written Python predicate for
   NCT04243681, on the same synthetic records (goal: within 3x);
2. eligo on DuckDB (``eligo.cohort.screen_cohort``: compile, query) vs a hand-written DuckDB
   query for the same trial, on the same loaded tables (goal: within 1.5x at 1,000,000
   patients); the cohort's distinct record keys are read by the first screening (printed
   apart, like the load) and checked by every query;
3. compiling criterion lines (``eligo.parse.compile_text``) vs a bare Lark parse of the same
   lines (eligo's lexer + ``eligo.parse.text_parser()``), warm (goal: >= 5,000 lines/s);
4. ``eligo screen`` of one patient as a fresh process, cold (goal: < 0.5 s).

Goals are measured and reported, never asserted.  Synthetic cohorts are cached under
``--work`` (default ``/tmp/eligo-bench``).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

AS_OF = date(2026, 11, 27)
TRIAL = ROOT / "criteria" / "NCT04243681.yaml"


def _best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _cpu() -> float:
    """CPU seconds of this process so far, DuckDB's worker threads included."""
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _best_both(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs (a shared machine is noisy)."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), _cpu()
        fn()
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
    return min(walls), min(cpus)


def in_process(n: int) -> dict[str, float]:
    from handwritten import predicate

    from eligo.errors import PatientRecordError
    from eligo.patient import parse_patient
    from eligo.screening import screen
    from eligo.synthetic import Generator
    from eligo.trial import load_trial

    trial = load_trial(TRIAL)
    records = []
    for data in Generator(1, AS_OF).patients(2 * n):
        try:
            records.append(parse_patient(data, data["id"]))
        except PatientRecordError:
            continue
        if len(records) == n:
            break
    for rec in records[:50]:  # warm: vocabulary, caches
        screen(rec, trial, AS_OF)
        predicate(rec)
    eligo_s = _best(lambda: [screen(r, trial, AS_OF) for r in records], 2)
    hand_s = _best(lambda: [predicate(r) for r in records], 3)
    same = sum(screen(r, trial, AS_OF).verdict == predicate(r) for r in records) / n
    return {"patients": n, "eligo_s": eligo_s, "hand_s": hand_s, "agree": same}


def on_duckdb(n: int, work: Path) -> dict[str, float]:
    from generate import generate
    from handwritten import CRITERIA, sql

    from eligo.cohort import CohortResult, open_cohort, screen_cohort
    from eligo.trial import load_trial

    folder = generate(n, work / f"cohort{n}")
    started = time.perf_counter()
    cohort = open_cohort(folder)
    load_s = time.perf_counter() - started
    trial = load_trial(TRIAL)
    con = cohort.con
    hand_sql = sql(AS_OF)

    def eligo() -> CohortResult:
        return screen_cohort(cohort, trial, AS_OF)

    same_sql = sql(AS_OF, same_rows=True)

    def hand() -> None:
        con.execute(f"CREATE OR REPLACE TEMP TABLE hand_result AS {hand_sql}")

    def hand_same() -> None:
        con.execute(f"CREATE OR REPLACE TEMP TABLE same_result AS {same_sql}")

    started = time.perf_counter()
    first = eligo()  # warm: imports, vocabulary, lookup tables; reads the cohort's distinct keys
    first_s = time.perf_counter() - started
    hand()
    hand_same()
    eligo_s, eligo_cpu = _best_both(eligo, 2)
    hand_s, hand_cpu = _best_both(hand, 2)
    same_s, same_cpu = _best_both(hand_same, 2)
    # the same three-valued result (met, not met, unknown), criterion by criterion
    pairs = [
        (column, CRITERIA[c.id])
        for column, c in zip(first.compiled.columns, first.compiled.trial.criteria, strict=True)
        if c.id in CRITERIA
    ]
    same = " + ".join(
        f"CASE WHEN e.{column} IS NOT DISTINCT FROM ({hand_expr}) THEN 1.0 ELSE 0.0 END"
        for column, hand_expr in pairs
    )
    agreement = {}
    for table in ("hand_result", "same_result"):
        row = con.execute(
            "SELECT avg(CASE WHEN e.verdict = h.verdict THEN 1.0 ELSE 0.0 END), "
            f"avg(({same}) / {len(pairs)}) FROM eligo_result e JOIN {table} h USING (patient_id)"
        ).fetchone()
        agreement[table] = (float(row[0]), float(row[1])) if row else (math.nan, math.nan)
    agree, criteria_agree = agreement["hand_result"]
    same_agree, same_criteria_agree = agreement["same_result"]
    # observation rows each query reads: eligo's map keeps its trial's rows (labs also by
    # name, ascites and encephalopathy grades, a recorded MELD), the hand query five codes
    row = con.execute(
        "SELECT count(*) FROM observations x JOIN eligo_obs_map m ON "
        + " AND ".join(
            f"x.{k} IS NOT DISTINCT FROM m.{k}" for k in ("code", "system", "name", "unit")
        )
        + " WHERE m.slot IS NOT NULL"
    ).fetchone()
    eligo_rows = int(row[0]) if row else 0
    row = con.execute(
        "SELECT count(*) FROM observations WHERE code IN "
        "('777-3', '6301-6', '2160-0', '1975-2', '1751-7') OR name = 'Child-Pugh class'"
    ).fetchone()
    hand_rows = int(row[0]) if row else 0
    return {
        "patients": n,
        "load_s": load_s,
        "first_s": first_s,
        "eligo_s": eligo_s,
        "hand_s": hand_s,
        "eligo_cpu": eligo_cpu,
        "hand_cpu": hand_cpu,
        "same_s": same_s,
        "same_cpu": same_cpu,
        "agree": agree,
        "criteria_agree": criteria_agree,
        "same_agree": same_agree,
        "same_criteria_agree": same_criteria_agree,
        "eligo_rows": eligo_rows,
        "hand_rows": hand_rows,
    }


def _lines() -> list[tuple[str, str]]:
    import yaml

    out = []
    sources = sorted((ROOT / "criteria").glob("*.yaml"))
    corpus = ROOT.parent / "shared" / "corpus"
    if corpus.is_dir():
        sources += sorted(corpus.glob("*.yaml"))
    for path in sources:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind in ("inclusion", "exclusion"):
            for line in data.get(kind) or []:
                text = line if isinstance(line, str) else str(line.get("text", ""))
                if text.strip():
                    out.append((text, kind))
    return out


def compile_speed() -> dict[str, float]:
    from eligo.lexer import lex
    from eligo.normalize import normalise
    from eligo.parse import _TokenList, compile_text, text_parser  # noqa: F401

    lines = _lines()
    parser = text_parser()

    def bare() -> None:
        for text, kind in lines:
            toks, _ = lex(normalise(text), kind)
            if toks:
                # a line the bare parse rejects costs its failed parse (eligo demotes, retries)
                with contextlib.suppress(Exception):
                    parser.parse(toks)

    def full() -> None:
        for text, kind in lines:
            compile_text(text, kind)  # type: ignore[arg-type]

    full()  # warm: lexer tables, parser, vocabulary
    bare()
    full_s = _best(full, 3)
    bare_s = _best(bare, 3)
    return {"lines": len(lines), "compile_s": full_s, "bare_s": bare_s}


def cold_start(runs: int) -> dict[str, float]:
    eligo = Path(sys.executable).parent / "eligo"
    patient = ROOT / "examples" / "patients" / "P01-eligible-decompensated-cirrhosis.json"
    cmd = [str(eligo), "screen", str(patient), str(TRIAL), "--as-of", "2026-11-27"]
    # A wheel install byte-compiles eligo; an editable one writes .pyc on first import -
    # unless PYTHONDONTWRITEBYTECODE is set (as on this workplace's machines), when every
    # start would recompile eligo's source. Compile once, as an install would.
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "eligo"), quiet=1)
    subprocess.run(cmd, capture_output=True, check=False)  # the trial cache is built once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return {"best_s": min(times), "median_s": statistics.median(times)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1_000_000, help="DuckDB cohort size")
    parser.add_argument("--in-process", type=int, default=5_000, help="records screened in Python")
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/eligo-bench"))
    parser.add_argument(
        "--only",
        choices=("in-process", "duckdb", "compile", "cold"),
        help="run one section (1-4) instead of all four",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    import duckdb

    print(
        f"eligo benchmarks, {date.today().isoformat()}: {platform.platform()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, DuckDB {duckdb.__version__}"
    )
    if args.only in (None, "in-process"):
        _print_in_process(in_process(args.in_process))
    if args.only in (None, "duckdb"):
        _print_duckdb(on_duckdb(args.patients, args.work))
    if args.only in (None, "compile"):
        _print_compile(compile_speed())
    if args.only in (None, "cold"):
        _print_cold(cold_start(args.cold_runs))
    return 0


def _print_in_process(ip: dict[str, float]) -> None:
    print(
        f"1. in-process vs hand-written Python, NCT04243681, {ip['patients']:,.0f} patients: "
        f"eligo {ip['eligo_s']:.2f} s ({1e3 * ip['eligo_s'] / ip['patients']:.2f} ms/patient), "
        f"hand-written {ip['hand_s']:.3f} s -> ratio {ip['eligo_s'] / ip['hand_s']:.1f}x "
        f"(goal <= 3x); verdicts agree on {100 * ip['agree']:.1f}%"
    )


def _print_duckdb(db: dict[str, float]) -> None:
    print(
        f"2. eligo on DuckDB vs hand-written SQL, {db['patients']:,.0f} patients "
        f"(tables loaded and checked in {db['load_s']:.1f} s; eligo's first screening, which "
        f"also reads the cohort's distinct record keys once, {db['first_s']:.2f} s): "
        f"eligo {db['eligo_s']:.2f} s, "
        f"hand-written {db['hand_s']:.2f} s -> ratio {db['eligo_s'] / db['hand_s']:.2f}x "
        f"(goal <= 1.5x); CPU {db['eligo_cpu']:.2f} s vs {db['hand_cpu']:.2f} s -> ratio "
        f"{db['eligo_cpu'] / db['hand_cpu']:.2f}x; verdicts agree on {100 * db['agree']:.1f}%, "
        f"criterion results on {100 * db['criteria_agree']:.1f}%; observation rows read: "
        f"eligo {db['eligo_rows']:,.0f}, hand-written {db['hand_rows']:,.0f}\n"
        f"2b. the hand-written query reading the same observation rows as eligo (labs by "
        f"name too, ascites and encephalopathy grades, a recorded MELD): "
        f"{db['same_s']:.2f} s -> ratio {db['eligo_s'] / db['same_s']:.2f}x; CPU "
        f"{db['same_cpu']:.2f} s -> ratio {db['eligo_cpu'] / db['same_cpu']:.2f}x; verdicts "
        f"agree on {100 * db['same_agree']:.1f}%, criterion results on "
        f"{100 * db['same_criteria_agree']:.1f}%"
    )


def _print_compile(cs: dict[str, float]) -> None:
    print(
        f"3. compile vs bare Lark parse, {cs['lines']:,.0f} lines, warm: "
        f"{cs['lines'] / cs['compile_s']:,.0f} lines/s vs {cs['lines'] / cs['bare_s']:,.0f} "
        f"lines/s -> ratio {cs['compile_s'] / cs['bare_s']:.1f}x (goal >= 5,000 lines/s)"
    )


def _print_cold(cold: dict[str, float]) -> None:
    print(
        f"4. `eligo screen` one patient, fresh process: best {cold['best_s']:.2f} s, "
        f"median {cold['median_s']:.2f} s (goal < 0.5 s)"
    )


if __name__ == "__main__":
    sys.exit(main())
