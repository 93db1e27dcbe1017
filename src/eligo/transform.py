"""Transform: Lark parse trees → rule nodes.  The only module that sees ``lark.Tree``.

Two transformers share one finishing pass (:func:`canonicalize`):

* :class:`TextTransformer` reads registry text (``grammar/criteria.lark``).  It first builds
  a small *proto* tree that still holds the registry's loose constructs — comma lists,
  juxtaposition, postfix parentheticals, stray windows, subject-less bounds ("or more than
  70 years") — then :func:`_resolve` decides what they mean, with these documented rules:

  - a bound without a subject takes the concept of the nearest comparison before it, and a
    number without a unit takes the unit written for the same concept elsewhere in the line,
    else the analyte's plausible unit (``Quantity.assumed``; the explanation says so);
  - a comma/semicolon list takes the connective of its last clause ("A, B or C" is OR); with
    none, an inclusion list is AND (all required) and an exclusion list OR (any excludes);
  - juxtaposed pieces are ANDed ("severe ARDS with PaO2/FiO2 < 150");
  - a window applies to every mention and comparison of the piece before it ("GI bleeding or
    SBP (within last one month)"), or after it when it comes first;
  - a window after the last item of a comma list of conditions ("ACS, MI, CABG or angioplasty
    within 3 months") applies to every item of the list (items with unread words too), and
    the list is an "or" list when its last clause is ("No A, B, or C within 3 weeks" is
    ``not (A or B or C)``); a window after a piece with nothing it can bound stays unread;
  - each sentence of a line is a list of its own ("A, B or C within 4 weeks. D");
  - ``history of`` makes every mention under it "ever"; a measurement under it cannot be
    looked up in the past, so it reads ``comparison or unparsed(cue)``;
  - ``recent`` without a stated window is not guessed: it stays as an unparsed qualifier;
  - an exception ("malignancy (except hepatoma or non-melanoma skin cancer)") restricts what
    precedes it: ``cancer and not (hcc or nonmelanoma_skin_cancer)``; under a negation ("no
    malignancy except …") it restricts what is negated;
  - a postfix parenthetical that repeats the concept is an abbreviation and is dropped; one
    that negates ("beyond Milan") restricts (AND); one fully read otherwise extends (OR:
    examples or definitions); one not fully read restricts (AND) so nothing unread can make a
    line true; words the grammar did not read followed by a fully read parenthetical are read
    as defined by it ("severe coagulopathy (platelets <20,000 or INR >4)"), and so is a
    concept with an unread qualifier when the parenthetical states a threshold ("severe liver
    failure (Child Pugh score > 6)" is ``child_pugh_points > 6``); a parenthetical age or sex
    restricts (AND: "ICU patients (>18 yrs)"); a parenthetical that restates the threshold of
    the same measure under a condition eligo cannot read ("age greater than 13 years (age
    greater than 18 years as required by some local regulations)") is not ANDed: the stricter
    threshold holds only under the unread condition.

* :class:`RuleTransformer` reads canonical rules (``grammar/rule.lark``), strictly.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import math
import re
from dataclasses import dataclass, field, fields, is_dataclass
from dataclasses import replace as dc_replace
from typing import Any, Literal

from lark import Token, Transformer, Tree, v_args
from lark.exceptions import VisitError

from .concepts import Concept, comparable, narrower, vocabulary
from .errors import CriterionSyntaxError, UnitError, did_you_mean
from .lexer import EXCLUSION_HEADER, REQUIREMENT_AMONG_EXCLUSIONS, TIME_UNITS, Tok
from .nodes import (
    AllOf,
    AnyOf,
    Category,
    Comparison,
    Duration,
    Mention,
    Node,
    Not,
    Op,
    Quantity,
    Range,
    RefMultiple,
    Span,
    Unparsed,
    Value,
    Versus,
    Window,
    walk,
)
from .normalize import Normalised

Kind = Literal["inclusion", "exclusion"]

# ---------------------------------------------------------------------------- proto tree


@dataclass
class PBound:
    """A comparison whose subject may still be missing ("or more than 70 years")."""

    concept: str | None
    op: str
    value: Any  # ("q", number, unit|None, limit|None) | ("cat", str)
    span: Span
    window: Window | None = None
    bound_span: Span | None = None  # the comparator and value alone, without the concept


@dataclass
class PRange:
    concept: str
    low: tuple[float, str | None]
    high: tuple[float, str | None]
    span: Span
    high_inclusive: bool = True
    low_inclusive: bool = True
    # "between 2 x ULN and 3 x ULN": bounds that are multiples of a reference limit;
    # "mixed" when the two bounds disagree ("2 mg/dL to 3 x ULN"), which is left unread
    limit: str | None = None


@dataclass
class PWindow:
    window: Window
    span: Span


@dataclass
class PDefinition:
    """ "X (defined as Y)": Y is what X means here."""

    content: Any
    cue: Span


@dataclass
class PExcept:
    """ "except Y" / "unless Y": Y is left out of what precedes it."""

    content: Any
    span: Span
    cue: str = "except"


def _several(base: Any) -> bool:
    """ "A, B, …, or D unless E": whether the waiver covers every item or only the last one is
    not said (NCT01857115: "… Grade 3 conduction system abnormalities unless subject has a
    pacemaker").  Read over the list, a patient with a pacemaker and a recent infarction was
    not excluded; the waiver then keeps the line open (unknown), as "except" does."""
    return isinstance(base, AnyOf) and len(base.children) > 1


@dataclass
class PExceptOf:
    """ "X except Y" within one list of clauses."""

    base: Any
    exception: PExcept


@dataclass
class PModified:
    """ "uncontrolled hypertension": a concept with a qualifier eligo cannot read."""

    mod: PLeaf
    child: Any


@dataclass
class PList:
    clauses: list[Any]
    sentences: bool = False  # the sentences of a line, not one list's items


@dataclass
class PJuxt:
    children: list[Any]


@dataclass
class PParen:
    atom: Any
    parens: list[Any]


@dataclass
class PPrefix:
    cue: Literal["not", "history", "recent"]
    child: Any
    span: Span


@dataclass
class PAny:
    children: list[Any]


@dataclass
class PAll:
    children: list[Any]


@dataclass
class PLeaf:
    node: Node


@dataclass
class Context:
    """What the text transformer needs besides the tree."""

    norm: Normalised
    toks: list[Tok]
    kind: Kind
    notes: list[str] = field(default_factory=list)

    def span(self, first: Tok, last: Tok | None = None) -> Span:
        """The original text of ``first`` (through ``last``)."""
        s, e = self.norm.original_span(first.start, first.end)
        if last is not None and last is not first:
            _, e = self.norm.original_span(last.start, last.end)
        return Span(s, e)

    def text(self, span: Span) -> str:
        return self.norm.original[span.start : span.end]


def _join(a: Span, b: Span) -> Span:
    """The span from the earlier start to the later end of ``a`` and ``b``."""
    s, t = a.start, b.start
    e, f = a.end, b.end
    return Span(t if t < s else s, f if f > e else e)


class TextTransformer:
    """Registry-text parse tree → proto tree (see module docstring).

    Works like a ``lark.Transformer`` with ``v_args(inline=True)``: bottom up, each rule's
    method gets its transformed children, a rule without a method stays a ``Tree``, and an
    error in a method arrives wrapped in ``VisitError``.  A token arrives as the lexer's
    :class:`~eligo.lexer.Tok` (a Lark ``Token``'s ``start_pos`` is its index in
    ``ctx.toks``).  The walk is written out because Lark's generic dispatch (a new wrapper
    per call, a failed attribute lookup per token) cost more than the methods themselves.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def transform(self, tree: Tree[Token]) -> Any:
        toks = self.ctx.toks
        children = [
            self.transform(c)
            if isinstance(c, Tree)
            else toks[int(c.start_pos or 0)]
            if isinstance(c, Token)
            else c
            for c in tree.children
        ]
        method = getattr(self, tree.data, None)
        if method is None:
            return Tree(tree.data, children, tree.meta)
        try:
            return method(*children)
        except Exception as e:
            raise VisitError(tree.data, tree, e) from e  # type: ignore[no-untyped-call]

    def apply(self, tree: Tree[Any]) -> Any:
        """One rule's method on a tree whose children are transformed already (the parser
        calls it at a reduction it leaves to Lark); a rule without a method stays a ``Tree``."""
        if tree.data.startswith("_"):
            return tree  # an inlined rule: its children go into its parent's
        method = getattr(self, tree.data, None)
        if method is None:
            return tree
        try:
            return method(*tree.children)
        except Exception as e:
            raise VisitError(tree.data, tree, e) from e  # type: ignore[no-untyped-call]

    def start(self, clauses: Any) -> Any:
        return clauses

    def clauses(self, *items: Any) -> Any:
        # sentences ("A, B or C within 4 weeks. D") are lists of their own: a list's
        # connective and a window closing it are those of its sentence
        sentences: list[list[Any]] = [[]]
        for i in items:
            if isinstance(i, Tok) and i.value in (".", ";"):
                sentences.append([])
            elif not isinstance(i, (Tok, PExcept)):
                sentences[-1].append(i)
        groups = [g[0] if len(g) == 1 else PList(g) for g in sentences if g]
        base = groups[0] if len(groups) == 1 else PList(groups, sentences=True)
        exceptions = [i for i in items if isinstance(i, PExcept)]
        return PExceptOf(base, exceptions[0]) if exceptions else base

    def exception(self, cue: Tok, clauses: Any) -> Any:
        return PExcept(clauses, self.ctx.span(cue), str(cue.value))

    def juxt(self, *children: Any) -> Any:
        return PJuxt(list(children))

    def any_of(self, *items: Any) -> Any:
        return PAny([i for i in items if not isinstance(i, Tok)])

    def all_of(self, *items: Any) -> Any:
        return PAll([i for i in items if not isinstance(i, Tok)])

    def negation(self, cue: Tok, child: Any) -> Any:
        return PPrefix("not", child, self.ctx.span(cue))

    def history(self, cue: Tok, child: Any) -> Any:
        return PPrefix("history", child, self.ctx.span(cue))

    def recent(self, cue: Tok, child: Any) -> Any:
        return PPrefix("recent", child, self.ctx.span(cue))

    def modified(self, mod: Tok, child: Any) -> Any:
        span = self.ctx.span(mod)
        return PModified(PLeaf(Unparsed(self.ctx.text(span), span=span)), child)

    def with_paren(self, atom: Any, *parens: Any) -> Any:
        return PParen(atom, list(parens))

    def paren(self, lpar: Tok, clauses: Any, _r: Tok) -> Any:
        if lpar.value == "def":
            return PDefinition(clauses, self.ctx.span(lpar))
        return clauses

    def group(self, _l: Tok, clauses: Any, _r: Tok) -> Any:
        return clauses

    def mention(self, concept: Tok) -> Any:
        return PLeaf(Mention(concept.value, span=self.ctx.span(concept)))  # type: ignore[arg-type]

    def lasting_mention(self, concept: Tok, lasting: Tok) -> Any:
        """ "T2DM for at least 6 months": the concept, and how long it lasted."""
        value: Any = lasting.value
        op, amount, unit = value
        span = _join(self.ctx.span(concept), self.ctx.span(lasting))
        cid = concept.value
        return PLeaf(Mention(cid, lasting=Duration(op, float(amount), unit), span=span))  # type: ignore[arg-type]

    def comparison(self, concept: Tok, tail: Any) -> Any:
        cid = str(concept.value)
        tail.concept = cid
        if isinstance(tail, PBound):
            tail.bound_span = tail.span
        tail.span = _join(self.ctx.span(concept), tail.span)
        return tail

    def bound(self, cmp: Tok, q: Any) -> Any:
        return PBound(None, str(cmp.value), q[0], _join(self.ctx.span(cmp), q[1]))

    def bare_bound(self, cmp: Tok, q: Any) -> Any:
        return self.bound(cmp, q)

    def category_bound(self, cmp: Tok, cat: Tok) -> Any:
        val = ("cat", str(cat.value))
        return PBound(None, str(cmp.value), val, self.ctx.span(cmp, cat))

    def category_eq(self, cat: Tok) -> Any:
        return PBound(None, "=", ("cat", str(cat.value)), self.ctx.span(cat))

    def bare_category(self, cat: Tok) -> Any:
        return self.category_eq(cat)

    def range(self, *parts: Any) -> Any:
        qs = [p for p in parts if isinstance(p, tuple)]
        (lo, lo_span), (hi, hi_span) = qs
        below = any(isinstance(p, Tok) and p.type == "TO" and p.value == "<" for p in parts)
        # "> 3 months to < 18 years": the lower bound is exclusive
        above = any(isinstance(p, Tok) and p.type == "CMP" and p.value == ">" for p in parts)
        span = _join(lo_span, hi_span)
        limit = hi[3] if lo[3] in (None, hi[3]) and (lo[3] or lo[2] is None) else "mixed"
        if lo[3] is None and hi[3] is None:
            limit = None
        return PRange("", (lo[1], lo[2]), (hi[1], hi[2]), span, not below, not above, limit)

    def quantity(self, number: Tok, unit: Tok | None = None) -> Any:
        value = float(number.value)  # type: ignore[arg-type]
        span = self.ctx.span(number, unit)
        if unit is None:
            return (("q", value, None, None), span)
        if unit.type == "ULN":
            return (("q", value, None, str(unit.value)), span)
        return (("q", value, str(unit.value), None), span)

    def versus(self, left: Tok, op: Tok, right: Tok) -> Any:
        """ "AST > ALT": two measures compared with each other (the lexer pairs only
        comparable ones, :func:`eligo.concepts.comparable`)."""
        span = self.ctx.span(left, right)
        return PLeaf(Versus(str(left.value), str(op.value), str(right.value), span=span))  # type: ignore[arg-type]

    def sex(self, tok: Tok) -> Any:
        span = self.ctx.span(tok)
        return PLeaf(Comparison("sex", "=", Category(str(tok.value)), span=span))

    def window(self, tok: Tok) -> Any:
        value: Any = tok.value
        amount, unit = value
        return PWindow(Window(float(amount), unit), self.ctx.span(tok))

    def junk(self, tok: Tok) -> Any:
        span = self.ctx.span(tok)
        return PLeaf(Unparsed(self.ctx.text(span), span=span))


