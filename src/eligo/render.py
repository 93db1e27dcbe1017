"""Render: rule nodes → canonical rule text (what ``eligo compile`` prints).

Dispatches on node type.  The output is the canonical rule language of ``grammar/rule.lark``:
compiling it gives the same node back (``compile_rule(render(r)) == r``).  Numbers print in
their shortest exact form, time units as words, other units as UCUM.
"""

from __future__ import annotations

import functools
import json

from .nodes import (
    AllOf,
    AnyOf,
    Category,
    Comparison,
    Duration,
    Mention,
    Node,
    Not,
    Quantity,
    Range,
    RefMultiple,
    Unparsed,
    Value,
    Versus,
    Window,
)

TIME_WORDS = {"h": "hour", "d": "day", "wk": "week", "mo": "month", "a": "year"}


def number(x: float) -> str:
    """Shortest exact decimal text of ``x``.

    >>> number(80000.0), number(1.6), number(0.5), number(1e-7)
    ('80000', '1.6', '0.5', '0.0000001')
    """
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    text = repr(x)
    if "e" in text:
        from decimal import Decimal

        text = format(Decimal(text), "f")  # exact: the shortest repr's digits, no exponent
    return text


def unit_text(value: float, unit: str) -> str:
    """`` 20 years`` / `` 1.6 mg/dL`` / ``''`` for a pure number."""
    if unit in TIME_WORDS:
        word = TIME_WORDS[unit]
        return f" {word}" if value == 1 else f" {word}s"
    return f" {unit}" if unit not in ("", "1") else ""


def value_text(v: Value) -> str:
    if isinstance(v, Quantity):
        return number(v.value) + unit_text(v.value, v.unit)
    if isinstance(v, RefMultiple):
        return f"{number(v.value)} x {v.limit}"
    return v.value


def window_text(w: Window | None) -> str:
    if w is None:
        return ""
    return f" within {number(w.amount)}{unit_text(w.amount, w.unit)}"


def lasting_text(d: Duration | None) -> str:
    if d is None:
        return ""
    return f" for {d.op} {number(d.amount)}{unit_text(d.amount, d.unit)}"


def excluding_text(excluding: tuple[str, ...]) -> str:
    """`` except (hcc, nonmelanoma_skin_cancer)`` / ``''``."""
    return f" except ({', '.join(excluding)})" if excluding else ""


@functools.singledispatch
def render(node: Node) -> str:
    """Canonical text of a rule node."""
    raise TypeError(f"cannot render {type(node).__name__}")  # pragma: no cover


@render.register
def _(node: Comparison) -> str:
    return f"{node.concept} {node.op} {value_text(node.value)}{window_text(node.window)}"


@render.register
def _(node: Range) -> str:
    lo = ">=" if node.low_inclusive else ">"
    hi = "<=" if node.high_inclusive else "<"
    w = window_text(node.window)
    return (
        f"{node.concept} {lo} {value_text(node.low)}{w} and "
        f"{node.concept} {hi} {value_text(node.high)}{w}"
    )


@render.register
def _(node: Versus) -> str:
    return f"{node.left} {node.op} {node.right}{window_text(node.window)}"


@render.register
def _(node: Mention) -> str:
    prefix = "history of " if node.qualifier == "history" else ""
    return (
        f"{prefix}{node.concept}{excluding_text(node.excluding)}{lasting_text(node.lasting)}"
        f"{window_text(node.window)}"
    )


@render.register
def _(node: Not) -> str:
    child = render(node.child)
    if isinstance(node.child, (AllOf, AnyOf, Range)):
        child = f"({child})"
    return f"not {child}"


@render.register
def _(node: AllOf) -> str:
    parts = []
    for c in node.children:
        text = render(c)
        parts.append(f"({text})" if isinstance(c, AnyOf) else text)
    return " and ".join(parts)


@render.register
def _(node: AnyOf) -> str:
    parts = []
    for c in node.children:
        text = render(c)
        parts.append(f"({text})" if isinstance(c, (AllOf, Range)) else text)
    return " or ".join(parts)


@render.register
def _(node: Unparsed) -> str:
    return f"unparsed({json.dumps(node.text, ensure_ascii=False)})"


def category(value: str) -> Category:
    """Helper for tests and overrides."""
    return Category(value)
