"""Dump what every criterion line compiles to, for byte-for-byte comparison across changes.

``python benchmarks/dump_compiled.py > out.txt`` prints, for every line of criteria/*.yaml,
../shared/corpus/*.yaml and every non-blank line of ../shared/seeds/*.txt (read both as an
inclusion and as an exclusion): kind, text, rendered rule, node structure, the span of every
node, annotations,
notes, unparsed spans and coverage level.  A speed-up of the compile pipeline must leave
this output unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def lines() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for folder in (ROOT / "criteria", SHARED / "corpus"):
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.safe_load(path.read_text("utf-8")) or {}
            for kind in ("inclusion", "exclusion"):
                for item in data.get(kind) or []:
                    text = item.get("text") if isinstance(item, dict) else item
                    if isinstance(text, str) and text.strip():
                        out.append((kind, text))
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        for text in path.read_text("utf-8").splitlines():
            if text.strip():
                out.append(("inclusion", text))
                out.append(("exclusion", text))
    return out


def main() -> None:
    from eligo.coverage import level
    from eligo.nodes import walk
    from eligo.parse import compile_text
    from eligo.render import render

    write = sys.stdout.write
    for kind, text in lines():
        c = compile_text(text, kind)  # type: ignore[arg-type]
        write(f"{kind}\t{text!r}\n")
        write(f"  rule: {render(c.rule)}\n")
        write(f"  tree: {c.rule!r}\n")
        spans = [
            f"{type(n).__name__}{(n.span.start, n.span.end) if hasattr(n, 'span') else ''}"
            for n in walk(c.rule)
        ]
        write(f"  spans: {' '.join(spans)}\n")
        write(f"  annotations: {c.annotations!r}\n")
        write(f"  notes: {c.notes!r}\n")
        write(f"  unparsed: {[u.text for u in c.unparsed]!r}\n")
        write(f"  level: {level(c)}\n")


if __name__ == "__main__":
    main()