# ---------------------------------------------------------------------------- resolution


class _Resolver:
    """Turn a proto tree into rule nodes (rules in the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.vocab = vocabulary()
        self.last_concept: str | None = None
        self.last_categorical: str | None = None
        self.units: dict[str, str] = {}
        self.resolved: dict[int, tuple[Any, Any]] = {}  # id(proto) -> (proto, its node)

    # subject and unit filling walk the proto tree in reading order first
    def fill(self, p: Any) -> None:
        kind = type(p)
        if kind is PBound:
            if p.concept is None:
                if p.value[0] == "cat":
                    p.concept = self.last_categorical
                else:
                    p.concept = self.last_concept
            if p.concept:
                self.last_concept = p.concept
                if self.vocab[p.concept].categories:
                    self.last_categorical = p.concept
                if p.value[0] == "q" and p.value[2]:
                    self.units.setdefault(p.concept, p.value[2])
        elif kind is PLeaf:
            if type(p.node) is Versus:
                # "AST > ALT, but less than 300 U/L": a bare bound after it is on the left one
                self.last_concept = p.node.left
            elif type(p.node) in (Mention, Comparison):
                c = self.vocab[p.node.concept]
                if c.categories:
                    self.last_categorical = c.id
                if c.measured_by:
                    # "Anemia (< 11 g/dL)": a bare bound after it is on its analyte
                    self.last_concept = c.measured_by
        elif kind is PRange:
            if p.concept:
                self.last_concept = p.concept
                for u in (p.low[1], p.high[1]):
                    if u:
                        self.units.setdefault(p.concept, u)
        else:
            parts = _PARTS.get(kind)
            if parts is not None:
                for c in parts(p):
                    self.fill(c)

    def unparsed(self, span: Span) -> Unparsed:
        return Unparsed(self.ctx.text(span), span=span)

    def quantity(self, concept: Concept, value: float, unit: str | None) -> Quantity | None:
        """A threshold in a unit the concept can be compared in, or ``None``."""
        from .units import bsa_shorthand, compatible

        if unit is None:
            unit = self.units.get(concept.id)
            if unit is None:
                inferred = concept.bare_unit(value)
                if inferred is None or inferred == "1":
                    return Quantity(value, "")
                return Quantity(value, inferred, assumed=True)
        if concept.unit in (None, "1") and unit in ("1", ""):
            return Quantity(value, "")
        if concept.unit is None:
            return None
        if unit.startswith("["):
            served = self.servings(value, unit)
            if served is not None:
                return served if self.quantity(concept, served.value, served.unit) else None
        indexed = bsa_shorthand(unit, concept.unit)
        if indexed is not None:
            # "eGFR < 60 ml/min": an estimated GFR is per 1.73 m2 by definition
            self.ctx.notes.append(
                f"{value:g} {unit} for {concept.label} read as {value:g} {indexed}: "
                "an estimated GFR is per 1.73 m2 body surface by definition"
            )
            if self.plausible(concept, value, indexed):
                return Quantity(value, indexed, written=unit)
            return None
        if unit in TIME_UNITS.values() and concept.unit in TIME_UNITS.values():
            return Quantity(value, unit)
        try:
            ok = compatible(unit, concept.unit, concept.molar_mass)
        except UnitError:
            ok = False
        if ok and not self.plausible(concept, value, unit):
            return None
        return Quantity(value, unit) if ok else None

    def servings(self, value: float, code: str) -> Quantity | None:
        """ "14 units/week": servings of alcohol the lexer wrote as a serving code, in grams.

        The quantity keeps what the criterion wrote and the definition it was converted by,
        for the explanation; a code that is no serving is ``None``."""
        from .units import alcohol_serving

        serving = alcohol_serving(code)
        if serving is None:
            return None
        grams, unit, noun, why = serving
        per = "a week" if unit.endswith("/wk") else "a day"
        total = value * grams
        written = f"{value:g} {noun} {per} read as {total:g} {unit}: {why}"
        return Quantity(total, unit, written=written)

    def plausible(self, concept: Concept, value: float, unit: str) -> bool:
        """Whether a threshold lies within the analyte's plausible range.

        "Total bilirubin <= 30mmol/L" (a typo for umol/L) would be met by every patient;
        a threshold no patient's value could reach is left unread, never obeyed.
        """
        from .units import convert

        if concept.kind != "analyte" or concept.plausible is None or concept.unit is None:
            return True
        try:
            v = convert(value, unit, concept.unit, concept.molar_mass)
        except UnitError:
            return True
        lo, hi = concept.plausible
        if lo <= v <= hi:
            return True
        self.ctx.notes.append(
            f"threshold {value:g} {unit} is outside the plausible range of {concept.label} "
            f"({lo:g}-{hi:g} {concept.unit}); left unread"
        )
        return False

    def bound(self, p: PBound) -> Node:
        if not p.concept:
            return self.unparsed(p.span)
        c = self.vocab[p.concept]
        kind = p.value[0]
        if kind == "cat":
            cat = p.value[1]
            if not c.categories:
                return self.unparsed(p.span)
            return Comparison(c.id, p.op, Category(cat), p.window, span=p.span)  # type: ignore[arg-type]
        _, number, unit, limit = p.value
        if c.categories:
            twin = c.numeric_twin
            if not twin:
                return self.unparsed(p.span)
            c = self.vocab[twin]
        if not c.numeric and not (c.kind == "medication" and c.unit):
            if c.kind in ("condition", "procedure", "medication") and p.bound_span is not None:
                # "Dialysis for more than 14 days": the mention is read, the duration is not
                return AllOf((Mention(c.id, span=p.span), self.unparsed(p.bound_span)), span=p.span)
            return self.unparsed(p.span)
        value: Value
        if limit is not None:
            if c.kind != "analyte":
                return self.unparsed(p.span)
            value = RefMultiple(number, limit)
        else:
            q = self.quantity(c, number, unit)
            if q is None:
                return self.unparsed(p.span)
            value = q
        return Comparison(c.id, p.op, value, p.window, span=p.span)  # type: ignore[arg-type]

    def range(self, p: PRange) -> Node:
        if not p.concept:
            return self.unparsed(p.span)
        c = self.vocab[p.concept]
        if c.categories and c.numeric_twin:
            c = self.vocab[c.numeric_twin]  # "Child-Pugh score of 7 - 9": the points
        if not c.numeric or p.limit == "mixed":
            return self.unparsed(p.span)
        if p.limit is not None:
            if p.low[1] is not None or p.high[1] is not None or c.reference is None:
                return self.unparsed(p.span)
            # "ALP between 2 x ULN and 3 x ULN": two bounds on the multiple of the limit
            limit: Literal["ULN", "LLN"] = "LLN" if p.limit == "LLN" else "ULN"
            low = Comparison(
                c.id,
                ">=" if p.low_inclusive else ">",
                RefMultiple(p.low[0], limit),
                span=p.span,
            )
            high = Comparison(
                c.id,
                "<=" if p.high_inclusive else "<",
                RefMultiple(p.high[0], limit),
                span=p.span,
            )
            return AllOf((low, high), span=p.span)
        hi_unit = p.high[1]
        lo_unit = p.low[1] or hi_unit
        lo = self.quantity(c, p.low[0], lo_unit)
        hi = self.quantity(c, p.high[0], hi_unit or lo_unit)
        if lo is None or hi is None:
            return self.unparsed(p.span)
        return Range(c.id, lo, hi, p.low_inclusive, p.high_inclusive, span=p.span)

    def leaf(self, node: Node) -> Node:
        if isinstance(node, Mention):
            c = self.vocab[node.concept]
            if c.numeric or c.categories or c.kind == "demographic" or c.fact_type == "quantity":
                # "INR" or "Child Pugh" with no threshold says nothing checkable
                return self.unparsed(node.span)
        return node

    def resolve(self, p: Any) -> Any:
        """Resolve a proto node, once: a modifier's definition test resolves its child and
        may fall back to resolving it again, which nested modifiers ("moderate to severe …,
        defined as …" repeated) made exponential."""
        hit = self.resolved.get(id(p))
        if hit is not None and hit[0] is p:
            return hit[1]
        how = _RESOLVE.get(type(p))
        if how is None:  # pragma: no cover
            raise TypeError(f"unexpected proto node {p!r}")
        node = how(self, p)
        self.resolved[id(p)] = (p, node)
        return node

    def _leaf(self, p: PLeaf) -> Any:
        return self.leaf(p.node)

    def _window(self, p: PWindow) -> Any:
        return p

    def _group(self, p: PAny | PAll) -> Any:
        kids = self.distribute(p.children, type(p))
        cls = AnyOf if type(p) is PAny else AllOf
        return self.combine(cls, [self.resolve(c) for c in kids])

    def _juxt(self, p: PJuxt) -> Any:
        return self.juxt([self.resolve(c) for c in p.children])

    def _list(self, p: PList) -> Any:
        last = p.clauses[-1]
        if (
            isinstance(last, (PAll, PAny))
            and all(self._bare_measure(c) for c in p.clauses[:-1])
            and self._bare_measure(last.children[0])
        ):
            # "AST, ALT and total bilirubin < 3 x ULN": one list of measures, one bound
            return self.resolve(type(last)([*p.clauses[:-1], *last.children]))
        return self.list_([self.resolve(c) for c in p.clauses], p)

    def _paren(self, p: PParen) -> Any:
        return self.paren(self.resolve(p.atom), [self.resolve(c) for c in p.parens])

    def _definition(self, p: PDefinition) -> Any:
        return _Definition(self.resolve(p.content))

    def _except(self, p: PExcept) -> Any:
        inner = self.resolve(p.content)
        return _Except(inner, _join(p.span, span_of(inner)), p.cue)

    def _except_of(self, p: PExceptOf) -> Any:
        return self.except_(self.resolve(p.base), self.resolve(p.exception))

    def _prefix(self, p: PPrefix) -> Any:
        child = self.resolve(p.child)
        if isinstance(child, PWindow):
            return self.unparsed(_join(p.span, child.span))
        if p.cue == "not":
            return Not(child, span=_join(p.span, span_of(child)))
        if p.cue == "history":
            return _set_history(child, self.unparsed(p.span))
        return _Recent(child, p.span)

    def _bare_measure(self, p: Any) -> bool:
        """A measured concept named without a threshold ("ALT" in "ALT and AST < 3 x ULN")."""
        return (
            isinstance(p, PLeaf)
            and isinstance(p.node, Mention)
            and self.vocab[p.node.concept].numeric
        )

    def except_(self, base: Any, exception: Any) -> Any:
        """ "X except Y" is X and not Y; "no X except Y" is not (X and not Y).

        "unless" waives a requirement: an inclusion "bilirubin <= 1.5 x ULN unless due to
        Gilbert's disease" is met by either, so it reads ``X or Y``; an exclusion "Child-Pugh
        score > 6 unless due to anticoagulation" excludes X only without Y (``X and not Y``).
        """
        unless = isinstance(exception, _Except) and exception.cue == "unless"
        cue_span = exception.span if isinstance(exception, _Except) else span_of(exception)
        if isinstance(exception, _Except):
            exception = exception.node
        if isinstance(base, (PWindow, _Except)) or isinstance(exception, (PWindow, _Except)):
            return self.unparsed(_join(span_of(base), span_of(exception)))
        if not unless:
            kinds = self._excepted_kinds(base, exception, cue_span)
            if kinds is not None:
                return kinds
        if unless and self.ctx.kind == "inclusion":
            return AnyOf((base, exception), span=_join(span_of(base), span_of(exception)))
        left_out: Node = Not(exception, span=span_of(exception))
        if not unless or _several(base):
            # "cancer except HCC" asks for a cancer other than HCC: a patient with HCC and
            # another cancer has one.  eligo cannot tell the items apart by concept, so with
            # the exception present the line stays open (unknown), never ruled out by it.
            left_out = AnyOf((left_out, self.unparsed(cue_span)), span=cue_span)
        if isinstance(base, Not):
            inner = AllOf((base.child, left_out), span=_join(span_of(base), span_of(exception)))
            return Not(inner, span=inner.span)
        return AllOf((base, left_out), span=_join(span_of(base), span_of(exception)))

    def _excepted_kinds(self, base: Any, exception: Any, cue_span: Span) -> Node | None:
        """ "malignancy (except hepatoma or non-melanoma skin cancer)": a mention whose
        exception is a plain list of narrower concepts reads as one mention that sets their
        items aside (``Mention.excluding``); "no X except Y" negates it.  ``None`` (the
        caller's ``X and not Y`` reading) for anything else: an exception with words of its
        own ("adequately treated", "in situ … that has been excised"), a qualifier, window
        or duration on an excepted concept, or a concept that is no kind of X."""
        negated = isinstance(base, Not)
        mention = base.child if isinstance(base, Not) else base
        if type(mention) is not Mention or mention.excluding:
            return None
        if self.vocab[mention.concept].kind not in ("condition", "procedure"):
            return None
        parts = list(exception.children) if isinstance(exception, AnyOf | AllOf) else [exception]
        names: list[str] = []
        for part in parts:
            if (
                type(part) is not Mention
                or part.qualifier != "current"
                or part.window is not None
                or part.lasting is not None
                or part.excluding
                or part.concept in names
                or not narrower(self.vocab, mention.concept, part.concept)
            ):
                return None
            names.append(part.concept)
        # every word of the exception is one of its concepts or a list's connective
        spans = sorted((p.span for p in parts), key=lambda sp: sp.start)
        gaps = [self.ctx.text(Span(a.end, b.start)) for a, b in itertools.pairwise(spans)]
        if not all(_LIST_GLUE.fullmatch(g) for g in gaps):
            return None
        original = self.ctx.norm.original
        if not _EXCEPT_CUE.fullmatch(original[cue_span.start : spans[0].start]):
            return None  # "except adequately treated …": words before the first concept
        if not _EXCEPT_END.match(original, spans[-1].end):
            return None  # "except X that has been excised": words after the last one
        span = _join(span_of(base), span_of(exception))
        read = dataclasses.replace(mention, excluding=tuple(names), span=span_of(mention))
        return Not(read, span=span) if negated else read

    def modified(self, p: PModified) -> Any:
        """ "severe liver failure (Child Pugh score > 6)": a stated threshold defines it."""
        defined = self._defined(p)
        return defined if defined is not None else self.resolve(PAll([p.mod, p.child]))

    def _defined(self, p: PModified) -> Any:
        """The threshold that defines a qualified concept, or ``None``."""
        child = p.child
        if isinstance(child, PModified):
            return self._defined(child)  # "uncontrolled severe hypertension (…)"
        if (
            isinstance(child, PParen)
            and isinstance(child.atom, PLeaf)
            and isinstance(child.atom.node, Mention)
            and len(child.parens) == 1
        ):
            content = self.resolve(child.parens[0])
            inner = content.node if isinstance(content, _Definition) else content
            between = self.ctx.norm.original[
                child.atom.node.span.end : span_of(inner).start
            ].lower()
            whole = self.ctx.norm.original[child.atom.node.span.end : span_of(inner).end]
            age_groups = any(
                isinstance(n, (Comparison, Range)) and n.concept == "age" and _under_not(inner, n)
                for n in walk(inner)
            )  # "for patients >= 16 years …, defined as …": the conditions were read
            conditions = _IF_WORDS if age_groups else _CONDITION_WORDS
            if (
                not conditions.search(whole.lower())
                and not isinstance(inner, (Not, PWindow, _Except))
                and not any(isinstance(n, Unparsed) for n in walk(inner))
                and any(isinstance(n, (Comparison, Range)) for n in walk(inner))
                and not any(
                    isinstance(n, Comparison) and n.concept in ("sex", "age")
                    for n in walk(inner)
                    if not _under_not(inner, n)
                )
                and not _EXAMPLE_WORDS.search(between)
            ):
                concept = self.ctx.text(_join(p.mod.node.span, child.atom.node.span))
                self.ctx.notes.append(f"'{concept}' read as the threshold that follows it")
                return inner
        return None

    def conditional(self, node: Any, content: Any) -> Any:
        """ "Age > 13 years (age > 18 years as required by some local regulations)".

        The parenthetical restates the threshold of the same measure under a condition eligo
        cannot read.  The base threshold holds unless the condition applies, so a stricter
        restatement holds only under the unread condition (``base and (alt or unread)``) and a
        looser one is an alternative to the base (``base or (alt and unread)``).  A condition
        eligo reads after "if"/"when" ("if myeloma involvement in the bone marrow is > 50%")
        takes the place of the unread one (``base and (alt or not C)``, ``base or (alt and
        C)``: the desugaring of "alt if C, else base").  ``None`` when the parenthetical is
        not of that shape.
        """
        restated = _restated_bound(node, content)
        if restated is None or not any(isinstance(c, Unparsed) for c in walk(content)):
            return None
        alt, up, a, b = restated
        stricter = (b >= a) if up else (b <= a)
        cond_span = Span(alt.span.end, span_of(content).end)
        unread = self.unparsed(cond_span)
        if not unread.text.strip():
            return None
        cond: Node = self._read_condition(content, alt) or Unparsed(
            unread.text.strip(" ,;"), span=cond_span
        )
        span = _join(span_of(node), span_of(content))
        if stricter:
            # read condition C: the stricter alt holds where C does, ``base and (alt or not
            # C)``; an unread one leaves the line open where alt fails
            waived = cond if isinstance(cond, Unparsed) else Not(cond, span=span_of(cond))
            return AllOf((node, AnyOf((alt, waived), span=span_of(content))), span=span)
        # the looser alt where C holds: ``base or (alt and C)`` (base implies alt)
        return AnyOf((node, AllOf((alt, cond), span=span_of(content))), span=span)

    def _read_condition(self, content: AllOf, alt: Comparison) -> Node | None:
        """ "(>= 30 x 10^9/L if myeloma involvement in the bone marrow is > 50%)": the
        condition after "if" / "when", when eligo reads all of it (a threshold or a fact on
        something other than age or sex, no negation), else ``None``."""
        parts: list[Node] = []
        for c in content.children:
            parts.extend(c.children if isinstance(c, AllOf) else [c])
        if len(parts) < 3 or parts[0] is not alt:
            return None
        cue, rest = parts[1], parts[2:]
        if not (isinstance(cue, Unparsed) and cue.text.strip().lower() in ("if", "when")):
            return None
        if any(
            isinstance(n, Unparsed | Not)
            or (isinstance(n, Comparison | Range) and n.concept in ("age", "sex"))
            for r in rest
            for n in walk(r)
        ):
            return None
        return rest[0] if len(rest) == 1 else AllOf(tuple(rest), span=span_of(rest[0]))

    def distribute(self, kids: list[Any], group: type[PAny] | type[PAll]) -> list[Any]:
        """ "ALT and AST < 3 x ULN": a bound applies to the measured concepts listed before it.

        Each bare measured concept takes the nearest bound after it ("PT or aPTT > 1.5 x ULN
        or fibrinogen < 0.5 x LLN": PT and aPTT take > 1.5 x ULN, not fibrinogen's bound),
        and a subject-less bound right after that one too ("PT or aPTT > 1.5x ULN or
        < 0.5x LLN": PT below half its lower limit as well), joined like the group.
        """
        out = list(kids)
        for i, k in enumerate(out):
            if not (
                isinstance(k, PLeaf)
                and isinstance(k.node, Mention)
                and self.vocab[k.node.concept].numeric
            ):
                continue
            nxt = next(
                (
                    b
                    for b in out[i + 1 :]
                    if not (isinstance(b, PLeaf) and isinstance(b.node, Mention))
                ),
                None,
            )
            parens = None
            if isinstance(nxt, PParen):
                # "ALT and AST < 3 x ULN (unless …)": the bound and what qualifies it
                parens, nxt = nxt.parens, nxt.atom
            if isinstance(nxt, PBound) and nxt.concept and nxt.value[0] == "q":
                bound = PBound(
                    k.node.concept, nxt.op, nxt.value, _join(k.node.span, nxt.span), nxt.window
                )
                recast = None if parens is None else _recast(parens, nxt.concept, k.node.concept)
                # the waiver or conditional threshold is every listed analyte's
                out[i] = bound if recast is None else PParen(bound, recast)
                j = next(
                    (n for n, b in enumerate(kids) if b is nxt or _paren_of(b, nxt) is not None),
                    None,
                )
                after = kids[j + 1] if j is not None and j + 1 < len(kids) else None
                if (
                    recast is None
                    and isinstance(after, PBound)
                    and after.bound_span is None
                    and after.concept == nxt.concept
                    and after.value[0] == "q"
                ):
                    also = PBound(
                        k.node.concept,
                        after.op,
                        after.value,
                        _join(k.node.span, after.span),
                        after.window,
                    )
                    out[i] = group([bound, also])
        return out

    def combine(self, cls: type[AllOf] | type[AnyOf], items: list[Any]) -> Any:
        nodes = [self.unparsed(i.span) if type(i) is PWindow else i for i in items]
        if cls is AllOf and len(nodes) > 1:
            sexes = []
            for n in nodes:
                sex = _sex_of(n)
                if not sex:
                    break
                sexes.append(sex)
            else:
                if len(set(sexes)) == len(sexes):
                    # ">450 ms (males) and >470 ms (females)": one threshold per sex, so
                    # either applies
                    cls = AnyOf
        if all(isinstance(n, Unparsed) for n in nodes):
            return self.unparsed(_join(span_of(nodes[0]), span_of(nodes[-1])))
        span = _join(span_of(nodes[0]), span_of(nodes[-1]))
        return cls(tuple(nodes), span=span)

    def juxt(self, items: list[Any]) -> Any:
        out: list[Any] = []
        pending: PWindow | None = None
        for item in items:
            if isinstance(item, _Except) and out:
                # "malignancy in the last 5 years (except hepatoma)": the pieces before it
                base = out[0] if len(out) == 1 else AllOf(tuple(out), span=span_of(out[-1]))
                out = [self.except_(base, item)]
                continue
            if isinstance(item, PWindow):
                if out and _windowable(out[-1]):
                    out[-1] = _apply_window(out[-1], item.window)
                else:
                    pending = item  # a window on nothing it can bound stays in sight
                continue
            if pending is not None:
                if isinstance(item, Unparsed):
                    out.append(self.unparsed(pending.span))  # a window on nothing read
                else:
                    item = _apply_window(item, pending.window)
                pending = None
            if out and isinstance(out[-1], Unparsed) and isinstance(item, Unparsed):
                out[-1] = self.unparsed(_join(out[-1].span, item.span))
                continue
            out.append(item)
        if pending is not None:
            out.append(self.unparsed(pending.span))
        if len(out) == 1:
            return out[0]
        return AllOf(tuple(out), span=_join(span_of(out[0]), span_of(out[-1])))

    def list_(self, items: list[Any], proto: PList) -> Any:
        # window-only clauses apply to their neighbour
        clauses: list[Any] = []
        pending: PWindow | None = None
        for it in items:
            if isinstance(it, PWindow):
                if clauses:
                    clauses[-1] = _apply_window(clauses[-1], it.window)
                else:
                    pending = it
                continue
            if pending is not None:
                it = _apply_window(it, pending.window)
                pending = None
            clauses.append(it)
        if pending is not None:
            clauses.append(self.unparsed(pending.span))
        if len(clauses) == 1:
            return clauses[0]
        if proto.sentences:
            # "One of the following: A, B. Two of the following: C, D, E": each sentence is
            # a requirement of its own, joined like the lines of its section
            return self.combine(AllOf if self.ctx.kind == "inclusion" else AnyOf, clauses)
        last = proto.clauses[-1]
        if (
            isinstance(last, PJuxt)
            and isinstance(last.children[-1], PWindow)
            and all(_conditions_only(c) for c in clauses[:-1])
            and _conditions_only(clauses[-1], excepted=True)
            and any(isinstance(n, Mention) for n in walk(clauses[-1]))
        ):
            # "ACS, MI, CABG or angioplasty within 3 months": the window closes the whole list
            window = last.children[-1].window
            clauses = [_apply_window(c, window) for c in clauses]
        if (
            isinstance(last, PJuxt)
            and len(last.children) == 2
            and isinstance(last.children[-1], PWindow)
            and isinstance(last.children[0], PAny)
        ):
            # "A, B or C within 1 week": the list is an "or" list, like "A, B or C"
            last = last.children[0]
        cls: type[AllOf] | type[AnyOf]
        if isinstance(last, PAny) and isinstance(clauses[-1], AnyOf):
            cls = AnyOf
        elif (
            isinstance(last, PAll)
            and isinstance(clauses[-1], AllOf)
            and self.ctx.kind == "exclusion"
            and all(isinstance(n, (Mention, Unparsed)) for n in clauses[-1].children)
        ):
            # "alcoholic liver disease, hepatitis B, hepatitis C, and Wilson disease" among
            # exclusions: any of them excludes; read "all of them", a patient with one was
            # cleared
            return self.combine(AnyOf, [*clauses[:-1], *clauses[-1].children])
        elif isinstance(last, PAll) and isinstance(clauses[-1], AllOf):
            cls = AllOf
        else:
            cls = AllOf if self.ctx.kind == "inclusion" else AnyOf
        return self.combine(cls, clauses)

    def _diagnosis_narrowed(self, node: Any, inner: Node) -> bool:
        """Whether "<diagnosis> defined as <measure>" in an inclusion narrows the diagnosis.

        A coded diagnosis whose "definition" measures something other than what makes the
        diagnosis (its ``measured_by`` / ``defined_by`` measures: anaemia by haemoglobin,
        renal impairment by eGFR or clearance) is a diagnosis
        and a range, not the range alone; only where being met admits the patient (an
        inclusion, no negation before it), since there asking for both is the stricter read.
        """
        if self.ctx.kind != "inclusion" or not isinstance(node, Mention):
            return False
        c = self.vocab[node.concept]
        if c.kind != "condition":
            return False
        measured = {n.concept for n in walk(inner) if isinstance(n, (Comparison, Range))}
        if not measured or measured & {c.measured_by, *c.defined_by}:
            return False
        start = span_of(node).start
        return not any(t.type == "NOT" for t in self.ctx.toks if t.start <= start)

    def _excluding_at(self, span: Span) -> bool:
        """Whether a node at ``span`` being met makes the patient less eligible: an exclusion
        line, or an inclusion under "no …", told by the negations written before it (a
        header's negation, which only carries the line's kind, not counted)."""
        flips = sum(
            1
            for t in self.ctx.toks
            if t.type == "NOT"
            and t.start <= span.start
            and t.value not in (EXCLUSION_HEADER, REQUIREMENT_AMONG_EXCLUSIONS)
        )
        return (self.ctx.kind == "exclusion") != (flips % 2 == 1)

    def paren(self, atom: Any, contents: list[Any]) -> Any:
        node = atom
        for content in contents:
            if isinstance(content, _Definition):
                inner = content.node
                if (
                    isinstance(node, (Comparison, Range))
                    and node.concept == "age"
                    and self.ctx.kind == "inclusion"
                ):
                    # "for patients >= 16 years of age, defined as Karnofsky score > 60": what
                    # is asked of that age group, not a redefinition of age
                    span = _join(span_of(node), span_of(inner))
                    node = AnyOf((Not(node, span=span_of(node)), inner), span=span)
                    continue
                if _other_measure(node, inner):
                    # "albumin < 3,5 g/dl (i.e. Child-Pugh grade B)": a threshold is no term
                    # to define; what the parenthesis equates it with stays unread beside it
                    node = AllOf(
                        (node, self.unparsed(span_of(inner))),
                        span=_join(span_of(node), span_of(inner)),
                    )
                    continue
                if self._diagnosis_narrowed(node, inner):
                    # "Patients with alcoholic hepatitis defined as: MELD score between
                    # 11-30": a MELD of 20 is no alcoholic hepatitis; the inclusion asks for
                    # the diagnosis and the range (the range alone admitted any liver disease)
                    node = AllOf((node, inner), span=_join(span_of(node), span_of(inner)))
                elif not any(isinstance(n, Unparsed) for n in walk(inner)):
                    # "renal impairment (defined as CrCl < 60 mL/min)": the definition decides
                    self.ctx.notes.append(
                        f"'{self.ctx.text(span_of(node))}' read as the definition that follows it"
                    )
                    node = inner
                elif (
                    isinstance(node, Mention)
                    and self.vocab[node.concept].kind == "fact"
                    and self._excluding_at(span_of(node))
                ):
                    # "Decompensated liver disease, as indicated by variceal bleeding, ascites,
                    # …, INR prolonged to > 1.7 x ULN …" among exclusions: a judged fact and
                    # the indicators that define it are evidence of one thing, so either
                    # excludes.  ANDed with its partly unread definition, a patient with
                    # ascites whose record said "not decompensated" was cleared
                    # (NCT01909778).  (A coded condition keeps the "and": an unread
                    # definition such as "by ROME III criteria" narrows its code.)
                    node = AnyOf((node, inner), span=_join(span_of(node), span_of(inner)))
                else:
                    node = AllOf((node, inner), span=_join(span_of(node), span_of(inner)))
                continue
            if isinstance(content, PWindow):
                node = _apply_window(node, content.window)
                continue
            if isinstance(content, _Except):
                node = self.except_(node, content)
                continue
            if (
                isinstance(node, Mention)
                and isinstance(content, Unparsed)
                and _lists_members(self.vocab[node.concept], content.text)
            ):
                continue  # "SGLT2 inhibitor (canagliflozin, dapagliflozin)": its own members
            if (
                isinstance(content, Mention)
                and isinstance(node, Mention)
                and content.concept == node.concept
            ):
                continue  # "(HVOTO)": an abbreviation of what precedes it
            if (
                isinstance(content, Mention)
                and isinstance(node, Mention)
                and _same_family(node.concept, content.concept)
            ):
                continue
            fully_read = not any(isinstance(n, Unparsed) for n in walk(content))
            span = _join(span_of(node), span_of(content))
            if (
                isinstance(content, (Comparison, Range))
                and content.concept == "age"
                and not isinstance(node, Mention)
                and self.ctx.kind == "inclusion"
            ):
                # "Karnofsky 50-100% (patients > 16 years of age)": required of those patients
                node = AnyOf((Not(content, span=span_of(content)), node), span=span)
                continue
            if isinstance(content, (Comparison, Range)) and content.concept in ("sex", "age"):
                # ">450 ms (males)": applies to men; "ICU patients (>18 yrs)": adults only
                node = AllOf((node, content), span=span)
                continue
            conditional = None if fully_read else self.conditional(node, content)
            if conditional is not None:
                node = conditional
                continue
            if (
                isinstance(node, Unparsed)
                and fully_read
                and _EXAMPLE_WORDS.search(
                    self.ctx.norm.original[node.span.end : content.span.start].lower()
                )
            ):
                # "nephrotoxic drugs (e.g. NSAIDs or aminoglycosides)": the examples are some
                # members of the unread class, not its definition; any of them counts, the
                # rest of the class stays unread
                node = AnyOf((node, content), span=span)
            elif isinstance(node, Unparsed) and fully_read and _CAUSAL_WORDS.search(node.text):
                # "Moderate/severe hypertensive LV hypertrophy (LVMi >= 109 g/m2 …)": the
                # parenthesis defines the hypertrophy, not its cause; "hypertensive" stays an
                # unread condition beside it (dropped, a normotensive patient met the line)
                node = AllOf((node, content), span=span)
            elif isinstance(node, Unparsed) and fully_read:
                self.ctx.notes.append(
                    f"'{node.text}' read as defined by the parenthesis that follows it"
                )
                node = content
            elif (
                fully_read
                and isinstance(node, Mention)
                and node.window is None
                and _thresholds_only(content)
                and (
                    self.vocab[node.concept].kind == "fact"
                    or (
                        bool(self.vocab[node.concept].defined_by)
                        and all(
                            n.concept in self.vocab[node.concept].defined_by
                            for n in walk(content)
                            if isinstance(n, (Comparison, Range))
                        )
                    )
                )
                and not _EXAMPLE_WORDS.search(
                    self.ctx.norm.original[node.span.end : content.span.start].lower()
                )
            ):
                # "uncontrolled hypertension (diastolic BP > 110 mmHg)": an investigator's
                # judgement the text defines by a threshold is that threshold; "Congestive
                # heart failure (NYHA class III or IV)", "renal impairment (eGFR < 60)":
                # thresholds on the measures that grade a condition (its defined_by) state
                # which of it is meant (read "or", an inclusion was met by a coded heart
                # failure of NYHA class I).  "e.g." would make the threshold one example,
                # read "or"
                self.ctx.notes.append(
                    f"'{self.ctx.text(node.span)}' read as defined by the parenthesis that "
                    "follows it"
                )
                node = content
            elif _REQUIRED.search(
                self.ctx.norm.original[span_of(node).end : span_of(content).start].lower()
            ):
                # "(must be < 150/100 mm Hg prior to randomization)": a further requirement;
                # in an exclusion, failing it excludes too
                if self.ctx.kind == "exclusion":
                    node = AnyOf((node, Not(content, span=span_of(content))), span=span)
                else:
                    node = AllOf((node, content), span=span)
            elif (
                self.ctx.kind == "exclusion"
                and not isinstance(content, Not)
                and _EXAMPLE_OPENS.match(
                    self.ctx.norm.original[span_of(node).end : span_of(content).start].lower()
                )
            ):
                # "Haemoglobinopathy (e.g., thalassaemia major or sickle cell anaemia)": the
                # examples are instances of what precedes them, so any of them excludes even
                # when some words are unread; ANDed, the exclusion failed for every patient
                # without anaemia, whatever haemoglobinopathy they had.  Not in an inclusion:
                # an example read out of its context can be broader than the text
                # ("Liver-directed therapy (e.g., … radiotherapy …)" is no radiotherapy of
                # any site), and there "or" would let the broader reading meet the line
                node = AnyOf((node, content), span=span)
            elif fully_read and (stricter := _stricter_alternative(node, content)) is not None:
                # "eGFR >= 30 (>= 45 for patients on metformin)": a stricter threshold under a
                # condition holds where the condition does, ``base and (alt or not C)``; an
                # "or" would let every metformin user pass at 30
                node = AllOf((node, stricter), span=span)
            elif fully_read and not isinstance(content, Not):
                node = AnyOf((node, content), span=span)
            elif _OR_OPENS.match(
                self.ctx.norm.original[span_of(node).end : span_of(content).start]
            ) and not isinstance(content, Not):
                # "HbA1c <= 9.5% (or serum fructosamine <= 381 umol if HbA1c is unable to be
                # resulted)": the parenthesis says it is an alternative; what stays unread in it
                # stays inside it (ANDed to the base, an HbA1c of 8 % alone did not qualify)
                node = AnyOf((node, content), span=span)
            else:
                node = AllOf((node, content), span=span)
        return node


# proto node type → its parts in reading order (for :meth:`_Resolver.fill`)
_PARTS: dict[type, Any] = {
    PList: lambda p: p.clauses,
    PJuxt: lambda p: p.children,
    PAny: lambda p: p.children,
    PAll: lambda p: p.children,
    PParen: lambda p: [p.atom, *p.parens],
    PDefinition: lambda p: (p.content,),
    PExcept: lambda p: (p.content,),
    PExceptOf: lambda p: (p.base, p.exception),
    PModified: lambda p: (p.child,),
    PPrefix: lambda p: (p.child,),
}

# proto node type → how :meth:`_Resolver.resolve` reads it
_RESOLVE: dict[type, Any] = {
    PLeaf: _Resolver._leaf,
    PBound: _Resolver.bound,
    PRange: _Resolver.range,
    PWindow: _Resolver._window,
    PAny: _Resolver._group,
    PAll: _Resolver._group,
    PJuxt: _Resolver._juxt,
    PList: _Resolver._list,
    PParen: _Resolver._paren,
    PDefinition: _Resolver._definition,
    PExcept: _Resolver._except,
    PExceptOf: _Resolver._except_of,
    PModified: _Resolver.modified,
    PPrefix: _Resolver._prefix,
}


def _restated_bound(node: Any, content: Any) -> tuple[Comparison, bool, float, float] | None:
    """The one threshold in ``content`` (an "and") on the measure ``node`` bounds, bounding
    it the same way with comparable values: ``(alt, from_below, node's value, alt's
    value)``; ``None`` when there is no such single threshold."""
    if not (isinstance(node, Comparison) and isinstance(content, AllOf)):
        return None
    same = [
        c
        for c in content.children
        if isinstance(c, Comparison) and c.concept == node.concept and c.window == node.window
    ]
    if len(same) != 1:
        return None
    alt = same[0]
    a, b = node.value, alt.value
    up = node.op in (">", ">=")
    if node.op in ("=", "!=") or alt.op in ("=", "!=") or up != (alt.op in (">", ">=")):
        return None
    if isinstance(a, Quantity) and isinstance(b, Quantity) and a.unit == b.unit:
        return alt, up, a.value, b.value
    if isinstance(a, RefMultiple) and isinstance(b, RefMultiple) and a.limit == b.limit:
        return alt, up, a.value, b.value
    return None


def _stricter_alternative(node: Any, content: Any) -> Node | None:
    """``alt or not C`` when ``content`` is ``alt and C``, ``alt`` a stricter threshold on the
    measure ``node`` bounds (same direction, comparable values) and ``C`` what it is asked
    under; ``None`` otherwise (a looser one is an alternative to ``node``)."""
    restated = _restated_bound(node, content)
    if restated is None:
        return None
    alt, up, a, b = restated
    rest = [c for c in content.children if c is not alt]
    if not rest or not ((b > a) if up else (b < a)):
        return None
    cond = rest[0] if len(rest) == 1 else AllOf(tuple(rest), span=span_of(rest[0]))
    return AnyOf((alt, Not(cond, span=span_of(cond))), span=span_of(content))


_CONDITION_WORDS = re.compile(
    r"\b(?:if|when|unless|for (?:patients|subjects|participants|pts)|in (?:patients|case))\b"
)
# "(must be < 150/100 mm Hg prior to randomization)": a further requirement, not an alternative
_REQUIRED = re.compile(r"\(\s*(?:must|should|has to|have to|needs? to)\b")
_IF_WORDS = re.compile(r"\b(?:if|when|unless|in case)\b")
# Adjectives naming a cause or origin of what a parenthesis then defines by a threshold: the
# threshold defines the finding, not its cause, so such a word is no part of what it replaces.
_CAUSAL_WORDS = re.compile(
    r"\b(?:hypertensive|diabetic|alcoholic|ischa?emic|viral|autoimmune|secondary|familial|"
    r"hereditary|congenital|drug[- ]induced|iatrogenic|malignant)\b",
    re.IGNORECASE,
)
# "(or serum fructosamine …": a parenthesis that opens with "or" is an alternative
_OR_OPENS = re.compile(r"\s*[(\[]\s*or\b", re.IGNORECASE)
# "(e.g., …", "(such as …": a parenthesis that opens with an example cue
_EXAMPLE_OPENS = re.compile(
    r"\s*\(\s*(?:e\.?\s?g\b\.?|eg\b|such as\b|for example\b|for instance\b)"
)
_EXAMPLE_WORDS = re.compile(r"\b(?:e\.?g|eg|such as|including|for example|for instance)\b")


def _recast(protos: list[Any], old: str, new: str) -> list[Any] | None:
    """Copies of parenthetical protos with bounds on ``old`` moved to ``new``.

    ``None`` when a parenthetical bounds some other measure (it is not the same threshold
    restated for the next analyte of a list).
    """
    bounds: list[PBound] = []

    def collect(p: Any) -> None:
        if isinstance(p, PBound):
            bounds.append(p)
        elif is_dataclass(p) and not isinstance(p, type):
            for f in fields(p):
                value = getattr(p, f.name)
                for v in value if isinstance(value, list) else [value]:
                    collect(v)

    copies = copy.deepcopy(protos)
    for c in copies:
        collect(c)
    if any(b.concept not in (old, None) for b in bounds):
        return None
    for b in bounds:
        b.concept = new
    return copies


def _under_not(root: Any, target: Any) -> bool:
    """Whether ``target`` sits under a negation in ``root`` (an age group's condition)."""
    if isinstance(root, Not):
        return any(n is target for n in walk(root.child))
    if isinstance(root, (AllOf, AnyOf)):
        return any(_under_not(c, target) for c in root.children)
    return False


def _lists_members(concept: Concept, text: str) -> bool:
    """Whether ``text`` only names drugs of the class ``concept`` ("canagliflozin, …")."""
    members = {m.lower() for m in concept.members}
    names = [n for n in re.split(r"\s*(?:[,;/]|\bor\b|\band\b|\betc\b\.?)\s*", text.lower()) if n]
    return bool(members) and bool(names) and all(n in members for n in names)


def _thresholds_only(node: Any) -> bool:
    """Whether ``node`` is thresholds joined by and/or ("BP >= 150/95": SBP or DBP)."""
    if isinstance(node, Comparison | Range):
        return node.concept not in ("age", "sex")
    if isinstance(node, AllOf | AnyOf):
        return all(_thresholds_only(c) for c in node.children)
    return False


def _paren_of(p: Any, atom: Any) -> Any:
    """``p`` when it is the parenthesised form of ``atom``, else ``None``."""
    return p if isinstance(p, PParen) and p.atom is atom else None


def _other_measure(node: Any, inner: Any) -> bool:
    """Whether ``node`` is a threshold and the definition after it bounds no such measure
    ("albumin < 3.5 g/dL (i.e. Child-Pugh grade B)"), so it cannot restate that threshold."""
    if not isinstance(node, (Comparison, Range)):
        return False
    return not any(
        isinstance(n, (Comparison, Range)) and n.concept == node.concept for n in walk(inner)
    )


def _conditions_only(node: Any, excepted: bool = False) -> bool:
    """Whether ``node`` is mentions joined by and/or (a list item a trailing window closes).

    With ``excepted``, mentions an exception left out count too: "chemotherapy, biological
    therapy, immunotherapy or systemic radiotherapy (except palliative radiation …)" before
    "less than 4 weeks since": the window still closes every item, not only the last."""
    if isinstance(node, (Mention, Unparsed)):
        return True  # an unread piece takes no window, and the mentions with it do
    if isinstance(node, (AllOf, AnyOf)):
        return all(_conditions_only(c, excepted) for c in node.children)
    if excepted and isinstance(node, Not):
        return _conditions_only(node.child, excepted)
    return False


def _sex_of(node: Any) -> str | None:
    """The sex a node is restricted to ("… (males)"), if it is an AND with a sex comparison."""
    if isinstance(node, AllOf):
        for c in node.children:
            if isinstance(c, Comparison) and c.concept == "sex" and isinstance(c.value, Category):
                return c.value.value
    return None


def _same_family(a: str, b: str) -> bool:
    """Concepts written as name + abbreviation of a near-synonym (HCC / liver tumour)."""
    return False


@dataclass(frozen=True)
class _Definition:
    """A resolved definition, waiting for the term it defines (see ``_Resolver.paren``)."""

    node: Any


# the cue of an exception read as a list, and what may follow its last concept
_EXCEPT_CUE = re.compile(
    r"(?:except(?:\s+for)?|other\s+than|excluding|with\s+the\s+exception\s+of)\s*"
    r"(?:(?:any|all)\s+(?:(?:forms?|types?|kinds?)\s+of\s+)?)?",  # "… any form of leukemia"
    re.I,
)
_EXCEPT_END = re.compile(r"\s*(?:$|[).;])")
# what stands between the concepts of an exception read as a list ("A, B or C", "A/B")
_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|and/or)\s+|/\s*)", re.I)


