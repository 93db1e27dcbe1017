"""Compile speed of this checkout against a git revision, interleaved: ``python
benchmarks/ab_compile.py [--base main] [--rounds 8]``.

On a shared machine one "best of 3" of ``run.py --only compile`` moves by 10 % from one
minute to the next, more than most changes to the compile pipeline gain.  This runs the two
versions one after the other, round after round, each round a fresh process per version
that compiles every benchmark line (``run._lines``) once to warm up and then five times,
timed in CPU seconds (``time.process_time``); it prints each version's median and best
lines/s and their ratios.  A change that does not show in both ratios over several rounds
is within the noise.

The base revision is exported (``git archive``) to a temporary directory and imported from
there (``PYTHONPATH``), so the working tree is never touched; both read the same lines.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# run in each child: the rate (lines/s) of its best of five warm passes, CPU time
_CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
from run import _lines
import eligo
from eligo.parse import compile_text
if not eligo.__file__.startswith(sys.argv[1]):
    raise SystemExit(f"imported {eligo.__file__}, not from {sys.argv[1]}")
lines = _lines()
for text, kind in lines:
    compile_text(text, kind)
best = float("inf")
for _ in range(5):
    started = time.process_time()
    for text, kind in lines:
        compile_text(text, kind)
    best = min(best, time.process_time() - started)
print(len(lines) / best)
"""


def _rate(src: Path) -> float:
    """Lines/s of the eligo under ``src`` (its ``src`` directory), in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(src), str(HERE)],
        env={"PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return float(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", default="main", help="git revision to compare against")
    ap.add_argument("--rounds", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="eligo-ab-") as tmp:
        archive = subprocess.run(
            ["git", "archive", args.base], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        trees = {"base": Path(tmp) / "src", "this": ROOT / "src"}
        rates: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, src in trees.items():
                rates[name].append(_rate(src))
    for name, seen in rates.items():
        print(
            f"{name:>4} ({args.base if name == 'base' else 'checkout'}): median "
            f"{statistics.median(seen):,.0f}, best {max(seen):,.0f} lines/s  "
            f"[{', '.join(f'{r:,.0f}' for r in seen)}]"
        )
    med = statistics.median(rates["this"]) / statistics.median(rates["base"])
    top = max(rates["this"]) / max(rates["base"])
    print(f"this / base: {med:.3f} (medians), {top:.3f} (bests)")


if __name__ == "__main__":
    main()
