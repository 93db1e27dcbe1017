"""Both engines at scale: ``python benchmarks/agree.py [N] [--trials GLOB]``.

Generates N synthetic patients (JSONL, default 20,000), screens them against every trial in
``criteria/`` with ``eligo screen --engine python`` and ``--engine duckdb`` (``--format
json``), and counts the patients and criterion results (``met`` and ``outcome``) on which the
two disagree.  The default suite runs the same differential on 2,000 patients
(tests/test_sql.py); this is the larger run a release is checked with.  Exit status 1 if any
result differs or a patient is missing from either side.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AS_OF = "2026-11-27"

Row = tuple[str, tuple[tuple[str, object, str], ...]]
ELIGO = [
    sys.executable,
    "-c",
    "import sys; from eligo.cli import main; sys.argv[0] = 'eligo'; main()",
]


def _screen(patients: Path, trial: Path, engine: str) -> dict[str, Row]:
    cmd = [*ELIGO, "screen", str(patients), str(trial)]
    cmd += ["--as-of", AS_OF, "--format", "json", "--engine", engine]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    rows: dict[str, Row] = {}
    for line in out.stdout.splitlines():
        if line.strip():
            d = json.loads(line)
            crit = tuple((c["id"], c["met"], c["outcome"]) for c in d["criteria"])
            rows[d["patient"]] = (d["verdict"], crit)
    if out.returncode != 0 or not rows:  # (1: a record or line could not be screened)
        raise SystemExit(f"{engine} on {trial.name} failed ({out.returncode}): {out.stderr[-500:]}")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("patients", nargs="?", type=int, default=20_000)
    ap.add_argument("--trials", default="*.yaml", help="glob under criteria/")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--work", type=Path, default=Path("/tmp/eligo-agree"))
    args = ap.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    jsonl = args.work / f"patients{args.patients}-s{args.seed}.jsonl"
    if not jsonl.exists():
        gen = [*ELIGO, "cohort", "generate", str(args.patients)]
        subprocess.run([*gen, str(jsonl), "-f", "jsonl", "--seed", str(args.seed)], check=True)
    bad = total = 0
    for trial in sorted((ROOT / "criteria").glob(args.trials)):
        started = time.perf_counter()
        py, db = _screen(jsonl, trial, "python"), _screen(jsonl, trial, "duckdb")
        missing = len(py.keys() ^ db.keys())
        verdicts = sum(py[p][0] != db[p][0] for p in py.keys() & db.keys())
        results = sum(
            a != b for p in py.keys() & db.keys() for a, b in zip(py[p][1], db[p][1], strict=True)
        )
        n = sum(len(r[1]) for r in py.values())
        total += n
        bad += missing + verdicts + results
        print(
            f"{trial.stem}: {len(py):,} patients, {n:,} criterion results; "
            f"missing {missing}, verdicts differ {verdicts}, results differ {results} "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    print(f"{total:,} criterion results in all; {bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