@dataclass(frozen=True)
class _Except:
    """ "(except Y)": resolved against the pieces before it (see ``_Resolver.except_``)."""

    node: Any
    span: Span
    cue: str = "except"


@dataclass(frozen=True)
class _Recent:
    """``recent X``: resolved after windows are applied (see :func:`_finish`)."""

    child: Any
    span: Span


_NO_SPAN = Span(0, 0)


def span_of(n: Any) -> Span:
    return getattr(n, "span", _NO_SPAN)


def _apply_window(node: Any, window: Window) -> Any:
    """Give ``window`` to every mention/comparison under ``node`` that has none."""
    if isinstance(node, (Mention, Comparison, Range, Versus)):
        return node if node.window is not None else dc_replace(node, window=window)
    if isinstance(node, (AllOf, AnyOf)):
        return dc_replace(node, children=tuple(_apply_window(c, window) for c in node.children))
    if isinstance(node, Not):
        return dc_replace(node, child=_apply_window(node.child, window))
    if isinstance(node, _Recent):
        return _Recent(_apply_window(node.child, window), node.span)
    return node


def _windowable(node: Any) -> bool:
    """Whether a window after ``node`` has a mention or measurement in it to bound."""
    if isinstance(node, Mention | Comparison | Range | Versus):
        return True
    if isinstance(node, AllOf | AnyOf):
        return any(_windowable(c) for c in node.children)
    if isinstance(node, Not | _Recent):
        return _windowable(node.child)
    return False


