"""Explain: screening results and traces → text for people.

The last stage.  Text output follows contract §5: the verdict first, then failing criteria
with the values, units and dates used, then unknowns with the data that would decide them,
then passes.  :func:`trace_report` prints a criterion's whole evaluation tree (``eligo
explain``).  Everything here is a view over results already computed; nothing is re-evaluated.
"""

from __future__ import annotations

from .evaluate import Trace
from .logic import Truth
from .nodes import AllOf, AnyOf, Not
from .render import render
from .screening import CriterionResult, ScreenResult

VERDICT_TEXT = {
    "eligible": "ELIGIBLE",
    "ineligible": "INELIGIBLE",
    "needs_review": "NEEDS REVIEW (some criteria could not be decided from the record)",
}
MARK = {"pass": "✓", "fail": "✗", "unknown": "?"}


def _line(r: CriterionResult) -> str:
    kind = "incl" if r.kind == "inclusion" else "excl"
    flag = "" if r.criterion.understood else "  [not fully understood]"
    return f"  {MARK[r.outcome]} {r.id} ({kind}) {r.criterion.text}{flag}\n      {r.explanation}"


def text_report(result: ScreenResult) -> str:
    """Human-readable screening report."""
    out = [
        f"Patient {result.patient} · trial {result.trial} · as of {result.as_of.isoformat()}",
        f"Verdict: {VERDICT_TEXT[result.verdict]}",
    ]
    if result.assumed_complete:
        out.append(f"Record declared complete for: {', '.join(result.assumed_complete)}")
    groups = (
        ("fail", "Failing criteria"),
        ("unknown", "Undecided criteria (data needed)"),
        ("pass", "Passing criteria"),
    )
    for outcome, title in groups:
        rs = [r for r in result.criteria if r.outcome == outcome]
        if not rs:
            continue
        out.append("")
        out.append(f"{title} ({len(rs)}):")
        for r in rs:
            out.append(_line(r))
            if outcome == "unknown" and r.missing:
                out.append(f"      needs: {'; '.join(r.missing)}")
    if result.missing:
        out.append("")
        out.append("Data that would decide the open criteria: " + "; ".join(result.missing))
    return "\n".join(out)


def trace_report(result: CriterionResult) -> str:
    """The node tree of one criterion with each node's value and the record items it read."""
    trace: Trace = result.trace
    lines = [
        f"{result.id} ({result.kind}): {result.criterion.text}",
        f"rule: {result.criterion.rule_text}",
        f"met: {_truth(trace.root.truth)} → outcome {result.outcome}",
        "",
    ]
    depth: list[int] = []
    stack: list[tuple[int, int]] = [(0, 0)]
    # nodes are in pre-order; recompute depth from child counts
    idx = 0
    depth = [0] * len(trace.nodes)
    stack = []
    for i, node in enumerate(trace.nodes):
        while stack and stack[-1][1] == 0:
            stack.pop()
        depth[i] = len(stack)
        if stack:
            d, left = stack[-1]
            stack[-1] = (d, left - 1)
        n_children = (
            len(node.children)
            if isinstance(node, AllOf | AnyOf)
            else (1 if isinstance(node, Not) else 0)
        )
        if n_children:
            stack.append((i, n_children))
        idx = i
    del idx
    for i, (node, res) in enumerate(zip(trace.nodes, trace.results, strict=True)):
        pad = "  " * depth[i]
        label = type(node).__name__ if isinstance(node, AllOf | AnyOf | Not) else render(node)
        lines.append(f"{pad}[{_truth(res.truth)}] {label}")
        if not isinstance(node, AllOf | AnyOf | Not):
            lines.append(f"{pad}    {res.explanation}")
            if res.read:
                lines.append(f"{pad}    read: {', '.join(res.read)}")
            if res.truth is Truth.UNKNOWN and res.missing:
                lines.append(f"{pad}    needs: {'; '.join(res.missing)}")
    return "\n".join(lines)


def _truth(t: Truth) -> str:
    return {Truth.MET: "true", Truth.NOT_MET: "false", Truth.UNKNOWN: "unknown"}[t]
