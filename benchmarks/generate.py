"""Synthetic cohorts for the benchmarks: ``python benchmarks/generate.py N OUT_DIR``.

Patients come from :mod:`eligo.synthetic` (seeded; values on thresholds, alternate units,
missing data).  Generating a patient in Python costs about a millisecond, so cohorts larger
than ``--base`` are made by repeating a base cohort under new patient ids in DuckDB (each
copy keeps its own rows; the engines still read every row).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from eligo.cohort import LAYOUT, TABLES, connect
from eligo.synthetic import write_tables


def generate(n: int, out: Path, seed: int = 0, base: int = 50_000) -> Path:
    """Write an ``n``-patient cohort as Parquet tables in ``out`` (reused when present)."""
    marker = out / f".n{n}.s{seed}"
    if marker.is_file():
        return out
    started = time.monotonic()
    if n <= base:
        write_tables(out, n, seed, fmt="parquet")
    else:
        seed_dir = out.parent / f"{out.name}.base{base}.s{seed}"
        if not (seed_dir / f".n{base}.s{seed}").is_file():
            write_tables(seed_dir, base, seed, fmt="parquet")
            (seed_dir / f".n{base}.s{seed}").touch()
        copies = -(-n // base)
        con = connect()
        out.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            cols = [c.name for c in LAYOUT[table]]
            select = ", ".join(
                "patient_id || '-' || k AS patient_id" if c == "patient_id" else c for c in cols
            )
            limit = f"WHERE k * {base} + rn < {n}" if table == "patients" else ""
            src = f"read_parquet('{seed_dir / f'{table}.parquet'}')"
            if table == "patients":
                src = f"(SELECT row_number() OVER () - 1 AS rn, * FROM {src})"
            query = f"SELECT {select} FROM {src}, range({copies}) r(k) {limit}"
            if table != "patients":  # keep only rows of patients that exist
                query = (
                    f"SELECT * FROM ({query}) WHERE patient_id IN "
                    f"(SELECT patient_id || '-' || k FROM (SELECT row_number() OVER () - 1 AS rn, "
                    f"patient_id FROM read_parquet('{seed_dir / 'patients.parquet'}')), "
                    f"range({copies}) r(k) WHERE k * {base} + rn < {n})"
                )
            con.execute(f"COPY ({query}) TO '{out / f'{table}.parquet'}' (FORMAT parquet)")
    marker.touch()
    print(
        f"generated {n:,} patients in {out} ({time.monotonic() - started:.0f} s)", file=sys.stderr
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="patients (1000 … 1000000)")
    parser.add_argument("out", type=Path, help="folder for the Parquet tables")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--base", type=int, default=50_000, help="patients generated in Python")
    args = parser.parse_args(argv)
    generate(args.n, args.out, args.seed, args.base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