def _set_history(node: Any, cue: Unparsed) -> Any:
    """ "history of X": every mention under ``node`` ever, not only now.

    A measurement has no history qualifier: "history of NYHA class IV heart failure" is met
    by a class IV now, but an earlier class IV cannot be looked up, so a comparison reads
    ``comparison or unparsed(cue)`` (met by the current value, else open)."""
    if isinstance(node, Mention):
        return node if node.window is not None else dc_replace(node, qualifier="history")
    if isinstance(node, (Comparison, Range, Versus)):
        return AnyOf((node, cue), span=_join(cue.span, node.span))
    if isinstance(node, (AllOf, AnyOf)):
        return dc_replace(node, children=tuple(_set_history(c, cue) for c in node.children))
    if isinstance(node, Not):
        return dc_replace(node, child=_set_history(node.child, cue))
    if isinstance(node, _Recent):
        return _Recent(_set_history(node.child, cue), node.span)
    return node


# facts a trial requires of every participant: met, they never make a patient less eligible
_REQUIREMENTS = frozenset(("consent", "willing_to_comply"))


def _finish(node: Any, ctx: Context, excluding: bool) -> Node:
    """Resolve ``recent`` markers: a window settles them, otherwise 'recent' stays unread.

    ``excluding``: whether the node's being met makes the patient less eligible (in an
    exclusion, under an even number of negations).  There a bare mention of a lasting
    procedure ("Patients with TIPS", "splenectomy") reads "at any time": a completed
    procedure is never current, and the shunt or the missing spleen stays.
    """
    if (
        excluding
        and isinstance(node, Mention)
        and node.qualifier == "current"
        and node.window is None
        and vocabulary()[node.concept].lasting
    ):
        return dc_replace(node, qualifier="history")
    if excluding and type(node) is Mention and node.concept in _REQUIREMENTS:
        # "… may interfere with protocol adherence or a subject's ability to give informed
        # consent" among exclusions (NCT01857115): consent is what the trial requires, so
        # met it never excludes; read as a mention, every consenting patient was excluded.
        # What stands there (an inability, a disorder precluding it) stays unread
        return Unparsed(ctx.norm.original[node.span.start : node.span.end], span=node.span)
    if isinstance(node, _Recent):
        child = _finish(node.child, ctx, excluding)
        leaves = [n for n in walk(child) if isinstance(n, (Mention, Comparison, Range))]
        if leaves and all(n.window is not None for n in leaves):
            return child
        span = node.span
        return AllOf(
            # "recent X" dates X in the past: a myocardial infarction three weeks ago is not
            # current, but it is recent (see _widen_to_history)
            (
                _widen_to_history(child, (span.start,), ctx.norm.original),
                Unparsed(ctx.norm.original[span.start : span.end], span=span),
            ),
            span=_join(span, span_of(child)),
        )
    if isinstance(node, (AllOf, AnyOf)):
        children = tuple(_finish(c, ctx, excluding) for c in node.children)
        if _same(children, node.children):
            return node  # nothing to settle below: no copy
        return dc_replace(node, children=children)
    if isinstance(node, Not):
        child = _finish(node.child, ctx, not excluding)
        return node if child is node.child else dc_replace(node, child=child)
    if isinstance(node, (PWindow, _Except)):
        return Unparsed(ctx.norm.original[node.span.start : node.span.end], span=node.span)
    return node  # type: ignore[no-any-return]


def _settle(node: Any, ctx: Context, excluding: bool) -> Node:
    """``canonicalize(_finish(node, ctx, excluding), the line's text)`` in one walk of the tree.

    The two passes meet at every and/or: finishing a child and then putting it in canonical
    form is the child's own ``_settle``, so the and/or is flattened, folded and freed of
    repeated children as :func:`canonicalize` does, from its children settled.  A ``recent``
    marker (rare) is settled by the two passes themselves.
    """
    kind = type(node)
    if kind is AllOf or kind is AnyOf:
        flat: list[Node] = []
        for c in node.children:
            settled: Any = _settle(c, ctx, excluding)
            if type(settled) is kind:
                flat.extend(settled.children)
            else:
                flat.append(settled)
        if kind is AllOf:
            flat = _widen_dated(_fold_ranges(flat), ctx.norm.original)
        flat = _distinct(flat)
        if len(flat) == 1:
            return flat[0]
        if _same(tuple(flat), node.children):
            return node  # type: ignore[no-any-return]  # already settled: no copy
        return kind(tuple(flat), span=node.span)  # type: ignore[no-any-return]
    if kind is Mention:
        return _finish(node, ctx, excluding)
    if kind is Not:
        child = _settle(node.child, ctx, not excluding)
        if type(child) is Not:
            return child.child
        if child is node.child:
            return node  # type: ignore[no-any-return]
        return Not(child, span=node.span)
    if kind is _Recent:
        return canonicalize(_finish(node, ctx, excluding), ctx.norm.original)
    if kind is PWindow or kind is _Except:
        return _finish(node, ctx, excluding)
    return node  # type: ignore[no-any-return]


# an unread span that places something in the past: "(≥2 in the past year)", "recent",
# "controlled for at least 5 days", ">14 days from transplantation to randomization"; or
# that names evidence outlasting it: antibodies stay after a cured infection ("positive HCV
# serology": an anti-HCV antibody test, positive after a cure; CDC, "Testing for HCV
# infection: an update of guidance for clinicians and laboratorians", MMWR 2013;62(18))
_PAST_TIME = re.compile(
    r"\b(?:past|previous(?:ly)?|last|prior|ago|recent(?:ly)?|since|ever|former(?:ly)?)\b"
    r"|\d\s*(?:hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?)\b"
    r"|\bsero(?:logy|logical(?:ly)?|positive|positivity)\b|\bantibod(?:y|ies)\b",
    re.IGNORECASE,
)


def _widen_dated(items: list[Node], text: str) -> list[Node]:
    """The children of an "and", each "now" mention dated by an unread sibling widened
    (:func:`_widen_to_history`)."""
    dating = [
        c.span.start + m.start()
        for c in items
        if type(c) is Unparsed
        for m in _PAST_TIME.finditer(c.text)
    ]
    if not dating:
        return items
    return [_widen_to_history(c, dating, text) for c in items]


def _widen_to_history(node: Node, dating: list[int] | tuple[int, ...], text: str) -> Node:
    """A "now" mention next to unread words that date it: read "at any time" instead.

    In ``X and unparsed("≥2 in the past year")`` ("Frequent urinary tract infections (≥2 in
    the past year)") the unread words may put X in the past, so "X is not current" does not
    make the and false: a patient with three infections last year and none today was cleared.
    ``history of X`` is false only when X never happened, which makes the and false whatever
    the unread words say; and the and is never true (the unread part is unknown), so the
    wider mention decides nothing the text does not.  Through and/or only: under a negation
    widening would narrow.  Facts have no dates and are left alone.  Only a mention in the
    clause as a dating word and close to it (``dating``: where each starts in ``text``; see
    :func:`_same_clause`) is widened: a list's lead-in ("… hematopoietic neoplasms /
    Presence of weight loss over the preceding 6 months") is not dated by its item's words.
    """
    kind = type(node)
    if kind is Mention:
        m: Mention = node  # type: ignore[assignment]
        if m.qualifier != "current" or m.window is not None:
            return node
        if vocabulary()[m.concept].kind == "fact":
            return node
        if not any(_same_clause(m.span, at, text) for at in dating):
            return node
        return dc_replace(m, qualifier="history")
    if kind is AllOf or kind is AnyOf:
        old = node.children  # type: ignore[union-attr]
        children = [_widen_to_history(c, dating, text) for c in old]
        if all(a is b for a, b in zip(children, old, strict=True)):
            return node
        return dc_replace(node, children=tuple(children))  # type: ignore[arg-type]
    return node


def _same_clause(a: Span, at: int, text: str) -> bool:
    """Whether the words at offset ``at`` are close to span ``a``: no punctuation, "and" or
    "or" between them, and at most six words ("bleeding must be controlled for at least 5
    days"), or inside a parenthesis right after ``a`` ("haemorrhage (>30mL bleeding/episode
    in previous 3 months)")."""
    after = at >= a.end
    gap = text[a.end : at] if after else text[at : a.start]
    if _CLAUSE_BREAK.search(gap) is not None:
        return False
    if len(gap.split()) <= 6:
        return True
    opened = gap.lstrip()
    return after and opened.startswith("(") and ")" not in opened


_CLAUSE_BREAK = re.compile(r"[:;.,]|\b(?:and|or)\b", re.IGNORECASE)


def _distinct(items: list[Node]) -> list[Node]:
    """``items`` without those equal to an earlier one ("a or a" is a).

    Nodes of different types are never equal (a dataclass compares with its own class only),
    so only nodes of one type are compared."""
    if len(items) < 2:
        return items
    out: list[Node] = []
    for k, c in enumerate(items):
        kind = type(c)
        for d in items[:k]:
            if type(d) is kind and (d is c or d == c):
                break
        else:
            out.append(c)
    return out


def _same(new: tuple[Any, ...], old: Any) -> bool:
    """Whether ``new`` holds the very objects of the tuple ``old`` (a rebuild would copy)."""
    if type(old) is not tuple or len(new) != len(old):
        return False
    return all(a is b for a, b in zip(new, old, strict=True))


def resolve_text(proto: Any, ctx: Context) -> Node:
    """Proto tree → canonical rule node for one registry line."""
    excluding = ctx.kind == "exclusion"  # the line's own kind, before a header turns it
    if ctx.toks and ctx.toks[0].type == "NOT" and ctx.toks[0].value == EXCLUSION_HEADER:
        # "Exc Criteria: ECOG PS>1" listed among inclusions: read as the exclusion it is,
        # under the negation the lexer put around it
        ctx.kind = "exclusion"
    elif (
        ctx.toks and ctx.toks[0].type == "NOT" and ctx.toks[0].value == REQUIREMENT_AMONG_EXCLUSIONS
    ):
        # "Women of childbearing potential must have a negative pregnancy test" listed among
        # exclusions: the requirement is read as one (an inclusion), under the negation the
        # lexer put round it
        ctx.kind = "inclusion"
    r = _Resolver(ctx)
    r.fill(proto)
    node = r.resolve(proto)
    return _settle(node, ctx, excluding)


# ---------------------------------------------------------------------------- canonical form

_FOLD_LOW = {">=": True, ">": False}
_FOLD_HIGH = {"<=": True, "<": False}


def canonicalize(node: Node, dated_in: str | None = None) -> Node:
    """Flatten nested and/or, drop double negation and repeated children, fold ``c >= a and
    c <= b`` into a Range.

    Both transformers end here, so text and canonical rules meet in one normal form.
    ``dated_in``: the line's text, for a tree read from it: each "and" then also widens the
    "now" mentions its unread words date (:func:`_widen_dated`, as :func:`_settle` does).
    """
    if isinstance(node, Not):
        child = canonicalize(node.child, dated_in)
        if isinstance(child, Not):
            return child.child
        if child is node.child and type(node) is Not:
            return node  # already canonical: no copy
        return Not(child, span=node.span)
    if isinstance(node, (AllOf, AnyOf)):
        flat: list[Node] = []
        for c in node.children:
            c = canonicalize(c, dated_in)
            if type(c) is type(node):
                flat.extend(c.children)
            else:
                flat.append(c)
        if isinstance(node, AllOf):
            flat = _fold_ranges(flat)
            if dated_in is not None:
                flat = _widen_dated(flat, dated_in)
        # "chimeric antigen receptor therapy or other modified T cell therapy" names one
        # concept twice: "a or a" is a
        flat = _distinct(flat)
        if len(flat) == 1:
            return flat[0]
        if _same(tuple(flat), node.children):
            return node  # already canonical: no copy
        return type(node)(tuple(flat), span=node.span)
    return node


def _fold_ranges(items: list[Node]) -> list[Node]:
    out: list[Node] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        if (
            isinstance(a, Comparison)
            and isinstance(b, Comparison)
            and a.concept == b.concept
            and a.window == b.window
            and a.op in _FOLD_LOW
            and b.op in _FOLD_HIGH
            and isinstance(a.value, Quantity)
            and isinstance(b.value, Quantity)
        ):
            out.append(
                Range(
                    a.concept,
                    a.value,
                    b.value,
                    _FOLD_LOW[a.op],
                    _FOLD_HIGH[b.op],
                    a.window,
                    span=_join(a.span, b.span),
                )
            )
            i += 2
            continue
        out.append(a)
        i += 1
    return out


# ---------------------------------------------------------------------------- canonical rules

_TIME_WORDS = {
    "hour": "h",
    "hours": "h",
    "day": "d",
    "days": "d",
    "week": "wk",
    "weeks": "wk",
    "month": "mo",
    "months": "mo",
    "year": "a",
    "years": "a",
}


@v_args(inline=True)
class RuleTransformer(Transformer[Token, Any]):
    """Canonical rule parse tree → rule nodes; unknown concepts/units are syntax errors."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.vocab = vocabulary()

    def _error(self, message: str, tok: Token) -> CriterionSyntaxError:
        col = int(tok.column or 1)
        return CriterionSyntaxError(message, self.text, col, max(1, len(str(tok))))

    def _span(self, tok: Token) -> Span:
        return Span(int(tok.start_pos or 0), int(tok.end_pos or 0))

    def _concept(self, tok: Token) -> Concept:
        name = str(tok)
        if name not in self.vocab:
            hint = did_you_mean(name, [c.id for c in self.vocab])
            raise self._error(f"unknown concept '{name}'{hint}", tok)
        return self.vocab[name]

    def any_of(self, *children: Node) -> Node:
        return AnyOf(tuple(children))

    def all_of(self, *children: Node) -> Node:
        return AllOf(tuple(children))

    def negation(self, child: Node) -> Node:
        return Not(child)

    def unparsed(self, s: Token) -> Node:
        return Unparsed(json.loads(str(s)), span=self._span(s))

    def window(self, n: Token, unit: Token) -> Window:
        amount = float(n)
        if not math.isfinite(amount) or amount > 100_000:
            raise self._error(f"window of {n} is longer than any record", n)
        return Window(amount, _TIME_WORDS[str(unit).lower()])  # type: ignore[arg-type]

    def lasting(self, op: Token, n: Token, unit: Token) -> Duration:
        amount = float(n)
        word = _TIME_WORDS[str(unit).lower()]
        if str(op) not in ("<", "<=", ">", ">=") or word == "h":
            raise self._error(f"a duration is 'for' <, <=, > or >= days to years, not {op}", op)
        if not math.isfinite(amount) or amount != int(amount) or not 0 < amount <= 100_000:
            raise self._error(f"a duration is a whole number of {unit}, not {n}", n)
        return Duration(str(op), amount, word)  # type: ignore[arg-type]

    def excluding(self, *names: Token) -> Any:
        return ("excluding", names)

    def _excluding(self, c: Concept, names: tuple[Token, ...]) -> tuple[str, ...]:
        """The concepts of ``c except (…)``: each narrower than ``c``, each named once."""
        out: list[str] = []
        for tok in names:
            other = self._concept(tok)
            if other.id in out:
                raise self._error(f"'{other.id}' is named twice after except", tok)
            if not narrower(self.vocab, c.id, other.id):
                raise self._error(
                    f"'{other.id}' is not a kind of {c.id}: 'except' sets aside narrower "
                    "conditions or procedures only",
                    tok,
                )
            out.append(other.id)
        return tuple(out)

    def mention(self, *parts: Any) -> Node:
        history = any(isinstance(p, Token) and p.type == "HISTORY" for p in parts)
        ctok = next(p for p in parts if isinstance(p, Token) and p.type == "CONCEPT")
        window = next((p for p in parts if isinstance(p, Window)), None)
        lasting = next((p for p in parts if isinstance(p, Duration)), None)
        names = next((p[1] for p in parts if isinstance(p, tuple)), ())
        c = self._concept(ctok)
        if c.numeric or c.categories:
            raise self._error(
                f"'{c.id}' is a measured concept: compare it with a threshold "
                f"(e.g. {c.id} > 1{' ' + c.unit if c.unit and c.unit != '1' else ''})",
                ctok,
            )
        if lasting is not None and c.kind == "fact":
            raise self._error(f"'{c.id}' is a recorded fact, with no dates to last over", ctok)
        excluding = self._excluding(c, names)
        return Mention(
            c.id,
            "history" if history else "current",
            window,
            lasting,
            excluding,
            span=self._span(ctok),
        )

    def comparison(self, ctok: Token, op: Token, value: Any, window: Window | None = None) -> Node:
        c = self._concept(ctok)
        val: Value
        if c.fact_type == "category" and not c.categories:
            val = self._free_label(c, op, value, ctok)
        elif isinstance(value, tuple) and value[0] == "q":
            _, num, utok = value
            val = self._quantity(c, num, utok, ctok)
        elif isinstance(value, tuple) and value[0] == "ref":
            val = RefMultiple(float(value[1]), value[2])
        else:
            word = str(value)
            other = None if c.categories else self.vocab.concepts.get(word)
            if other is not None:
                return self._versus(c, op, other, window, ctok, value)
            if not c.categories:
                raise self._error(f"'{c.id}' is compared with numbers, not '{word}'", value)
            match = next((k for k in c.categories if k.lower() == word.lower()), None)
            if match is None:
                raise self._error(
                    f"'{word}' is not a value of {c.id} (accepted: {', '.join(c.categories)})",
                    value,
                )
            val = Category(match)
        return Comparison(c.id, str(op), val, window, span=self._span(ctok))  # type: ignore[arg-type]

    def _free_label(self, c: Concept, op: Token, value: Any, ctok: Token) -> Category:
        """ "study_cohort = part_a": a category fact with free labels (no listed categories)
        is equal or not to a label, in lower case; unranked, so never ``<`` or ``>``."""
        if str(op) not in ("=", "!="):
            raise self._error(f"'{c.id}' has labels, not ranks: compare it with = or !=", op)
        if isinstance(value, tuple):
            raise self._error(f"'{c.id}' is compared with a label such as part_a", ctok)
        return Category(str(value).lower())

    def _versus(
        self, c: Concept, op: Token, other: Concept, window: Window | None, ctok: Token, at: Token
    ) -> Versus:
        """ "ast > alt": two measures compared with each other, if they can be."""
        if not comparable(c, other):
            raise self._error(
                f"'{c.id}' and '{other.id}' cannot be compared with each other: only two lab "
                "measures with one unit can",
                at,
            )
        return Versus(c.id, str(op), other.id, window, span=self._span(ctok))  # type: ignore[arg-type]

    def _quantity(self, c: Concept, num: Token, utok: Token | None, ctok: Token) -> Quantity:
        from .units import compatible, normalize_unit

        value = float(num)
        if not math.isfinite(value) or abs(value) > 1e15:
            raise self._error(f"number {num} is too large for a threshold", num)
        if utok is None:
            if c.unit not in (None, "1") and c.kind != "demographic":
                raise self._error(f"missing unit after {num}: {c.id} is measured in {c.unit}", num)
            if c.kind == "demographic":
                raise self._error(f"missing unit after {num} (years or months)", num)
            return Quantity(value, "")
        raw = str(utok)
        if raw.lower() in _TIME_WORDS:
            return Quantity(value, _TIME_WORDS[raw.lower()])
        try:
            unit = normalize_unit(raw)
        except UnitError as e:
            raise self._error(str(e), utok) from None
        if c.unit is None or not compatible(unit, c.unit, c.molar_mass):
            raise self._error(f"unit {unit} cannot measure {c.id} (canonical unit {c.unit})", utok)
        return Quantity(value, unit)

    def quantity(self, num: Token, unit: Token | None = None) -> Any:
        return ("q", num, unit)

    def ref_multiple(self, num: Token, limit: Token) -> Any:
        return ("ref", num, str(limit))

    def category(self, word: Token) -> Any:
        return word


def op_of(text: str) -> Op:
    """Validate an operator string."""
    if text not in ("<", "<=", ">", ">=", "=", "!="):
        raise ValueError(text)
    return text  # type: ignore[return-value]
